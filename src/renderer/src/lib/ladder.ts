/** Builds the 호가 ladder rows: 10 asks (highest on top) above 10 bids, with own orders and bars. */
import type { OrderBook, OrderRecord } from '../../../shared/domain/market';

export interface LadderRow {
  side: 'ask' | 'bid';
  /** 1 = best level */
  level: number;
  price: number;
  qty: number;
  /** 0..1 share of the largest level on screen */
  bar: number;
  isLast: boolean;
  ownBuy: number;
  ownSell: number;
  ownOrders: OrderRecord[];
}

export function remainingOf(o: OrderRecord): number {
  return o.remainingQty ?? Math.max(0, o.qty - o.filledQty);
}

export function buildLadderRows(
  book: OrderBook,
  lastPrice: number | undefined,
  orders: readonly OrderRecord[],
  depth = 10,
): LadderRow[] {
  const working = orders.filter(
    (o) => o.code === book.code && (o.status === 'open' || o.status === 'partial') && remainingOf(o) > 0,
  );
  const asks = book.asks.slice(0, depth).filter((l) => l.price > 0);
  const bids = book.bids.slice(0, depth).filter((l) => l.price > 0);
  const maxQty = Math.max(1, ...asks.map((l) => l.qty), ...bids.map((l) => l.qty));
  const row = (side: 'ask' | 'bid', level: number, price: number, qty: number): LadderRow => {
    const own = working.filter((o) => o.price === price);
    return {
      side,
      level,
      price,
      qty,
      bar: qty / maxQty,
      isLast: lastPrice !== undefined && price === lastPrice,
      ownBuy: own.filter((o) => o.side === 'buy').reduce((s, o) => s + remainingOf(o), 0),
      ownSell: own.filter((o) => o.side === 'sell').reduce((s, o) => s + remainingOf(o), 0),
      ownOrders: own,
    };
  };
  const askRows = asks.map((l, i) => row('ask', i + 1, l.price, l.qty)).reverse();
  const bidRows = bids.map((l, i) => row('bid', i + 1, l.price, l.qty));
  return [...askRows, ...bidRows];
}

/** Best ask / best bid of a book (price 0 levels are empty). */
export function bestPrices(book: OrderBook | undefined): { ask?: number; bid?: number } {
  const ask = book?.asks.find((l) => l.price > 0)?.price;
  const bid = book?.bids.find((l) => l.price > 0)?.price;
  return { ...(ask ? { ask } : {}), ...(bid ? { bid } : {}) };
}
