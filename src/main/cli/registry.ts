import type { Command } from './command';
import { balanceCommand, ordersCommand } from './commands/account';
import { journalCommand } from './commands/journal';
import { bookCommand, chartCommand, quoteCommand } from './commands/market';
import { serveCommand } from './commands/serve';
import { simCommand } from './commands/sim';
import { streamCommand } from './commands/stream';
import { buyCommand, cancelCommand, modifyCommand, sellCommand } from './commands/trade';

/** Every `observer` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  quoteCommand,
  bookCommand,
  chartCommand,
  balanceCommand,
  ordersCommand,
  buyCommand,
  sellCommand,
  cancelCommand,
  modifyCommand,
  journalCommand,
  streamCommand,
  serveCommand,
  simCommand,
];
