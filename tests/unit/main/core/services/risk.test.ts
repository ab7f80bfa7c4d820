import { describe, expect, it } from 'vitest';
import {
  defaultRiskLimits,
  evaluateRisk,
  krxPhaseAt,
  phaseTakesMarketOrders,
  tierFor,
  unconfirmed,
  type RiskInput,
} from '../../../../../src/main/core/services/risk';
import type { RiskLimits } from '../../../../../src/shared/contract/safety';
import type { OrderTicket } from '../../../../../src/shared/domain/orders';

/** Every rule off, so one rule can be tested alone. */
const OFF: RiskLimits = {
  tickSize: 'off',
  priceLimit: 'off',
  distancePct: {},
  distanceTicks: {},
  maxQty: {},
  maxValue: {},
  buyingPowerPct: {},
  duplicate: { tier: 'off', windowSec: 10 },
  rate: {},
  marketSession: 'off',
  dailyLossLimit: null,
};
const QUOTE = { price: 70_000, prevClose: 70_000, upperLimit: 91_000, lowerLimit: 49_000 };
const T = { warn: 10, confirm: 20, block: 30 };

function run(limits: Partial<RiskLimits>, ticket: Partial<OrderTicket> = {}, extra: Partial<RiskInput> = {}) {
  return evaluateRisk({
    ticket: { code: '005930', side: 'buy', qty: 1, price: 70_000, type: 'limit', ...ticket } as OrderTicket,
    limits: { ...OFF, ...limits },
    kind: 'stock',
    quote: QUOTE,
    recent: [],
    phase: 'continuous',
    now: 1_000_000,
    ...extra,
  });
}

const tiers = (ds: ReturnType<typeof run>) => ds.map((d) => `${d.rule}:${d.tier}`);

describe('tierFor: a value above a threshold takes that tier; at the threshold it does not', () => {
  it.each([
    [9.99, undefined],
    [10, undefined],
    [10.01, 'warn'],
    [20, 'warn'],
    [20.01, 'confirm'],
    [30, 'confirm'],
    [30.01, 'block'],
  ])('%s → %s', (v, tier) => {
    expect(tierFor(v, T)?.tier).toBe(tier);
  });
  it('skips absent tiers', () => {
    expect(tierFor(100, { confirm: 5 })).toEqual({ tier: 'confirm', limit: 5 });
    expect(tierFor(100, {})).toBeUndefined();
  });
});

