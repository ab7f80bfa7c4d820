/**
 * MarketDataHub: one broker registration per (kind, symbol) shared by every panel of every window;
 * within the broker's registration budget, and when no slot is free the symbol falls back to REST
 * polling and says so. After a reconnect it fetches snapshots so panels see no gap.
 */
import type { OrderBook, Quote, Tick } from '../../../shared/domain/market';
import { Emitter, toDisposable, type Disposable } from '../../../shared/lifecycle';
import type { FeedState } from '../../../shared/contract/market';
import type { Broker } from './broker';

type Kind = 'tick' | 'book';

interface Entry<T> {
  kind: Kind;
  code: string;
  listeners: Set<(v: T) => void>;
  registration: Disposable | undefined;
  pollTimer: ReturnType<typeof setInterval> | undefined;
  feed: FeedState['feed'];
  reason: string | undefined;
  lastEventAt: number | undefined;
}

export interface MarketDataHubOptions {
  /** REST polling interval for symbols without a real-time slot, ms. */
  pollIntervalMs?: number;
  /** A real-time symbol with no event for this long is reported stale, ms. */
  staleAfterMs?: number;
  now?: () => number;
}

/** Builds a tick from a REST quote (polling, and gap-filling after a reconnect). */
export function tickFromQuote(q: Quote, time: string): Tick {
  return {
    code: q.code,
    time,
    price: q.price,
    change: q.change,
    changeRate: q.changeRate,
    sign: q.sign ?? (q.change > 0 ? '2' : q.change < 0 ? '5' : '3'),
    open: q.open,
    high: q.high,
    low: q.low,
    volume: 0,
    cumVolume: q.volume,
    cumValue: q.value ?? 0,
    askPrice: 0,
    bidPrice: 0,
  };
}

function kstHHMMSS(epochMs: number): string {
  const d = new Date(epochMs + 9 * 3600_000);
  return d.toISOString().slice(11, 19).replace(/:/g, '');
}

export class MarketDataHub implements Disposable {
  private readonly ticks = new Map<string, Entry<Tick>>();
  private readonly books = new Map<string, Entry<OrderBook>>();
  private readonly feedChanged = new Emitter<FeedState>();
  readonly onDidChangeFeed = this.feedChanged.event;
  private readonly pollIntervalMs: number;
  private readonly staleAfterMs: number;
  private readonly now: () => number;
  private readonly staleTimer: ReturnType<typeof setInterval>;
  private readonly reconnectSub: Disposable;
  private disposed = false;

  constructor(
    private readonly broker: Broker,
    options: MarketDataHubOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 3_000;
    this.staleAfterMs = options.staleAfterMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.staleTimer = setInterval(() => this.checkStale(), Math.min(this.staleAfterMs, 5_000));
    this.staleTimer.unref?.();
    this.reconnectSub = broker.realtime.onDidReconnect(() => void this.fillGaps());
  }

  subscribeTicks(code: string, listener: (t: Tick) => void): Disposable {
    return this.add(this.ticks, 'tick', code, listener);
  }

  subscribeBook(code: string, listener: (b: OrderBook) => void): Disposable {
    return this.add(this.books, 'book', code, listener);
  }

  /** Current feed state of every symbol with at least one subscriber. */
  feeds(): FeedState[] {
    const out = new Map<string, FeedState>();
    for (const e of this.all()) {
      const prev = out.get(e.code);
      // A symbol is only as good as its worst feed.
      if (!prev || rank(e.feed) > rank(prev.feed)) out.set(e.code, this.stateOf(e));
    }
    return [...out.values()];
  }

  get registrationCount(): number {
    let n = 0;
    for (const e of this.all()) if (e.registration) n++;
    return n;
  }

  private all(): Entry<unknown>[] {
    return [...this.ticks.values(), ...this.books.values()] as Entry<unknown>[];
  }

