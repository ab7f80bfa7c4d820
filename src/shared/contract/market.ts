/** The `market` domain: search, snapshots, bars, and the live tick / book / feed-state streams. */
import { z } from 'zod';
import { Instrument } from '../domain/instruments';
import { Bar, BarPeriod, OrderBook, Quote, StockCode, Tick } from '../domain/market';
import { request, stream } from './define';

const Code = z.object({ code: StockCode }).strict();
const YMD = z.string().regex(/^\d{8}$/, 'a date as YYYYMMDD');

/** How a symbol's data reaches this window. */
export const FeedState = z.object({
  code: StockCode,
  /** realtime: a KIS registration; polling: REST snapshots (no slot was free); stale: nothing lately. */
  feed: z.enum(['realtime', 'polling', 'stale']),
  reason: z.string().optional(),
  /** epoch ms of the last tick or book for this symbol */
  lastEventAt: z.number().optional(),
});
export type FeedState = z.infer<typeof FeedState>;

export const market = {
  search: request(
    'market:search',
    z.object({ query: z.string().max(40), limit: z.number().int().min(1).max(100).optional() }).strict(),
    z.array(Instrument),
  ),
  instrument: request('market:instrument', Code, Instrument.nullable()),
  quote: request('market:quote', Code, Quote),
  book: request('market:book', Code, OrderBook),
  bars: request(
    'market:bars',
    z.object({ code: StockCode, period: BarPeriod, from: YMD.optional(), to: YMD.optional() }).strict(),
    z.array(Bar),
  ),
  ticks: stream('market:ticks', z.object({ codes: z.array(StockCode).min(1).max(100) }).strict(), Tick),
  books: stream('market:books', z.object({ codes: z.array(StockCode).min(1).max(41) }).strict(), OrderBook, {
    coalesceKey: (b) => b.code,
  }),
  feeds: stream('market:feeds', z.object({}).strict().optional(), FeedState, { coalesceKey: (f) => f.code }),
} as const;
