import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedState } from '../../../../../src/shared/contract/market';
import { MarketDataHub } from '../../../../../src/main/core/services/market-data-hub';
import { FakeBroker, tick } from '../../../helpers/fake-broker';

let hub: MarketDataHub | undefined;
afterEach(() => {
  hub?.dispose();
  hub = undefined;
  vi.useRealTimers();
});

describe('MarketDataHub', () => {
  it('shares one registration among every subscriber of a symbol', async () => {
    const broker = new FakeBroker();
    hub = new MarketDataHub(broker);
    const a: number[] = [];
    const b: number[] = [];
    const s1 = hub.subscribeTicks('005930', (t) => a.push(t.price));
    const s2 = hub.subscribeTicks('005930', (t) => b.push(t.price));
    expect(broker.realtime.registrations).toBe(1);
    await vi.waitFor(() => expect(a.length).toBeGreaterThan(0)); // the snapshot
    broker.realtime.emitTick(tick('005930', 71_000));
    expect(a.at(-1)).toBe(71_000);
    expect(b.at(-1)).toBe(71_000);
    s1.dispose();
    expect(broker.realtime.registrations).toBe(1);
    s2.dispose();
    expect(broker.realtime.registrations).toBe(0);
  });

  it('announces the feed state of every symbol as it is first registered', () => {
    const broker = new FakeBroker();
    hub = new MarketDataHub(broker);
    const feeds: FeedState[] = [];
    hub.onDidChangeFeed((f) => feeds.push(f));
    hub.subscribeTicks('005930', () => {});
    hub.subscribeBook('005930', () => {});
    expect(feeds).toEqual([
      { code: '005930', feed: 'realtime' },
      { code: '005930', feed: 'realtime' },
    ]);
  });

  it('starts every subscriber from a REST snapshot', async () => {
    const broker = new FakeBroker();
    hub = new MarketDataHub(broker);
    const got: number[] = [];
    hub.subscribeBook('000660', () => got.push(1));
    await vi.waitFor(() => expect(got).toEqual([1]));
    expect(broker.calls).toContain('book:000660');
  });

  it('falls back to polling when no slot is free, and says so', async () => {
    vi.useFakeTimers();
    const broker = new FakeBroker();
    broker.realtime.slots = { used: 0, max: 2 };
    hub = new MarketDataHub(broker, { pollIntervalMs: 1000 });
    const feeds: FeedState[] = [];
    hub.onDidChangeFeed((f) => feeds.push(f));
    hub.subscribeTicks('000001', () => {});
    hub.subscribeTicks('000002', () => {});
    const polled: number[] = [];
    hub.subscribeTicks('000003', (t) => polled.push(t.price));
    expect(broker.realtime.registrations).toBe(2);
    expect(feeds.at(-1)).toMatchObject({ code: '000003', feed: 'polling' });
    expect(feeds.at(-1)?.reason).toMatch(/slot/);
    await vi.advanceTimersByTimeAsync(3000);
    expect(broker.calls.filter((c) => c === 'quote:000003').length).toBeGreaterThanOrEqual(3);
    expect(polled.length).toBeGreaterThanOrEqual(3);
    expect(hub.feeds().find((f) => f.code === '000003')?.feed).toBe('polling');
  });

  it('reports a silent real-time symbol as stale and recovers on the next tick', async () => {
    vi.useFakeTimers();
    let now = 0;
    const broker = new FakeBroker();
    hub = new MarketDataHub(broker, { staleAfterMs: 10_000, now: () => now });
    const feeds: FeedState[] = [];
    hub.onDidChangeFeed((f) => feeds.push(f));
    hub.subscribeTicks('005930', () => {});
    await vi.advanceTimersByTimeAsync(0); // let the opening snapshot land
    broker.realtime.emitTick(tick('005930', 70_000));
    now = 20_000;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(feeds.at(-1)).toMatchObject({ code: '005930', feed: 'stale' });
    broker.realtime.emitTick(tick('005930', 70_100));
    expect(feeds.at(-1)).toMatchObject({ code: '005930', feed: 'realtime' });
  });

  it('fetches snapshots after a reconnect to fill the gap', async () => {
    const broker = new FakeBroker();
    hub = new MarketDataHub(broker);
    hub.subscribeTicks('005930', () => {});
    await vi.waitFor(() => expect(broker.calls).toEqual(['quote:005930']));
    broker.realtime.reconnected.fire();
    await vi.waitFor(() => expect(broker.calls).toEqual(['quote:005930', 'quote:005930']));
  });

  it('releases every registration and timer on dispose', () => {
    vi.useFakeTimers();
    const broker = new FakeBroker();
    broker.realtime.slots = { used: 0, max: 1 };
    hub = new MarketDataHub(broker);
    hub.subscribeTicks('000001', () => {});
    hub.subscribeTicks('000002', () => {});
    hub.dispose();
    expect(broker.realtime.registrations).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