  private add<T>(map: Map<string, Entry<T>>, kind: Kind, code: string, listener: (v: T) => void): Disposable {
    if (this.disposed) throw new Error('MarketDataHub is disposed');
    let entry = map.get(code);
    if (!entry) {
      entry = {
        kind,
        code,
        listeners: new Set(),
        registration: undefined,
        pollTimer: undefined,
        feed: 'realtime',
        reason: undefined,
        lastEventAt: undefined,
      };
      map.set(code, entry);
      this.start(entry);
    }
    entry.listeners.add(listener);
    const e = entry;
    return toDisposable(() => {
      e.listeners.delete(listener);
      if (e.listeners.size === 0) {
        this.stop(e);
        map.delete(code);
      }
    });
  }

  private start<T>(entry: Entry<T>): void {
    const fanout = (v: T) => {
      entry.lastEventAt = this.now();
      if (entry.feed === 'stale') this.setFeed(entry, 'realtime', undefined);
      for (const l of [...entry.listeners]) l(v);
    };
    try {
      entry.registration =
        entry.kind === 'tick'
          ? this.broker.realtime.subscribeTicks(entry.code, fanout as (t: Tick) => void)
          : this.broker.realtime.subscribeBook(entry.code, fanout as (b: OrderBook) => void);
      this.announce(entry, 'realtime', undefined);
    } catch (e) {
      // No registration slot (or the feed refused): poll REST instead and say why.
      this.announce(entry, 'polling', (e as Error).message);
      entry.pollTimer = setInterval(() => void this.poll(entry, fanout), this.pollIntervalMs);
      entry.pollTimer.unref?.();
    }
    // Every new subscriber starts from a snapshot, not from the next tick.
    void this.poll(entry, fanout);
  }

  private async poll<T>(entry: Entry<T>, fanout: (v: T) => void): Promise<void> {
    try {
      const v =
        entry.kind === 'tick'
          ? tickFromQuote(await this.broker.getQuote(entry.code), kstHHMMSS(this.now()))
          : await this.broker.getOrderBook(entry.code);
      if (entry.listeners.size > 0) fanout(v as T);
    } catch {
      // A failed snapshot is not fatal: the next poll or tick replaces it.
    }
  }

  private stop<T>(entry: Entry<T>): void {
    entry.registration?.dispose();
    entry.registration = undefined;
    if (entry.pollTimer) clearInterval(entry.pollTimer);
    entry.pollTimer = undefined;
  }

  private async fillGaps(): Promise<void> {
    for (const entry of this.all()) {
      if (!entry.registration) continue;
      await this.poll(entry, (v) => {
        entry.lastEventAt = this.now();
        for (const l of [...entry.listeners]) l(v);
      });
    }
  }

  private checkStale(): void {
    const t = this.now();
    for (const e of this.all()) {
      if (e.feed === 'realtime' && e.lastEventAt !== undefined && t - e.lastEventAt > this.staleAfterMs) {
        this.setFeed(e, 'stale', `no data for ${Math.round((t - e.lastEventAt) / 1000)} s`);
      }
    }
  }

  private stateOf<T>(e: Entry<T>): FeedState {
    const s: FeedState = { code: e.code, feed: e.feed };
    if (e.reason) s.reason = e.reason;
    if (e.lastEventAt !== undefined) s.lastEventAt = e.lastEventAt;
    return s;
  }

  /** A new symbol's first feed state is always announced, whatever the entry started as. */
  private announce<T>(e: Entry<T>, feed: FeedState['feed'], reason: string | undefined): void {
    e.feed = feed;
    e.reason = reason;
    this.feedChanged.fire(this.stateOf(e));
  }

  private setFeed<T>(e: Entry<T>, feed: FeedState['feed'], reason: string | undefined): void {
    if (e.feed === feed && e.reason === reason) return;
    e.feed = feed;
    e.reason = reason;
    this.feedChanged.fire(this.stateOf(e));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.staleTimer);
    this.reconnectSub.dispose();
    for (const e of this.all()) this.stop(e);
    this.ticks.clear();
    this.books.clear();
    this.feedChanged.dispose();
  }
}

function rank(feed: FeedState['feed']): number {
  return feed === 'realtime' ? 0 : feed === 'polling' ? 1 : 2;
}