describe('rules at each tier boundary', () => {
  it('tick size: on grid passes, off grid takes the configured tier, naming the tick', () => {
    expect(run({ tickSize: 'block' }, { price: 70_000 })).toEqual([]);
    const [d] = run({ tickSize: 'block' }, { price: 70_050 });
    expect(d).toMatchObject({ rule: 'tick-size', tier: 'block', value: 70_050, limit: 100 });
    expect(d!.message).toBe('70,050원은 호가단위에 맞지 않습니다 (호가단위 100원)');
    expect(run({ tickSize: 'warn' }, { price: 70_050 })[0]!.tier).toBe('warn');
    // ETFs: 5-won tick at any price.
    expect(run({ tickSize: 'block' }, { price: 35_005 }, { kind: 'etf' })).toEqual([]);
    expect(run({ tickSize: 'off' }, { price: 70_050 })).toEqual([]);
  });

  it('price limit: at the upper/lower limit passes, one tick beyond does not', () => {
    expect(run({ priceLimit: 'block' }, { price: 91_000 })).toEqual([]);
    expect(run({ priceLimit: 'block' }, { price: 49_000 })).toEqual([]);
    const up = run({ priceLimit: 'block' }, { price: 91_100 })[0]!;
    expect(up).toMatchObject({ rule: 'price-limit', tier: 'block', value: 91_100, limit: 91_000 });
    expect(up.message).toContain('상한가 91,000원');
    const down = run({ priceLimit: 'confirm' }, { price: 48_950 })[0]!;
    expect(down).toMatchObject({ rule: 'price-limit', tier: 'confirm', limit: 49_000 });
    expect(down.message).toContain('하한가 49,000원');
  });

  it('distance in %: just below, at and just above each threshold', () => {
    const lim = { distancePct: { warn: 10, confirm: 20, block: 29 } };
    // 70,000 → 10 % is 77,000; one tick below/above.
    expect(run(lim, { price: 76_900 })).toEqual([]);
    expect(run(lim, { price: 77_000 })).toEqual([]);
    expect(tiers(run(lim, { price: 77_100 }))).toEqual(['distance-pct:warn']);
    expect(tiers(run(lim, { price: 84_000 }))).toEqual(['distance-pct:warn']);
    expect(tiers(run(lim, { price: 84_100 }))).toEqual(['distance-pct:confirm']);
    expect(tiers(run(lim, { price: 90_300 }))).toEqual(['distance-pct:confirm']);
    expect(tiers(run(lim, { price: 90_400 }))).toEqual(['distance-pct:block']);
    const d = run({ distancePct: { warn: 10 } }, { price: 78_700 })[0]!;
    expect(d.message).toBe('가격이 현재가 대비 12.4% 높습니다 (한도 10%)');
    expect(d.messageEn).toContain('12.4% above');
    expect(run({ distancePct: { warn: 10 } }, { price: 61_000 })[0]!.message).toContain('낮습니다');
  });

  it('distance in ticks: just below, at and just above', () => {
    const lim = { distanceTicks: { warn: 10, confirm: 20, block: 30 } };
    const ticks = (n: number) => 70_000 + n * 100;
    expect(run(lim, { price: ticks(9) })).toEqual([]);
    expect(run(lim, { price: ticks(10) })).toEqual([]);
    expect(tiers(run(lim, { price: ticks(11) }))).toEqual(['distance-ticks:warn']);
    expect(tiers(run(lim, { price: ticks(20) }))).toEqual(['distance-ticks:warn']);
    expect(tiers(run(lim, { price: ticks(21) }))).toEqual(['distance-ticks:confirm']);
    expect(tiers(run(lim, { price: ticks(30) }))).toEqual(['distance-ticks:confirm']);
    expect(tiers(run(lim, { price: ticks(31) }))).toEqual(['distance-ticks:block']);
    expect(run(lim, { price: ticks(-31) })[0]).toMatchObject({ value: 31, limit: 30 });
  });

  it('maximum quantity', () => {
    const lim = { maxQty: { warn: 100, confirm: 200, block: 300 } };
    expect(run(lim, { qty: 99 })).toEqual([]);
    expect(run(lim, { qty: 100 })).toEqual([]);
    expect(tiers(run(lim, { qty: 101 }))).toEqual(['max-qty:warn']);
    expect(tiers(run(lim, { qty: 200 }))).toEqual(['max-qty:warn']);
    expect(tiers(run(lim, { qty: 201 }))).toEqual(['max-qty:confirm']);
    expect(tiers(run(lim, { qty: 300 }))).toEqual(['max-qty:confirm']);
    const d = run(lim, { qty: 301 })[0]!;
    expect(d).toMatchObject({ rule: 'max-qty', tier: 'block', value: 301, limit: 300 });
    expect(d.message).toBe('수량 301주가 한도 300주를 넘습니다');
  });

  it('maximum order value (market orders at the last price)', () => {
    const lim = { maxValue: { warn: 700_000, confirm: 1_400_000, block: 2_100_000 } };
    expect(run(lim, { qty: 9 })).toEqual([]);
    expect(run(lim, { qty: 10 })).toEqual([]); // 700,000: at
    expect(tiers(run(lim, { qty: 11 }))).toEqual(['max-value:warn']);
    expect(tiers(run(lim, { qty: 20 }))).toEqual(['max-value:warn']);
    expect(tiers(run(lim, { qty: 21 }))).toEqual(['max-value:confirm']);
    expect(tiers(run(lim, { qty: 30 }))).toEqual(['max-value:confirm']);
    expect(tiers(run(lim, { qty: 31 }))).toEqual(['max-value:block']);
    const m = run(lim, { qty: 31, type: 'market', price: undefined })[0]!;
    expect(m).toMatchObject({ rule: 'max-value', value: 2_170_000 });
    expect(m.message).toBe('주문금액 2,170,000원이 한도 2,100,000원을 넘습니다');
  });

  it('share of buying power (buys only; market buys reserve at the upper limit)', () => {
    const lim = { buyingPowerPct: { warn: 50, confirm: 90, block: 100 } };
    const bp = { buyingPower: 1_400_000 };
    expect(run(lim, { qty: 9 }, bp)).toEqual([]); // 45 %
    expect(run(lim, { qty: 10 }, bp)).toEqual([]); // 50 %: at
    expect(tiers(run(lim, { qty: 11 }, bp))).toEqual(['buying-power:warn']);
    expect(tiers(run(lim, { qty: 18 }, bp))).toEqual(['buying-power:warn']); // 90 %: at
    expect(tiers(run(lim, { qty: 19 }, bp))).toEqual(['buying-power:confirm']);
    expect(tiers(run(lim, { qty: 20 }, bp))).toEqual(['buying-power:confirm']); // 100 %: at
    expect(tiers(run(lim, { qty: 21 }, bp))).toEqual(['buying-power:block']);
    expect(run(lim, { qty: 21, side: 'sell' }, bp)).toEqual([]);
    const m = run(lim, { qty: 10, type: 'market', price: undefined }, bp)[0]!;
    expect(m).toMatchObject({ rule: 'buying-power', value: 65, tier: 'warn' }); // 10 × 91,000
    expect(run(lim, { qty: 1 }, { buyingPower: 0 })[0]).toMatchObject({ tier: 'block' });
  });

  it('the same order again within the window', () => {
    const lim = { duplicate: { tier: 'confirm' as const, windowSec: 10 } };
    const now = 1_000_000;
    const sent = (ago: number, over: Partial<{ price: number; qty: number; side: string }> = {}) => ({
      recent: [{ at: now - ago, code: '005930', side: 'buy', price: 70_000, qty: 1, type: 'limit', ...over }],
    });
    expect(tiers(run(lim, {}, sent(9_999)))).toEqual(['duplicate:confirm']);
    expect(run(lim, {}, sent(10_000))).toEqual([]); // at the window: fine
    expect(run(lim, {}, sent(10_001))).toEqual([]);
    expect(run(lim, {}, sent(1, { price: 70_100 }))).toEqual([]);
    expect(run(lim, {}, sent(1, { qty: 2 }))).toEqual([]);
    expect(run(lim, {}, sent(1, { side: 'sell' }))).toEqual([]);
    expect(run(lim, {}, sent(3_000))[0]!.message).toBe(
      '같은 주문(종목·매매·가격·수량)을 3초 전에 보냈습니다 (간격 10초)',
    );
  });

  it('orders per second (this one included)', () => {
    const lim = { rate: { warn: 2, confirm: 3, block: 4 } };
    const now = 1_000_000;
    const recent = (n: number, ago = 100) =>
      Array.from({ length: n }, (_, i) => ({
        at: now - ago,
        code: '000660',
        side: 'sell',
        price: i + 1,
        qty: 1,
        type: 'limit',
      }));
    expect(run(lim, {}, { recent: recent(1) })).toEqual([]); // 2nd: at
    expect(tiers(run(lim, {}, { recent: recent(2) }))).toEqual(['rate:warn']);
    expect(tiers(run(lim, {}, { recent: recent(3) }))).toEqual(['rate:confirm']);
    expect(tiers(run(lim, {}, { recent: recent(4) }))).toEqual(['rate:block']);
    expect(run(lim, {}, { recent: recent(9, 1_000) })).toEqual([]); // a second ago: outside
  });

  it('market orders outside the sessions that take them; limit orders are not affected', () => {
    const mkt = { type: 'market' as const, price: undefined };
    for (const phase of ['closed', 'afterHours'] as const) {
      const [d] = run({ marketSession: 'block' }, mkt, { phase });
      expect(d).toMatchObject({ rule: 'market-session', tier: 'block' });
    }
    for (const phase of ['preOpen', 'continuous', 'closingAuction'] as const) {
      expect(run({ marketSession: 'block' }, mkt, { phase })).toEqual([]);
    }
    expect(run({ marketSession: 'block' }, {}, { phase: 'closed' })).toEqual([]);
    expect(phaseTakesMarketOrders('afterHours')).toBe(false);
  });

  it('KRX phases by the KST wall clock (§8.1)', () => {
    const kst = (h: number, m: number, s = 0) => Date.UTC(2026, 2, 4, h - 9, m, s); // Wed 2026-03-04
    expect(krxPhaseAt(kst(8, 29, 59))).toBe('closed');
    expect(krxPhaseAt(kst(8, 30))).toBe('preOpen');
    expect(krxPhaseAt(kst(9, 0))).toBe('continuous');
    expect(krxPhaseAt(kst(15, 19, 59))).toBe('continuous');
    expect(krxPhaseAt(kst(15, 20))).toBe('closingAuction');
    expect(krxPhaseAt(kst(15, 30))).toBe('afterHours');
    expect(krxPhaseAt(kst(18, 0))).toBe('closed');
    expect(krxPhaseAt(Date.UTC(2026, 2, 7, 1, 0))).toBe('closed'); // Saturday 10:00 KST
  });

  it('confirm-tier decisions stay pending until their rule is confirmed', () => {
    const ds = run({ maxQty: { confirm: 0 }, distancePct: { warn: 0 } }, { price: 70_100 });
    expect(tiers(ds).sort()).toEqual(['distance-pct:warn', 'max-qty:confirm']);
    expect(unconfirmed(ds).map((d) => d.rule)).toEqual(['max-qty']);
    expect(unconfirmed(ds, ['max-qty'])).toEqual([]);
    expect(unconfirmed(ds, ['distance-pct'])).toHaveLength(1);
  });
});

describe('defaults per environment', () => {
  it('REAL is the strictest: confirms what demo only warns about', () => {
    const real = defaultRiskLimits('real');
    const demo = defaultRiskLimits('demo');
    expect(real.distancePct.confirm).toBeDefined();
    expect(demo.distancePct.confirm).toBeUndefined();
    expect(real.duplicate.tier).toBe('confirm');
    expect(real.buyingPowerPct.block).toBe(100);
    for (const mode of ['demo', 'paper', 'real'] as const) {
      expect(defaultRiskLimits(mode).tickSize).toBe('block');
      expect(defaultRiskLimits(mode).priceLimit).toBe('block');
    }
    const t = { code: '005930', side: 'buy', qty: 1, price: 77_100, type: 'limit' } as const;
    const base = { kind: 'stock' as const, quote: QUOTE, recent: [], phase: 'continuous' as const, now: 0 };
    expect(tiers(evaluateRisk({ ...base, ticket: t, limits: real }))).toContain('distance-pct:confirm');
    expect(tiers(evaluateRisk({ ...base, ticket: t, limits: demo }))).toEqual(['distance-pct:warn']);
  });
});
