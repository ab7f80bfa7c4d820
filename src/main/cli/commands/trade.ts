/**
 * `observer buy|sell|cancel|modify`. Orders take the same path as in the app — the order service
 * with its risk checks, lock and journal. Tickets are validated before anything is sent (quantity,
 * tick size); a REAL-mode order needs --yes or a typed confirmation at a terminal, and is refused
 * when standard input is not a terminal; a confirm-tier risk decision needs --yes (or a typed yes)
 * and is printed; a block-tier decision exits 2 with the rule and the numbers. An order is never
 * re-sent: an unknown outcome says so.
 */
import path from 'node:path';
import { isOnTick, stepTick, tickSize } from '../../../shared/domain/krx';
import type { Side } from '../../../shared/domain/market';
import { OrderTicket, type PlaceOutcome, type RiskDecision } from '../../../shared/domain/orders';
import { defaultDataDir } from '../../core/kis';
import type { Broker } from '../../core/services/broker';
import { InstrumentService } from '../../core/services/instruments';
import { OrderJournal } from '../../core/services/journal';
import { OrderRefusedError, OrderService } from '../../core/services/orders';
import { SafetyService } from '../../core/services/safety';
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

function describeChecks(checks: readonly RiskDecision[]): string {
  return checks.map((c) => `  [${c.tier}] ${c.rule}: ${c.message} (${c.messageEn})`).join('\n');
}

/**
 * REAL mode always asks (unless --yes); other modes ask only when a confirm-tier decision needs
 * the trader's yes. One question covers both, with the decisions printed above it.
 */
async function confirmOrder(
  ctx: CommandContext,
  description: string,
  needing: readonly RiskDecision[] = [],
): Promise<void> {
  const real = ctx.global.env === 'real';
  if (ctx.options.yes || (!real && needing.length === 0)) return;
  if (needing.length > 0) ctx.io.err(`Needs confirmation (확인 필요):\n${describeChecks(needing)}`);
  if (!ctx.io.stdinIsTTY) {
    throw new CliError(
      real
        ? `Refusing to ${description} in REAL mode without confirmation.`
        : `Refusing to ${description} without confirmation: ${needing.map((c) => c.rule).join(', ')}.`,
      EXIT.usage,
      'Add --yes to confirm, or run it at a terminal.',
    );
  }
  const answer = await ctx.io.prompt(
    `${real ? 'REAL account' : ctx.global.env}: ${description}. Type "yes" to send: `,
  );
  if (answer.trim().toLowerCase() !== 'yes') throw new CliError('Not sent: not confirmed.', EXIT.usage);
}

const confirmReal = (ctx: CommandContext, description: string) => confirmOrder(ctx, description);

/** The order service over this command's broker: risk settings, lock and journal from the data dir. */
async function withOrders(
  ctx: CommandContext,
  fn: (svc: OrderService) => Promise<number>,
): ReturnType<typeof withBroker> {
  return withBroker(ctx, async ({ broker }: { broker: Broker }) => {
    const dataDir = defaultDataDir(ctx.io.env);
    const mode = ctx.global.env;
    const journal = new OrderJournal({ dir: path.join(dataDir, 'journal'), mode });
    const safety = new SafetyService({ mode, file: path.join(dataDir, 'safety.json'), journal });
    let instruments: { get(code: string): { kind: 'stock' | 'etf' | 'etn' } | undefined };
    try {
      instruments = InstrumentService.builtIn(ctx.io.env.OBSERVER_SIM_RESOURCES);
    } catch {
      instruments = { get: () => undefined };
    }
    const svc = new OrderService(broker, instruments, { mode, journal, safety, notices: false });
    try {
      return await fn(svc);
    } catch (e) {
      if (e instanceof OrderRefusedError) {
        throw new CliError(
          `Blocked by ${e.rule}: ${e.message}`,
          EXIT.usage,
          e.checks.length > 1 ? `Every check:\n${describeChecks(e.checks)}` : undefined,
        );
      }
      throw e;
    } finally {
      svc.dispose();
      safety.dispose();
    }
  });
}

/** Prints the outcome; a rejection or an unknown outcome exits 4. */
function report(ctx: CommandContext, outcome: PlaceOutcome): number {
  if (outcome.outcome === 'needs-confirmation') {
    throw new CliError(
      `Not sent: needs confirmation — ${outcome.message}`,
      EXIT.usage,
      `${describeChecks(outcome.checks)}\nAdd --yes to confirm.`,
    );
  }
  const warnings = outcome.checks?.filter((c) => c.tier === 'warn') ?? [];
  if (warnings.length > 0) ctx.io.err(`Warnings (주의):\n${describeChecks(warnings)}`);
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
      return withOrders(ctx, async (svc) => {
        const checks = await svc.check(ticket);
        const block = checks.find((c) => c.tier === 'block');
        if (block) {
          throw new CliError(
            `Blocked by ${block.rule}: ${block.message} — ${block.messageEn}`,
            EXIT.usage,
            checks.length > 1 ? `Every check:\n${describeChecks(checks)}` : undefined,
          );
        }
        const needing = checks.filter((c) => c.tier === 'confirm');
        await confirmOrder(
          ctx,
          `${side} ${fmtWon(qty)} × ${code} at ${price !== undefined ? `${fmtWon(price)} won` : 'market'}`,
          needing,
        );
        return report(
          ctx,
          await svc.place(
            ticket,
            'cli',
            needing.map((c) => c.rule),
          ),
        );
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
    return withOrders(ctx, async (svc) => {
      await confirmReal(ctx, `cancel order ${orderNo}`);
      return report(ctx, await svc.cancel(orderNo, qty));
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
    return withOrders(ctx, async (svc) => {
      await confirmReal(ctx, `modify order ${orderNo} to ${fmtWon(price)} won`);
      return report(ctx, await svc.modify(orderNo, price, qty));
    });
  },
};
