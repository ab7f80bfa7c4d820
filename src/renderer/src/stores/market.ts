/**
 * Live market state for this window: merged quotes (snapshot + ticks), order books and feed
 * states. Subscriptions are ref-counted per code, and ticks are applied once per animation frame.
 */
import { create } from 'zustand';
import type { FeedState } from '../../../shared/contract';
import type { Instrument } from '../../../shared/domain/instruments';
import type { OrderBook, Quote, Tick } from '../../../shared/domain/market';
import { getBridge } from '../bridge';
import { describeError } from '../lib/errors';
import { frameCoalescer } from './coalesce';

export interface QuoteView extends Quote {
  /** The last tick's time (HHMMSS), when live. */
  time?: string;
  askPrice?: number;
  bidPrice?: number;
  /** Bumped on every change so grids can flash the row. */
  seq: number;
}

interface MarketState {
  quotes: Record<string, QuoteView>;
  books: Record<string, OrderBook>;
  feeds: Record<string, FeedState>;
  errors: Record<string, string>;
  names: Record<string, string>;
  kinds: Record<string, Instrument['kind']>;
}

export const useMarket = create<MarketState>(() => ({
  quotes: {},
  books: {},
  feeds: {},
  errors: {},
  names: {},
  kinds: {},
}));

/** Listeners that want the raw per-frame tick batch (charts). */
const tickListeners = new Set<(ticks: Tick[]) => void>();
export function onTicks(l: (ticks: Tick[]) => void): () => void {
  tickListeners.add(l);
  return () => tickListeners.delete(l);
}

export function mergeTick(prev: QuoteView | undefined, t: Tick): QuoteView {
  const base: QuoteView = prev ?? {
    code: t.code,
    price: t.price,
    change: t.change,
    changeRate: t.changeRate,
    open: t.open,
    high: t.high,
    low: t.low,
    volume: t.cumVolume,
    prevClose: t.price - t.change,
    upperLimit: 0,
    lowerLimit: 0,
    seq: 0,
  };
  return {
    ...base,
    price: t.price,
    change: t.change,
    changeRate: t.changeRate,
    sign: t.sign,
    open: t.open || base.open,
    high: t.high || base.high,
    low: t.low || base.low,
    volume: t.cumVolume,
    value: t.cumValue,
    time: t.time,
    ...(t.askPrice ? { askPrice: t.askPrice } : {}),
    ...(t.bidPrice ? { bidPrice: t.bidPrice } : {}),
    seq: base.seq + 1,
  };
}

const tickFlush = frameCoalescer<Tick>((ticks) => {
  useMarket.setState((s) => {
    const quotes = { ...s.quotes };
    for (const t of ticks) quotes[t.code] = mergeTick(quotes[t.code], t);
    return { quotes };
  });
  for (const l of tickListeners) l(ticks);
});

const bookFlush = frameCoalescer<OrderBook>((books) => {
  useMarket.setState((s) => {
    const next = { ...s.books };
    for (const b of books) next[b.code] = b;
    return { books: next };
  });
});

type Shared = Map<string, { refs: number; dispose: () => void }>;
const tickSubs: Shared = new Map();
const bookSubs: Shared = new Map();

/**
 * One host subscription per symbol, however many panels of this window hold it: `open` runs for
 * the first holder, its disposer (and `onLast`) when the last one lets go. Each holder's disposer
 * works once.
 */
function holdShared(subs: Shared, code: string, open: () => () => void, onLast?: () => void): () => void {
  const have = subs.get(code);
  if (have) have.refs++;
  else subs.set(code, { refs: 1, dispose: open() });
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const sub = subs.get(code);
    if (sub && --sub.refs === 0) {
      sub.dispose();
      subs.delete(code);
      onLast?.();
    }
  };
}

function setError(code: string, e: unknown): void {
  useMarket.setState((s) => ({ errors: { ...s.errors, [code]: describeError(e) } }));
}

