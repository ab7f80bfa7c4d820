/** Minimal logging seam; the host plugs its own logger, tests capture, the default stays silent. */
export interface KisLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

const noop = (): void => undefined;
export const silentLogger: KisLogger = { debug: noop, info: noop, warn: noop, error: noop };
