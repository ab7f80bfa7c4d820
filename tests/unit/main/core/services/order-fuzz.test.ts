/**
 * Thousands of random and malformed tickets against the order service (and a share of them
 * through the host's orders:place channel): every one is refused with a specific reason, and
 * nothing reaches the broker. Seeded, so a failure reproduces.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { OrderRefusedError, OrderService } from '../../../../../src/main/core/services/orders';
import { FakeBroker } from '../../../helpers/fake-broker';
import { fakeRuntime, testInstruments } from '../../../helpers/runtime';

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BAD_CODES: unknown[] = [
  '',
  '5930',
  '0059300',
  '00593',
  'abcdef',
  '00 593',
  '005930\n',
  '삼성전자',
  5930,
  null,
  {},
  ['005930'],
  'Q1234',
  '!@#$%^',
];
const BAD_QTY: unknown[] = [
  0,
  -1,
  -100,
  0.5,
  1.5,
  10_000_001,
  1e12,
  Number.NaN,
  Infinity,
  -Infinity,
  '10',
  null,
  true,
  [],
  2 ** 53,
];
const BAD_SIDE: unknown[] = ['BUY', 'Sell', 'hold', '', 1, null, undefined];
const BAD_TYPE: unknown[] = ['stop', 'LIMIT', '00', '', 0, null, undefined];
const BAD_PRICE_LIMIT: unknown[] = [
  0,
  -70_000,
  70_000.5,
  Number.NaN,
  Infinity,
  '70000',
  null,
  70_050,
  70_001,
  91_100,
  48_900,
  1e9,
];
const NON_OBJECTS: unknown[] = [null, undefined, 42, 'ticket', [], true, [{ code: '005930' }]];

type Raw = Record<string, unknown>;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** One ticket that must not be sent: a valid one with at least one fault. */
function badTicket(r: () => number): unknown {
  if (r() < 0.05) return pick(r, NON_OBJECTS);
  const t: Raw = {
    code: '005930',
    side: r() < 0.5 ? 'buy' : 'sell',
    qty: 1 + Math.floor(r() * 50),
    price: 70_000,
    type: 'limit',
  };
  if (r() < 0.3) {
    t.type = pick(r, ['market', 'ioc-market', 'fok-market']);
    delete t.price;
  }
  const faults = 1 + Math.floor(r() * 3);
  for (let i = 0; i < faults; i++) {
    switch (Math.floor(r() * 9)) {
      case 0:
        t.code = pick(r, BAD_CODES);
        break;
      case 1:
        t.qty = pick(r, BAD_QTY);
        break;
      case 2:
        t.side = pick(r, BAD_SIDE);
        if (t.side === undefined) delete t.side;
        break;
      case 3:
        t.type = pick(r, BAD_TYPE);
        if (t.type === undefined) delete t.type;
        break;
      case 4:
        // A limit order with a bad price, or a market order that carries one.
        if (t.type === 'limit' || t.type === 'ioc-limit' || t.type === 'fok-limit')
          t.price = pick(r, BAD_PRICE_LIMIT);
        else t.price = 70_000;
        break;
      case 5:
        delete t[pick(r, ['code', 'side', 'qty', 'type'])];
        break;
      case 6:
        t[pick(r, ['extra', 'account', 'appkey', '__proto__x', 'confirm'])] = pick(r, [1, 'x', null, {}]);
        break;
      case 7:
        if (t.type === 'limit') delete t.price;
        else t.price = pick(r, [1, 70_000, '0']);
        break;
      default:
        t.qty = pick(r, BAD_QTY);
        t.code = pick(r, BAD_CODES);
    }
  }
  return t;
}

const disposers: Array<() => unknown> = [];
afterAll(async () => {
  for (const d of disposers) await d();
});

describe('order fuzz', () => {
  it('5,000 bad tickets: each refused with a specific reason, none sent', async () => {
    const broker = new FakeBroker();
    const svc = new OrderService(broker, testInstruments, { mode: 'real', session: () => 'continuous' });
    disposers.push(() => svc.dispose());
    const r = prng(20260304);
    const rules = new Map<string, number>();
    for (let i = 0; i < 5_000; i++) {
      const raw = badTicket(r);
      const result = await svc.place(raw, 'ticket', []).then(
        (v) => ({ ok: true as const, v }),
        (e: unknown) => ({ ok: false as const, e }),
      );
      if (result.ok)
        throw new Error(`ticket #${i} was not refused: ${JSON.stringify(raw)} → ${JSON.stringify(result.v)}`);
      const e = result.e;
      expect(e, `ticket #${i} ${JSON.stringify(raw)}`).toBeInstanceOf(OrderRefusedError);
      const err = e as OrderRefusedError;
      expect(['invalid-ticket', 'tick-size', 'price-limit']).toContain(err.rule);
      if (err.rule === 'invalid-ticket')
        expect(err.message).toMatch(/— (code|side|qty|price|type|ticket)?[\w.]*: .+/);
      else expect(err.message).toMatch(/\d/); // the numbers are named
      rules.set(err.rule, (rules.get(err.rule) ?? 0) + 1);
    }
    expect(broker.placed).toHaveLength(0);
    expect(rules.get('invalid-ticket')).toBeGreaterThan(3_000);
    expect(rules.get('tick-size')).toBeGreaterThan(10);
    expect(rules.get('price-limit')).toBeGreaterThan(10);
  });

  it('1,000 bad payloads through orders:place: typed errors, none sent', async () => {
    const rt = await fakeRuntime('demo');
    disposers.push(() => rt.dispose());
    const session = rt.host.openSession('in-process', () => {});
    const r = prng(7);
    for (let i = 0; i < 1_000; i++) {
      const payload =
        r() < 0.1
          ? pick(r, NON_OBJECTS)
          : { ticket: badTicket(r), source: r() < 0.9 ? 'ticket' : pick(r, ['x', 1, null]) };
      const out = await session.invoke('orders:place', payload);
      expect(out.ok, JSON.stringify(payload)).toBe(false);
      if (!out.ok) {
        expect(['invalid_payload', 'refused']).toContain(out.error.code);
        expect(out.error.message.length).toBeGreaterThan(5);
      }
    }
    expect(rt.fake.placed).toHaveLength(0);
    session.close();
  });
});
