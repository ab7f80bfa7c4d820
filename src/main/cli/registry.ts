import type { Command } from './command';
import { serveCommand } from './commands/serve';

/** Every `observer` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [serveCommand];
