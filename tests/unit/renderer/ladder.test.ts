import { describe, expect, it } from 'vitest';
import type { OrderBook, OrderRecord } from '../../../src/shared/domain/market';
import { bestPrices, buildLadderRows } from '../../../src/renderer/src/lib/ladder';

const book: OrderBook = {
  code: '005930',
  time: '093000',
  asks: [
    { price: 70100, qty: 10 },
    { price: 70200, qty: 40 },
    { price: 0, qty: 0 },
  ],
  bids: [
    { price: 70000, qty: 20 },
    { price: 69900, qty: 5 },
  ],
  totalAskQty: 50,
  totalBidQty: 25,
};

const order = (o: Partial<OrderRecord>): OrderRecord => ({
  orderNo: '1',
  code: '005930',
  side: 'buy',
  qty: 3,
  price: 70000,
  filledQty: 0,
  status: 'open',
  ...o,
});

describe('ladder rows', () => {
  it('puts asks above bids with the best prices in the middle, skipping empty levels', () => {
    const rows = buildLadderRows(book, 70100, []);
    expect(rows.map((r) => [r.side, r.level, r.price])).toEqual([
      ['ask', 2, 70200],
      ['ask', 1, 70100],
      ['bid', 1, 70000],
      ['bid', 2, 69900],
    ]);
    expect(rows.find((r) => r.isLast)?.price).toBe(70100);
    expect(rows[0]!.bar).toBe(1);
    expect(rows[1]!.bar).toBe(0.25);
  });

  it('shows own working orders at their price, by side, with what is left', () => {
    const rows = buildLadderRows(book, undefined, [
      order({ orderNo: '1', qty: 3, filledQty: 1, status: 'partial' }),
      order({ orderNo: '2', qty: 2 }),
      order({ orderNo: '3', side: 'sell', price: 70200, qty: 7 }),
      order({ orderNo: '4', status: 'filled', qty: 9 }),
      order({ orderNo: '5', code: '000660', qty: 9 }),
    ]);
    const bid = rows.find((r) => r.price === 70000)!;
    expect(bid.ownBuy).toBe(4);
    expect(bid.ownOrders.map((o) => o.orderNo)).toEqual(['1', '2']);
    expect(rows.find((r) => r.price === 70200)!.ownSell).toBe(7);
  });

  it('finds the best ask and bid', () => {
    expect(bestPrices(book)).toEqual({ ask: 70100, bid: 70000 });
    expect(bestPrices(undefined)).toEqual({});
  });
});
