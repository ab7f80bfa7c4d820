/**
 * Client-side pacing for one app key (kis-protocol.md §5: 20 req/s real, 2 req/s paper; KIS rejects,
 * never queues, the excess).
 *
 * A token bucket whose tokens come back exactly `windowMs` after being spent: at most `limit`
 * requests start in any window of `windowMs`, whatever the burst pattern (a classic refill-rate
 * bucket can put 2×limit into one window). Waiters are served by priority, FIFO within a priority,
 * so a queued order overtakes queued quote refreshes.
 */
import { abortError, systemClock, type Clock } from '../clock';

export type RequestPriority = 'order' | 'cancel' | 'account' | 'quote';
const RANK: Readonly<Record<RequestPriority, number>> = { order: 0, cancel: 1, account: 2, quote: 3 };

export interface RateLimiterOptions {
  /** Requests per window. */
  limit: number;
  /** Default 1000 ms. */
  windowMs?: number;
  clock?: Clock;
}

interface Waiter {
  resolve: () => void;
  reject: (e: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: Clock;
  /** Start times of the requests in the current window, oldest first. */
  private readonly spent: number[] = [];
  private readonly queues: Waiter[][] = [[], [], [], []];
  private wake: AbortController | undefined;
  private disposed = false;
  /** Grants so far (diagnostics and tests). */
  granted = 0;

  constructor(options: RateLimiterOptions) {
    if (!(options.limit >= 1)) throw new RangeError('RateLimiter limit must be ≥ 1');
    this.limit = Math.floor(options.limit);
    this.windowMs = options.windowMs ?? 1000;
    this.clock = options.clock ?? systemClock;
  }

  get pending(): number {
    return this.queues.reduce((n, q) => n + q.length, 0);
  }

  /** Start times of requests still inside the current window (to hand on to the next process). */
  recent(): number[] {
    const now = this.clock.now();
    return this.spent.filter((t) => t + this.windowMs > now);
  }

  /**
   * Counts requests another process made recently with the same app key, so that a command run
   * right after another one does not overrun KIS's per-second limit between them.
   */
  seed(times: readonly number[]): void {
    const now = this.clock.now();
    const fresh = times.filter((t) => Number.isFinite(t) && t <= now && t + this.windowMs > now);
    this.spent.push(...fresh);
    this.spent.sort((a, b) => a - b);
  }

  /** Resolves when the caller may send one request. */
  acquire(priority: RequestPriority, signal?: AbortSignal): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('RateLimiter disposed'));
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      const queue = this.queues[RANK[priority]]!;
      if (signal) {
        waiter.onAbort = () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(abortError());
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      queue.push(waiter);
      this.pump();
    });
  }

  private nextWaiter(): Waiter | undefined {
    for (const q of this.queues) if (q.length) return q.shift();
    return undefined;
  }

  private pump(): void {
    if (this.disposed) return;
    for (;;) {
      if (this.pending === 0) return;
      const now = this.clock.now();
      while (this.spent.length && this.spent[0]! + this.windowMs <= now) this.spent.shift();
      if (this.spent.length >= this.limit) {
        this.scheduleWake(this.spent[0]! + this.windowMs - now);
        return;
      }
      const w = this.nextWaiter()!;
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      this.spent.push(now);
      this.granted++;
      w.resolve();
    }
  }

  private scheduleWake(ms: number): void {
    if (this.wake) return;
    const wake = (this.wake = new AbortController());
    this.clock.sleep(ms, wake.signal).then(
      () => {
        if (this.wake === wake) this.wake = undefined;
        this.pump();
      },
      () => undefined,
    );
  }

  /** Rejects every waiter and cancels the pending wake-up timer. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.wake?.abort();
    this.wake = undefined;
    for (const q of this.queues) {
      for (const w of q.splice(0)) {
        if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
        w.reject(new Error('RateLimiter disposed'));
      }
    }
  }
}
