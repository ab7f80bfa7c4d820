import type { OptionSpecs, ParsedOptions } from './args';
import type { ExitCode } from './exit-codes';
import type { Mode } from '../../shared/domain/mode';

export interface CliIO {
  /** One line (or block) to standard output. */
  out(text: string): void;
  /** Diagnostics to standard error. */
  err(text: string): void;
  readonly stdinIsTTY: boolean;
  /** Asks a question on the terminal; only called when stdinIsTTY. */
  prompt(question: string): Promise<string>;
  /** Resolves when the user interrupts (Ctrl-C) or the process is asked to stop. */
  readonly interrupted: Promise<void>;
  /** Resolves when standard input closes (a parent process that started us went away). */
  stdinClosed(): Promise<void>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface GlobalOptions {
  env: Mode;
  config: string | undefined;
  restUrl: string | undefined;
  wsUrl: string | undefined;
  json: boolean;
}

export interface CommandContext {
  global: GlobalOptions;
  options: ParsedOptions;
  positionals: string[];
  io: CliIO;
}

export interface Command {
  name: string;
  summary: string;
  /** e.g. "quote <code>" */
  usage: string;
  options: OptionSpecs;
  /** Positional count accepted: [min, max]. */
  positionals: [number, number];
  run(ctx: CommandContext): Promise<ExitCode | void>;
}

export const GLOBAL_OPTIONS: OptionSpecs = {
  env: {
    type: 'string',
    choices: ['demo', 'paper', 'real'],
    description: 'Environment: demo (built-in simulator, default), paper, real. Real is never implied.',
  },
  config: {
    type: 'string',
    placeholder: 'FILE',
    description: 'kis_devlp.yaml with your app keys and accounts',
  },
  'rest-url': { type: 'string', placeholder: 'URL', description: 'Override the KIS REST base URL' },
  'ws-url': { type: 'string', placeholder: 'URL', description: 'Override the KIS WebSocket base URL' },
  json: { type: 'boolean', description: 'Machine-readable JSON output' },
  help: { type: 'boolean', description: 'Show help' },
  version: { type: 'boolean', description: 'Show the version' },
};

/** Options every long-running server command shares. */
export const SERVER_OPTIONS: OptionSpecs = {
  port: {
    type: 'integer',
    min: 0,
    max: 65535,
    placeholder: 'N',
    description: 'Port on 127.0.0.1 (default: any free port)',
  },
  'exit-on-stdin-close': {
    type: 'boolean',
    description: 'Stop when standard input closes (for test harnesses)',
  },
};

/** Resolves when a server command should stop: Ctrl-C, or standard input closing when asked to. */
export function untilStopped(ctx: Pick<CommandContext, 'io' | 'options'>): Promise<void> {
  const stops: Promise<void>[] = [ctx.io.interrupted];
  if (ctx.options['exit-on-stdin-close']) stops.push(ctx.io.stdinClosed());
  return Promise.race(stops);
}
