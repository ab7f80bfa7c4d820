/** Exit codes of the `observer` command, fixed once for every command. */
export const EXIT = {
  ok: 0,
  /** Something unexpected (a bug). */
  failure: 1,
  /** Wrong arguments. */
  usage: 2,
  /** Bad or missing configuration (credentials file, keys, data directory). */
  config: 3,
  /** The broker answered with an error (KIS msg_cd / msg1). */
  broker: 4,
  /** The broker could not be reached. */
  network: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}
