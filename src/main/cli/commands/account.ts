/** `observer balance|orders` — the account as KIS reports it. */
import type { Balance, OrderRecord } from '../../../shared/domain/market';
import type { Command } from '../command';
import { fmtSigned, fmtWon, table } from '../format';
import { withBroker } from '../broker-session';

export function balanceJson(b: Balance) {
  return {
    cash: b.cash,
    orderable: b.orderable,
    totalEval: b.totalEval,
    pnl: b.pnl,
    positions: b.positions.map((p) => ({
      code: p.code,
      name: p.name,
      qty: p.qty,
      avgPrice: p.avgPrice,
      price: p.price,
      pnl: p.pnl,
    })),
  };
}

export function orderJson(o: OrderRecord) {
  return {
    orderNo: o.orderNo,
    code: o.code,
    side: o.side,
    qty: o.qty,
    price: o.price,
    filledQty: o.filledQty,
    status: o.status,
  };
}

export const balanceCommand: Command = {
  name: 'balance',
  summary: 'Cash, orderable amount, evaluation and positions (잔고)',
  usage: 'balance',
  positionals: [0, 0],
  options: {},
  run: (ctx) =>
    withBroker(ctx, async ({ broker }) => {
      const b = await broker.getBalance();
      if (ctx.global.json) {
        ctx.io.out(JSON.stringify(balanceJson(b)));
        return;
      }
      ctx.io.out(
        table([
          ['cash', fmtWon(b.cash)],
          ['orderable', fmtWon(b.orderable)],
          ['total evaluation', fmtWon(b.totalEval)],
          ['P&L', fmtSigned(b.pnl)],
        ]),
      );
      if (b.positions.length > 0) {
        ctx.io.out('');
        ctx.io.out(
          table([
            ['code', 'name', 'qty', 'avg price', 'price', 'P&L'],
            ...b.positions.map((p) => [
              p.code,
              p.name,
              fmtWon(p.qty),
              fmtWon(Math.round(p.avgPrice)),
              fmtWon(p.price),
              fmtSigned(p.pnl),
            ]),
          ]),
        );
      }
    }),
};

export const ordersCommand: Command = {
  name: 'orders',
  summary: "Today's orders with their fills; --open for those that can still be changed",
  usage: 'orders [--open]',
  positionals: [0, 0],
  options: { open: { type: 'boolean', description: 'Only orders that can still be modified or cancelled' } },
  run: (ctx) =>
    withBroker(ctx, async ({ broker }) => {
      const list = ctx.options.open ? await broker.getOpenOrders() : await broker.getDailyOrders();
      if (ctx.global.json) {
        ctx.io.out(JSON.stringify(list.map(orderJson)));
        return;
      }
      if (list.length === 0) {
        ctx.io.out(ctx.options.open ? 'No open orders.' : 'No orders today.');
        return;
      }
      ctx.io.out(
        table([
          ['order no', 'code', 'side', 'qty', 'price', 'filled', 'status'],
          ...list.map((o) => [
            o.orderNo,
            o.code,
            o.side,
            fmtWon(o.qty),
            o.price ? fmtWon(o.price) : 'market',
            fmtWon(o.filledQty),
            o.status,
          ]),
        ]),
      );
    }),
};
