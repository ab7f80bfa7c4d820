/** Maps errors from the core to CLI errors with the right exit code and a plain sentence. */
import { KisConfigError, KisError, KisNetworkError } from '../core/kis';
import { BrokerError } from '../core/services/broker';
import { CliError, EXIT } from './exit-codes';

interface Classified {
  exitCode: (typeof EXIT)[keyof typeof EXIT];
  message: string;
  hint?: string;
}

/** Error classes register here by name so the CLI does not import every module's errors. */
const byName: Record<string, (e: Error & Record<string, unknown>) => Classified> = {
  NonLoopbackBindError: (e) => ({ exitCode: EXIT.usage, message: e.message }),
};

export function registerCliErrorMapping(
  name: string,
  map: (e: Error & Record<string, unknown>) => Classified,
): void {
  byName[name] = map;
}

export function toCliError(e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof BrokerError) {
    const code = e.kind === 'config' ? EXIT.config : e.kind === 'network' ? EXIT.network : EXIT.broker;
    return new CliError(e.message, code, e.details.hint);
  }
  if (e instanceof KisConfigError) return new CliError(e.message, EXIT.config);
  if (e instanceof KisNetworkError) return new CliError(`Could not reach KIS: ${e.message}`, EXIT.network);
  if (e instanceof KisError) {
    const hint = (e as KisError & { hint?: string }).hint;
    return new CliError(e.message, EXIT.broker, hint);
  }
  if (e instanceof Error) {
    const map = byName[e.name];
    if (map) {
      const c = map(e as Error & Record<string, unknown>);
      return new CliError(c.message, c.exitCode, c.hint);
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return new CliError(`${e.message}`, EXIT.usage, 'Choose another --port.');
    if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ENOTFOUND' || code === 'ECONNRESET') {
      return new CliError(`Network error: ${e.message}`, EXIT.network);
    }
    return new CliError(
      `Unexpected error: ${e.message}`,
      EXIT.failure,
      'Set OBSERVER_DEBUG=1 to see details.',
    );
  }
  return new CliError(`Unexpected error: ${String(e)}`, EXIT.failure);
}
