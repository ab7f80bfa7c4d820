/**
 * The KIS client and the built-in simulator, end to end over HTTP and WebSocket on 127.0.0.1:
 * an order journey with notices, fills and the resulting balance; cancel; a market order walking
 * the book; a forced disconnect; the registration budget; the rate limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderNotice, Tick } from '../../../../../src/shared/domain/market';
import { openBroker, type OpenedBroker } from '../../../../../src/main/core/broker/open';
import { loadListings, type KisSimulatorOptions } from '../../../../../src/main/core/sim';

const codes = loadListings().map((l) => l.code);

const opened: OpenedBroker[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function demo(sim: KisSimulatorOptions = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'observer-kis-'));
  dirs.push(dataDir);
  // Ample cash: real books are deep, and these tests walk several levels.
  const o = await openBroker({
    mode: 'demo',
    dataDir,
    sim: { tickIntervalMs: 20, startingCash: 20_000_000_000, ...sim },
  });
  opened.push(o);
  return o;
}

function collectNotices(o: OpenedBroker): OrderNotice[] {
  const notices: OrderNotice[] = [];
  o.broker.realtime.subscribeNotices((n) => notices.push(n));
  return notices;
}

async function noticesLive(o: OpenedBroker): Promise<void> {
  // Notices register first; once a tick of any symbol arrives the notice registration is live.
  const got: Tick[] = [];
  const sub = o.broker.realtime.subscribeTicks('005930', (t) => got.push(t));
  await expect.poll(() => got.length, { timeout: 10_000 }).toBeGreaterThan(0);
  sub.dispose();
}

describe('order journey through the client', () => {
  it('buy limit → accepted → partial fill → fill → balance with the right average price and cash', async () => {
    const o = await demo();
    const notices = collectNotices(o);
    await noticesLive(o);
    const { broker } = o;
    const start = await broker.getBalance();
    // A symbol whose first three ask levels cost well under the demo cash.
    let code = '';
    let book = await broker.getOrderBook(codes[0]!);
    for (const c of codes) {
      book = await broker.getOrderBook(c);
      const cost = book.asks.slice(0, 3).reduce((s, l) => s + l.qty * l.price, 0);
      if (cost > 0 && cost < start.cash / 3) {
        code = c;
        break;
      }
    }
    expect(code).not.toBe('');
    // Take the first three ask levels and rest the remainder at the third level's price.
    const through = book.asks[2]!.price;
    const levelsQty = book.asks[0]!.qty + book.asks[1]!.qty + book.asks[2]!.qty;
    const qty = levelsQty + 7;
    const r = await broker.placeOrder({ code, side: 'buy', qty, price: through, type: 'limit' });
    expect(r.outcome).toBe('accepted');
    if (r.outcome !== 'accepted') return;

    await expect
      .poll(() => notices.find((n) => n.orderNo === r.orderNo && n.kind === 'accepted'), { timeout: 10_000 })
      .toBeDefined();
    const fills = () => notices.filter((n) => n.orderNo === r.orderNo && n.kind === 'fill');
    await expect.poll(() => fills().length, { timeout: 10_000 }).toBeGreaterThan(0);
    // The order is partially filled at first: the remainder rests.
    await expect.poll(() => fills().reduce((s, n) => s + n.qty, 0), { timeout: 60_000 }).toBe(qty);
    // The first fills took the book's three levels only: the order was partially filled first.
    expect(fills()[0]!.qty).toBeLessThan(qty);
    for (const f of fills()) {
      expect(f.price).toBeLessThanOrEqual(through);
      expect(f.side).toBe('buy');
    }
    expect(new Set(fills().map((f) => f.price)).size).toBeGreaterThan(1);

    const cost = fills().reduce((s, n) => s + n.qty * n.price, 0);
    const daily = await broker.getDailyOrders();
    const rec = daily.find((d) => d.orderNo === r.orderNo)!;
    expect(rec).toMatchObject({ code, side: 'buy', qty, filledQty: qty, status: 'filled' });
    expect(rec.avgFillPrice).toBeCloseTo(cost / qty, 0);

    const bal = await broker.getBalance();
    const pos = bal.positions.find((p) => p.code === code)!;
    expect(pos.qty).toBe(qty);
    expect(pos.avgPrice).toBeCloseTo(cost / qty, 0);
    // Cash falls by the cost plus the buy commission (0.015 %), within a won of rounding per fill.
    const expectedCash = start.cash - cost - cost * 0.00015;
    expect(Math.abs(bal.cash - expectedCash)).toBeLessThanOrEqual(fills().length + 1);
  });

  it('a resting order is cancelled and leaves the open list, with a cancel notice', async () => {
    const o = await demo();
    const notices = collectNotices(o);
    await noticesLive(o);
    const q = await o.broker.getQuote('035720');
    const r = await o.broker.placeOrder({
      code: '035720',
      side: 'buy',
      qty: 4,
      price: q.lowerLimit,
      type: 'limit',
    });
    expect(r.outcome).toBe('accepted');
    if (r.outcome !== 'accepted') return;
    expect((await o.broker.getOpenOrders()).map((x) => x.orderNo)).toContain(r.orderNo);
    const c = await o.broker.cancelOrder({ orderNo: r.orderNo });
    expect(c.outcome).toBe('accepted');
    expect((await o.broker.getOpenOrders()).map((x) => x.orderNo)).not.toContain(r.orderNo);
    await expect.poll(() => notices.some((n) => n.kind === 'cancelled'), { timeout: 10_000 }).toBe(true);
    const bal = await o.broker.getBalance();
    expect(bal.positions.find((p) => p.code === '035720')).toBeUndefined();
  });

  it('a market order walks several book levels', async () => {
    const o = await demo();
    const notices = collectNotices(o);
    await noticesLive(o);
    // The cheapest listing, so that two levels fit the demo cash even at the upper-limit reservation.
    const quotes = await Promise.all(codes.slice(0, 40).map((c) => o.broker.getQuote(c)));
    const code = quotes.sort((a, b) => a.upperLimit - b.upperLimit)[0]!.code;
    const book = await o.broker.getOrderBook(code);
    const qty = book.asks[0]!.qty + book.asks[1]!.qty + 1;
    const r = await o.broker.placeOrder({ code, side: 'buy', qty, type: 'market' });
    expect(r.outcome).toBe('accepted');
    if (r.outcome !== 'accepted') return;
    await expect
      .poll(
        () =>
          notices.filter((n) => n.orderNo === r.orderNo && n.kind === 'fill').reduce((s, n) => s + n.qty, 0),
        { timeout: 10_000 },
      )
      .toBe(qty);
    const prices = new Set(
      notices.filter((n) => n.orderNo === r.orderNo && n.kind === 'fill').map((n) => n.price),
    );
    expect(prices.size).toBeGreaterThanOrEqual(2);
  });
});

describe('real-time resilience', () => {
  it('streaming survives a forced disconnect: reconnects, resubscribes, ticks resume', async () => {
    const o = await demo();
    const ticks: Tick[] = [];
    const states: string[] = [];
    o.broker.realtime.onDidChangeState(({ state }) => states.push(state));
    let reconnects = 0;
    o.broker.realtime.onDidReconnect(() => reconnects++);
    o.broker.realtime.subscribeTicks('005930', (t) => ticks.push(t));
    await expect.poll(() => ticks.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(o.sim!.control.dropAllWebSockets()).toBe(1);
    await expect.poll(() => states.includes('reconnecting'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => o.broker.realtime.state, { timeout: 15_000 }).toBe('connected');
    expect(reconnects).toBeGreaterThanOrEqual(1);
    const seen = ticks.length;
    await expect.poll(() => ticks.length, { timeout: 10_000 }).toBeGreaterThan(seen);
    expect(o.broker.realtime.slots.used).toBe(1);
  });

  it('refuses a 42nd registration cleanly, without sending it', async () => {
    const o = await demo();
    expect(codes.length).toBeGreaterThanOrEqual(21);
    const subs = [];
    for (const code of codes.slice(0, 20)) {
      subs.push(o.broker.realtime.subscribeTicks(code, () => {}));
      subs.push(o.broker.realtime.subscribeBook(code, () => {}));
    }
    subs.push(o.broker.realtime.subscribeNotices(() => {}));
    expect(o.broker.realtime.slots).toEqual({ used: 41, max: 41 });
    expect(() => o.broker.realtime.subscribeTicks(codes[20]!, () => {})).toThrow(/41/);
    expect(o.broker.realtime.slots.used).toBe(41);
    // A second listener on an existing registration costs nothing.
    subs.push(o.broker.realtime.subscribeTicks(codes[0]!, () => {}));
    expect(o.broker.realtime.slots.used).toBe(41);
    subs.pop()!.dispose();
    subs[0]!.dispose();
    expect(o.broker.realtime.slots.used).toBe(40);
    expect(() => o.broker.realtime.subscribeTicks(codes[20]!, () => {})).not.toThrow();
  });

  it('never exceeds the rate limit: 60 concurrent quotes, no EGW00201', async () => {
    const o = await demo({ rateLimit: { real: 20, paper: 2 } });
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => o.broker.getQuote(codes[i % codes.length]!)),
    );
    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
  });
});
