/**
 * Broker-neutral market and account types. The KIS client maps wire records (strings) into these
 * (numbers); the host services, the CLI's --json output and the renderer all speak them.
 * Zod schemas so the bridge contract can validate them and types are inferred from one place.
 */
import { z } from 'zod';

export const Side = z.enum(['buy', 'sell']);
export type Side = z.infer<typeof Side>;

/** Price as whole won (domestic stocks trade in integer KRW). */
const Won = z.number().int();
const Qty = z.number().int().nonnegative();
export const StockCode = z.string().regex(/^(?:[0-9A-Z]{6}|Q[0-9A-Z]{6})$/, 'a 6-character stock code');

export const Quote = z.object({
  code: StockCode,
  name: z.string().optional(),
  price: Won,
  change: Won,
  changeRate: z.number(),
  /** KIS prdy_vrss_sign: 1 upper-limit, 2 up, 3 flat, 4 lower-limit, 5 down. */
  sign: z.enum(['1', '2', '3', '4', '5']).optional(),
  open: Won,
  high: Won,
  low: Won,
  volume: Qty,
  value: z.number().nonnegative().optional(),
  prevClose: Won,
  upperLimit: Won,
  lowerLimit: Won,
  tickSize: Won.optional(),
  w52High: Won.optional(),
  w52Low: Won.optional(),
  per: z.number().optional(),
  pbr: z.number().optional(),
});
export type Quote = z.infer<typeof Quote>;

export const BookLevel = z.object({ price: Won, qty: Qty });
export type BookLevel = z.infer<typeof BookLevel>;

/** 10-level book; asks[0] and bids[0] are the best prices. Empty levels have price 0. */
export const OrderBook = z.object({
  code: StockCode,
  /** HHMMSS as sent by KIS. */
  time: z.string(),
  asks: z.array(BookLevel),
  bids: z.array(BookLevel),
  totalAskQty: Qty,
  totalBidQty: Qty,
});
export type OrderBook = z.infer<typeof OrderBook>;

export const BarPeriod = z.enum(['1m', '5m', 'D', 'W', 'M']);
export type BarPeriod = z.infer<typeof BarPeriod>;

export const Bar = z.object({
  /** YYYYMMDD for daily and longer bars; YYYYMMDDHHMMSS for minute bars. */
  date: z.string(),
  open: Won,
  high: Won,
  low: Won,
  close: Won,
  volume: Qty,
});
export type Bar = z.infer<typeof Bar>;

/** One trade from H0STCNT0. */
export const Tick = z.object({
  code: StockCode,
  /** HHMMSS */
  time: z.string(),
  price: Won,
  change: Won,
  changeRate: z.number(),
  sign: z.enum(['1', '2', '3', '4', '5']),
  open: Won,
  high: Won,
  low: Won,
  volume: Qty,
  cumVolume: Qty,
  cumValue: z.number().nonnegative(),
  askPrice: Won,
  bidPrice: Won,
});
export type Tick = z.infer<typeof Tick>;

export const Position = z.object({
  code: StockCode,
  name: z.string(),
  qty: Qty,
  orderableQty: Qty.optional(),
  avgPrice: z.number().nonnegative(),
  price: Won,
  evalAmount: z.number().optional(),
  pnl: z.number(),
  pnlRate: z.number().optional(),
});
export type Position = z.infer<typeof Position>;

export const Balance = z.object({
  cash: z.number(),
  orderable: z.number(),
  totalEval: z.number(),
  pnl: z.number(),
  positions: z.array(Position),
});
export type Balance = z.infer<typeof Balance>;

export const OrderStatus = z.enum(['open', 'partial', 'filled', 'cancelled', 'rejected']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderRecord = z.object({
  orderNo: z.string(),
  origOrderNo: z.string().optional(),
  branchNo: z.string().optional(),
  code: StockCode,
  name: z.string().optional(),
  side: Side,
  qty: Qty,
  price: Won,
  filledQty: Qty,
  avgFillPrice: z.number().nonnegative().optional(),
  remainingQty: Qty.optional(),
  orderType: z.string().optional(),
  time: z.string().optional(),
  status: OrderStatus,
});
export type OrderRecord = z.infer<typeof OrderRecord>;

export const NoticeKind = z.enum(['accepted', 'fill', 'rejected', 'cancelled', 'modified']);
export type NoticeKind = z.infer<typeof NoticeKind>;

/** One decoded H0STCNI0/H0STCNI9 record. */
export const OrderNotice = z.object({
  kind: NoticeKind,
  orderNo: z.string(),
  origOrderNo: z.string().optional(),
  branchNo: z.string().optional(),
  account: z.string().optional(),
  code: StockCode,
  side: Side,
  /** Fill qty on fills; order qty on receipts. */
  qty: Qty,
  /** Fill price on fills; order price on receipts. */
  price: Won,
  orderQty: Qty.optional(),
  time: z.string(),
  name: z.string().optional(),
});
export type OrderNotice = z.infer<typeof OrderNotice>;
