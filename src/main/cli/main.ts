/**
 * `observer` — the command line face of the core. Parses arguments once for every command, maps
 * errors to the fixed exit codes (0 ok, 2 usage, 3 config, 4 broker/API, 5 network) and never
 * prints a stack trace to a trader.
 */
import { parseArgs, formatOptions } from './args';
import type { CliIO, Command, GlobalOptions } from './command';
import { GLOBAL_OPTIONS } from './command';
import { CliError, EXIT, UsageError, type ExitCode } from './exit-codes';
import { COMMANDS } from './registry';
import { APP_VERSION } from '../core/version';
import { toCliError } from './errors';

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    `observer ${APP_VERSION} — a trading terminal for Korea Investment & Securities (KIS) Open API`,
    '',
    'Usage: observer <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    ...formatOptions(GLOBAL_OPTIONS),
    '',
    'Exit codes: 0 ok, 2 usage, 3 configuration, 4 broker/API error, 5 network.',
    "Run 'observer <command> --help' for a command's options.",
  ].join('\n');
}

function commandHelp(cmd: Command): string {
  const opts = formatOptions(cmd.options);
  return [
    `Usage: observer ${cmd.usage}`,
    '',
    cmd.summary,
    ...(opts.length ? ['', 'Options:', ...opts] : []),
  ].join('\n');
}

/** The command is the first word that is neither an option nor a global option's value. */
function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return -1;
    if (!a.startsWith('-')) return i;
    const name = a.slice(2);
    if (!a.includes('=') && GLOBAL_OPTIONS[name] && GLOBAL_OPTIONS[name].type !== 'boolean') i++;
  }
  return -1;
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  let cmd: Command | undefined;
  try {
    const at = commandIndex(argv);
    const first = at === -1 ? undefined : argv[at];
    cmd = first ? COMMANDS.find((c) => c.name === first) : undefined;
    if (first && !cmd) {
      throw new UsageError(`Unknown command "${first}". Run 'observer --help' for the list.`);
    }
    const specs = { ...GLOBAL_OPTIONS, ...(cmd?.options ?? {}) };
    const rest = at === -1 ? [...argv] : [...argv.slice(0, at), ...argv.slice(at + 1)];
    const { options, positionals } = parseArgs(rest, specs);

    if (options.version && !cmd) {
      io.out(APP_VERSION);
      return EXIT.ok;
    }
    if (options.help || !cmd) {
      io.out(cmd ? commandHelp(cmd) : helpText());
      return cmd || options.help ? EXIT.ok : EXIT.usage;
    }
    const [min, max] = cmd.positionals;
    if (positionals.length < min || positionals.length > max) {
      throw new UsageError(
        `${cmd.name} takes ${min === max ? min : `${min} to ${max === Infinity ? 'any number of' : max}`} argument${max === 1 ? '' : 's'}; usage: observer ${cmd.usage}`,
      );
    }
    const global: GlobalOptions = {
      env: (options.env as GlobalOptions['env'] | undefined) ?? 'demo',
      config: options.config as string | undefined,
      restUrl: options['rest-url'] as string | undefined,
      wsUrl: options['ws-url'] as string | undefined,
      json: options.json === true,
    };
    return (await cmd.run({ global, options, positionals, io })) ?? EXIT.ok;
  } catch (e) {
    const err: CliError = e instanceof CliError ? e : toCliError(e);
    io.err(`observer: ${err.message}`);
    if (err.hint) io.err(`  ${err.hint}`);
    if (err instanceof UsageError && cmd) io.err(`  usage: observer ${cmd.usage}`);
    if (err.exitCode === EXIT.failure && e instanceof Error && e.stack && io.env.OBSERVER_DEBUG)
      io.err(e.stack);
    return err.exitCode;
  }
}