/** Loads the quote snapshot and keeps it live while anyone holds the returned disposer. */
export function watchQuote(code: string): () => void {
  return holdShared(
    tickSubs,
    code,
    () => {
      const { api } = getBridge();
      api.market
        .quote({ code })
        .then((q) =>
          useMarket.setState((s) => {
            const cur = s.quotes[code];
            // Keep live fields when a tick beat the snapshot; take the reference fields from it.
            const merged: QuoteView = cur ? { ...q, ...pickLive(cur), seq: cur.seq + 1 } : { ...q, seq: 1 };
            const names = q.name ? { ...s.names, [code]: q.name } : s.names;
            const { [code]: _gone, ...errors } = s.errors;
            return { quotes: { ...s.quotes, [code]: merged }, names, errors };
          }),
        )
        .catch((e: unknown) => setError(code, e));
      const dispose = api.market.ticks(
        { codes: [code] },
        (events) => tickFlush.push(events),
        (e) => setError(code, e),
      );
      refreshFeedsSoon();
      return dispose;
    },
    // A symbol this window no longer watches has no feed state worth showing.
    () =>
      useMarket.setState((s) => {
        const { [code]: _gone, ...feeds } = s.feeds;
        return { feeds };
      }),
  );
}

function pickLive(q: QuoteView): Partial<QuoteView> {
  return {
    price: q.price,
    change: q.change,
    changeRate: q.changeRate,
    ...(q.sign ? { sign: q.sign } : {}),
    open: q.open,
    high: q.high,
    low: q.low,
    volume: q.volume,
    ...(q.value !== undefined ? { value: q.value } : {}),
    ...(q.time ? { time: q.time } : {}),
    ...(q.askPrice ? { askPrice: q.askPrice } : {}),
    ...(q.bidPrice ? { bidPrice: q.bidPrice } : {}),
  };
}

/** The 10-level book: a snapshot, then the latest-wins stream. */
export function watchBook(code: string): () => void {
  return holdShared(bookSubs, code, () => {
    const { api } = getBridge();
    api.market
      .book({ code })
      .then((b) => useMarket.setState((s) => (s.books[code] ? s : { books: { ...s.books, [code]: b } })))
      .catch((e: unknown) => setError(code, e));
    return api.market.books(
      { codes: [code] },
      (events) => bookFlush.push(events),
      (e) => setError(code, e),
    );
  });
}

/**
 * Feed states (realtime / polling / stale) for every symbol of this session. The host sends a
 * snapshot on subscribe but (today) no event when a symbol is first registered, so the stream is
 * re-opened shortly after this window starts watching new symbols.
 */
let feedsOff: (() => void) | undefined;
let feedsWanted = 0;
let feedsTimer: ReturnType<typeof setTimeout> | undefined;

function openFeeds(): void {
  feedsOff?.();
  feedsOff = getBridge().api.market.feeds({}, (events) =>
    useMarket.setState((s) => {
      const feeds = { ...s.feeds };
      for (const f of events) feeds[f.code] = f;
      return { feeds };
    }),
  );
}

function refreshFeedsSoon(): void {
  if (!feedsWanted) return;
  clearTimeout(feedsTimer);
  feedsTimer = setTimeout(openFeeds, 400);
}

export function watchFeeds(): () => void {
  feedsWanted++;
  if (feedsWanted === 1) openFeeds();
  return () => {
    if (--feedsWanted > 0) return;
    clearTimeout(feedsTimer);
    feedsOff?.();
    feedsOff = undefined;
  };
}

/** Names for codes, from the instrument master (cached). */
export function ensureName(code: string): void {
  if (useMarket.getState().names[code] !== undefined) return;
  useMarket.setState((s) => ({ names: { ...s.names, [code]: '' } }));
  getBridge()
    .api.market.instrument({ code })
    .then(
      (i) =>
        i &&
        useMarket.setState((s) => ({
          names: { ...s.names, [code]: i.name },
          kinds: { ...s.kinds, [code]: i.kind },
        })),
    )
    .catch(() => undefined);
}
