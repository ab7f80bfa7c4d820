/**
 * `observer stream` — live ticks (and books, notices) as they arrive, one line each (JSON lines
 * with --json). Survives disconnects: the client reconnects and resubscribes by itself.
 */
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { fmtSigned, fmtWon } from '../format';
import { bookJson } from './market';
import { parseCode, withBroker } from '../broker-session';
import { DisposableStore } from '../../../shared/lifecycle';

export const streamCommand: Command = {
  name: 'stream',
  summary:
    'Stream live trades (체결) of one or more stocks; --book adds the order book, --notices your order notices',
  usage: 'stream <code...> [--book] [--notices] [--count N] [--duration S]',
  positionals: [1, 40],
  options: {
    book: { type: 'boolean', description: 'Also stream the 10-level order book' },
    notices: { type: 'boolean', description: 'Also stream your order and fill notices' },
    count: { type: 'integer', min: 1, placeholder: 'N', description: 'Stop after N events' },
    duration: { type: 'number', min: 0.1, placeholder: 'S', description: 'Stop after S seconds' },
  },
  run: (ctx) => {
    const codes = [...new Set(ctx.positionals.map(parseCode))];
    const limit = ctx.options.count as number | undefined;
    const seconds = ctx.options.duration as number | undefined;
    return withBroker(ctx, async ({ broker }) => {
      const subs = new DisposableStore();
      let seen = 0;
      let finish!: () => void;
      const done = new Promise<void>((r) => (finish = r));
      const emit = (json: object, text: string) => {
        if (limit !== undefined && seen >= limit) return;
        seen++;
        ctx.io.out(ctx.global.json ? JSON.stringify(json) : text);
        if (limit !== undefined && seen >= limit) finish();
      };
      try {
        // Notices register first: once market data flows, the notice registration is in place.
        if (ctx.options.notices) {
          subs.add(
            broker.realtime.subscribeNotices((n) =>
              emit(
                {
                  type: 'notice',
                  kind: n.kind,
                  orderNo: n.orderNo,
                  code: n.code,
                  side: n.side,
                  qty: n.qty,
                  price: n.price,
                },
                `${n.time} notice ${n.kind} ${n.side} ${n.code} ${fmtWon(n.qty)} @ ${fmtWon(n.price)} (order ${n.orderNo})`,
              ),
            ),
          );
        }
        for (const code of codes) {
          subs.add(
            broker.realtime.subscribeTicks(code, (t) =>
              emit(
                {
                  type: 'tick',
                  code: t.code,
                  time: t.time,
                  price: t.price,
                  volume: t.volume,
                  cumVolume: t.cumVolume,
                },
                `${t.time} ${t.code} ${fmtWon(t.price)} ${fmtSigned(t.change)} ×${fmtWon(t.volume)} (cum ${fmtWon(t.cumVolume)})`,
              ),
            ),
          );
          if (ctx.options.book) {
            subs.add(
              broker.realtime.subscribeBook(code, (b) =>
                emit(
                  { type: 'book', ...bookJson(b) },
                  `${b.time} ${b.code} book ask ${fmtWon(b.asks[0]?.price ?? 0)}×${fmtWon(b.asks[0]?.qty ?? 0)} bid ${fmtWon(b.bids[0]?.price ?? 0)}×${fmtWon(b.bids[0]?.qty ?? 0)}`,
                ),
              ),
            );
          }
        }
        const stops: Promise<unknown>[] = [done, ctx.io.interrupted];
        let timer: ReturnType<typeof setTimeout> | undefined;
        if (seconds !== undefined) stops.push(new Promise((r) => (timer = setTimeout(r, seconds * 1000))));
        await Promise.race(stops);
        if (timer) clearTimeout(timer);
      } finally {
        subs.dispose();
      }
      return EXIT.ok;
    });
  },
};
