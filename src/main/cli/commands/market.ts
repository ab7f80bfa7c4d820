/** `observer quote|book|chart` — market data through the same core the terminal uses. */
import { BarPeriod } from '../../../shared/domain/market';
import type { Bar, OrderBook, Quote } from '../../../shared/domain/market';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../exit-codes';
import { fmtRate, fmtSigned, fmtWon, table } from '../format';
import { parseCode, withBroker } from '../broker-session';

export function quoteJson(q: Quote) {
  return {
    code: q.code,
    price: q.price,
    change: q.change,
    changeRate: q.changeRate,
    open: q.open,
    high: q.high,
    low: q.low,
    volume: q.volume,
    prevClose: q.prevClose,
    upperLimit: q.upperLimit,
    lowerLimit: q.lowerLimit,
  };
}

export function bookJson(b: OrderBook) {
  return {
    code: b.code,
    time: b.time,
    asks: b.asks.map((l) => ({ price: l.price, qty: l.qty })),
    bids: b.bids.map((l) => ({ price: l.price, qty: l.qty })),
    totalAskQty: b.totalAskQty,
    totalBidQty: b.totalBidQty,
  };
}

export function barJson(b: Bar) {
  return { date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
}

export const quoteCommand: Command = {
  name: 'quote',
  summary: 'Current price (현재가) of a stock',
  usage: 'quote <code>',
  positionals: [1, 1],
  options: {},
  run: (ctx) =>
    withBroker(ctx, async ({ broker }) => {
      const q = await broker.getQuote(parseCode(ctx.positionals[0]!));
      if (ctx.global.json) {
        ctx.io.out(JSON.stringify(quoteJson(q)));
        return;
      }
      ctx.io.out(
        `${q.code}${q.name ? ` ${q.name}` : ''}  ${fmtWon(q.price)}  ${fmtSigned(q.change)} (${fmtRate(q.changeRate)})`,
      );
      ctx.io.out(
        table([
          ['open', fmtWon(q.open), 'high', fmtWon(q.high), 'low', fmtWon(q.low)],
          ['prev close', fmtWon(q.prevClose), 'upper', fmtWon(q.upperLimit), 'lower', fmtWon(q.lowerLimit)],
          ['volume', fmtWon(q.volume), '', '', '', ''],
        ]),
      );
    }),
};

export const bookCommand: Command = {
  name: 'book',
  summary: 'The 10-level order book (호가) of a stock',
  usage: 'book <code>',
  positionals: [1, 1],
  options: {},
  run: (ctx) =>
    withBroker(ctx, async ({ broker }) => {
      const b = await broker.getOrderBook(parseCode(ctx.positionals[0]!));
      if (ctx.global.json) {
        ctx.io.out(JSON.stringify(bookJson(b)));
        return;
      }
      const rows: string[][] = [['', 'ask qty', 'price', 'bid qty']];
      for (const l of [...b.asks].reverse()) rows.push(['ask', fmtWon(l.qty), fmtWon(l.price), '']);
      for (const l of b.bids) rows.push(['bid', '', fmtWon(l.price), fmtWon(l.qty)]);
      rows.push(['total', fmtWon(b.totalAskQty), '', fmtWon(b.totalBidQty)]);
      ctx.io.out(`${b.code} at ${b.time}`);
      ctx.io.out(table(rows));
    }),
};

const DATE_RE = /^\d{8}$/;

function parseDate(name: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  const d = new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T00:00:00Z`);
  if (!DATE_RE.test(s) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10).replace(/-/g, '') !== s) {
    throw new UsageError(`--${name} needs a date as YYYYMMDD, got "${s}".`);
  }
  return s;
}

export const chartCommand: Command = {
  name: 'chart',
  summary: 'Daily, weekly or monthly bars, oldest first',
  usage: 'chart <code> [--period D|W|M] [--from YYYYMMDD] [--to YYYYMMDD] [--csv]',
  positionals: [1, 1],
  options: {
    period: { type: 'string', choices: ['D', 'W', 'M'], description: 'Bar period (default D)' },
    from: { type: 'string', placeholder: 'YYYYMMDD', description: 'First date' },
    to: { type: 'string', placeholder: 'YYYYMMDD', description: 'Last date (default today)' },
    csv: { type: 'boolean', description: 'CSV output' },
  },
  run: (ctx: CommandContext) => {
    const from = parseDate('from', ctx.options.from);
    const to = parseDate('to', ctx.options.to);
    if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}.`);
    const period = BarPeriod.parse((ctx.options.period as string | undefined) ?? 'D');
    const code = parseCode(ctx.positionals[0]!);
    return withBroker(ctx, async ({ broker }) => {
      const bars = (await broker.getBars(code, period, from, to)).map(barJson);
      if (ctx.global.json) ctx.io.out(JSON.stringify(bars));
      else if (ctx.options.csv) {
        ctx.io.out('date,open,high,low,close,volume');
        for (const b of bars) ctx.io.out(`${b.date},${b.open},${b.high},${b.low},${b.close},${b.volume}`);
      } else {
        ctx.io.out(
          table([
            ['date', 'open', 'high', 'low', 'close', 'volume'],
            ...bars.map((b) => [
              b.date,
              fmtWon(b.open),
              fmtWon(b.high),
              fmtWon(b.low),
              fmtWon(b.close),
              fmtWon(b.volume),
            ]),
          ]),
        );
      }
    });
  },
};
