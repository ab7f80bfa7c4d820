/**
 * `observer buy|sell|cancel|modify`. Tickets are validated before anything is sent (quantity,
 * tick size); a REAL-mode order needs --yes or a typed confirmation at a terminal, and is refused
 * when standard input is not a terminal. An order is never re-sent: an unknown outcome says so.
 */
import { isOnTick, stepTick, tickSize } from '../../../shared/domain/krx';
import type { Side } from '../../../shared/domain/market';
import { OrderTicket, type OrderOutcome } from '../../../shared/domain/orders';
import type { Command, CommandContext } from '../command';
import { CliError, EXIT, UsageError } from '../exit-codes';
import { fmtWon } from '../format';
import { parseCode, withBroker } from '../broker-session';

function parsePositiveInt(what: string, raw: string | number | undefined): number {
  const s = String(raw ?? '');
  if (!/^\d+$/.test(s) || Number(s) <= 0 || !Number.isSafeInteger(Number(s))) {
    throw new UsageError(`${what} must be a whole number of at least 1, got "${s}".`);
  }
  return Number(s);
}

function checkTick(price: number): void {
  if (!isOnTick(price)) {
    const below = price - (price % tickSize(price));
    throw new UsageError(
      `${fmtWon(price)} is not on the tick grid: the tick at this price is ${fmtWon(tickSize(price))} won (nearest: ${fmtWon(below)} or ${fmtWon(stepTick(below, 1))}).`,
    );
  }
}

async function confirmReal(ctx: CommandContext, description: string): Promise<void> {
  if (ctx.global.env !== 'real' || ctx.options.yes) return;
  if (!ctx.io.stdinIsTTY) {
    throw new CliError(
      `Refusing to ${description} in REAL mode without confirmation.`,
      EXIT.usage,
      'Add --yes to confirm, or run it at a terminal.',
    );
  }
  const answer = await ctx.io.prompt(`REAL account: ${description}. Type "yes" to send: `);
  if (answer.trim().toLowerCase() !== 'yes') throw new CliError('Not sent: not confirmed.', EXIT.usage);
}

/** Prints the outcome; a rejection or an unknown outcome exits 4. */
function report(ctx: CommandContext, outcome: OrderOutcome): number {
  if (ctx.global.json) {
    if (outcome.outcome === 'accepted')
      ctx.io.out(JSON.stringify({ orderNo: outcome.orderNo, status: 'accepted' }));
    else ctx.io.out(JSON.stringify({ orderNo: null, status: outcome.outcome, message: outcome.message }));
  } else if (outcome.outcome === 'accepted') {
    ctx.io.out(`Accepted: order ${outcome.orderNo}${outcome.message ? ` — ${outcome.message}` : ''}`);
  }
  if (outcome.outcome === 'rejected') {
    throw new CliError(
      `Rejected${outcome.msgCd ? ` (${outcome.msgCd})` : ''}: ${outcome.message}`,
      EXIT.broker,
      outcome.hint,
    );
  }
  if (outcome.outcome === 'unknown') {
    throw new CliError(
      `No answer from the broker: ${outcome.message}`,
      EXIT.broker,
      "The order may or may not have been placed. Check 'observer orders' before sending it again.",
    );
  }
  return EXIT.ok;
}

function orderCommand(side: Side): Command {
  return {
    name: side,
    summary:
      side === 'buy'
        ? 'Buy shares (매수): a limit order at --price, or --market'
        : 'Sell shares (매도): a limit order at --price, or --market',
    usage: `${side} <code> <qty> [--price N | --market] [--yes]`,
    positionals: [2, 2],
    options: {
      price: {
        type: 'integer',
        min: 1,
        placeholder: 'N',
        description: 'Limit price in won (on the tick grid)',
      },
      market: { type: 'boolean', description: 'Market order (시장가)' },
      yes: { type: 'boolean', description: 'Confirm a REAL-mode order without asking' },
    },
    run: (ctx) => {
      const code = parseCode(ctx.positionals[0]!);
      const qty = parsePositiveInt('Quantity', ctx.positionals[1]);
      const price = ctx.options.price as number | undefined;
      if (price === undefined && !ctx.options.market)
        throw new UsageError('Give --price N for a limit order, or --market.');
      if (price !== undefined && ctx.options.market)
        throw new UsageError('--price and --market exclude each other.');
      if (price !== undefined) checkTick(price);
      const ticket = OrderTicket.parse(
        price !== undefined ? { code, side, qty, price, type: 'limit' } : { code, side, qty, type: 'market' },
      );
      return withBroker(ctx, async ({ broker }) => {
        await confirmReal(
          ctx,
          `${side} ${fmtWon(qty)} × ${code} at ${price !== undefined ? `${fmtWon(price)} won` : 'market'}`,
        );
        return report(ctx, await broker.placeOrder(ticket));
      });
    },
  };
}

export const buyCommand = orderCommand('buy');
export const sellCommand = orderCommand('sell');

function parseOrderNo(raw: string): string {
  if (!/^\d{1,10}$/.test(raw)) throw new UsageError(`An order number is up to 10 digits, got "${raw}".`);
  return raw.padStart(10, '0');
}

export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'Cancel the remainder of an open order (취소)',
  usage: 'cancel <orderNo> [--qty N] [--yes]',
  positionals: [1, 1],
  options: {
    qty: { type: 'integer', min: 1, placeholder: 'N', description: 'Cancel only this many shares' },
    yes: { type: 'boolean', description: 'Confirm in REAL mode without asking' },
  },
  run: (ctx) => {
    const orderNo = parseOrderNo(ctx.positionals[0]!);
    const qty = ctx.options.qty as number | undefined;
    return withBroker(ctx, async ({ broker }) => {
      await confirmReal(ctx, `cancel order ${orderNo}`);
      return report(ctx, await broker.cancelOrder({ orderNo, ...(qty !== undefined ? { qty } : {}) }));
    });
  },
};

export const modifyCommand: Command = {
  name: 'modify',
  summary: 'Change the price (and optionally the quantity) of an open order (정정)',
  usage: 'modify <orderNo> --price N [--qty N] [--yes]',
  positionals: [1, 1],
  options: {
    price: { type: 'integer', min: 1, placeholder: 'N', description: 'New limit price in won' },
    qty: {
      type: 'integer',
      min: 1,
      placeholder: 'N',
      description: 'New quantity (default: the whole remainder)',
    },
    yes: { type: 'boolean', description: 'Confirm in REAL mode without asking' },
  },
  run: (ctx) => {
    const orderNo = parseOrderNo(ctx.positionals[0]!);
    const price = ctx.options.price as number | undefined;
    if (price === undefined) throw new UsageError('modify needs --price N.');
    checkTick(price);
    const qty = ctx.options.qty as number | undefined;
    return withBroker(ctx, async ({ broker }) => {
      await confirmReal(ctx, `modify order ${orderNo} to ${fmtWon(price)} won`);
      return report(ctx, await broker.modifyOrder({ orderNo, price, ...(qty !== undefined ? { qty } : {}) }));
    });
  },
};
