import { describe, expect, it } from 'vitest';
import { RateLimiter, type RequestPriority } from '../../../../../../src/main/core/kis/rest/rate-limiter';
import { ManualClock, flush } from '../helpers';

describe('RateLimiter', () => {
  it('never grants more than `limit` in any window, however requests burst', async () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter({ limit: 3, windowMs: 1000, clock });
    const grantedAt: number[] = [];
    const all = Array.from({ length: 10 }, () =>
      limiter.acquire('quote').then(() => grantedAt.push(clock.now())),
    );
    await flush();
    expect(grantedAt).toEqual([0, 0, 0]);
    await clock.advance(999);
    expect(grantedAt).toHaveLength(3);
    await clock.advance(1);
    expect(grantedAt).toEqual([0, 0, 0, 1000, 1000, 1000]);
    await clock.advance(250);
    // A late arrival in the middle of a window still waits for a returned token.
    const late = limiter.acquire('quote').then(() => grantedAt.push(clock.now()));
    await clock.advance(3000);
    await Promise.all([...all, late]);
    expect(grantedAt).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000, 3000, 3000]);
    for (let i = 0; i + 3 < grantedAt.length; i++)
      expect(grantedAt[i + 3]! - grantedAt[i]!).toBeGreaterThanOrEqual(1000);
    limiter.dispose();
  });

  it('serves orders before cancels before account before quotes, FIFO within a priority', async () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter({ limit: 1, windowMs: 500, clock });
    const order: string[] = [];
    const take = (p: RequestPriority, label: string): Promise<void> =>
      limiter.acquire(p).then(() => void order.push(label));
    const first = take('quote', 'q0');
    await flush();
    const rest = [
      take('quote', 'q1'),
      take('quote', 'q2'),
      take('account', 'a1'),
      take('order', 'o1'),
      take('cancel', 'c1'),
      take('order', 'o2'),
    ];
    await clock.advance(500 * 6);
    await Promise.all([first, ...rest]);
    expect(order).toEqual(['q0', 'o1', 'o2', 'c1', 'a1', 'q1', 'q2']);
    limiter.dispose();
  });

  it('an aborted waiter leaves the queue; dispose rejects the rest and clears its timer', async () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000, clock });
    await limiter.acquire('quote');
    const ac = new AbortController();
    const aborted = limiter.acquire('quote', ac.signal).catch((e: Error) => e.name);
    const other = limiter.acquire('quote').catch((e: Error) => e.message);
    await flush();
    expect(limiter.pending).toBe(2);
    ac.abort();
    expect(await aborted).toBe('AbortError');
    expect(limiter.pending).toBe(1);
    expect(clock.pendingTimers).toBe(1);
    limiter.dispose();
    expect(await other).toBe('RateLimiter disposed');
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('RateLimiter hand-over between processes', () => {
  it('counts requests seeded from a previous process and reports its own recent ones', async () => {
    const clock = new ManualClock(10_000);
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000, clock });
    // The previous process sent two requests 300 ms ago, and one long ago (ignored).
    limiter.seed([9_700, 9_700, 5_000, Number.NaN]);
    let granted = 0;
    void limiter.acquire('order').then(() => granted++);
    await flush(5);
    expect(granted).toBe(0);
    await clock.advance(700);
    await flush(5);
    expect(granted).toBe(1);
    expect(limiter.recent()).toEqual([10_700]);
    limiter.dispose();
  });
});
