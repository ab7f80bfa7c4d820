/**
 * KRX market rules shared by the client, the simulator, the order checks and the UI.
 * Source: kis-protocol.md §8 (tick table unified 2023-01-25, ±30 % daily limit, code shapes).
 */

export type MarketCode = 'KOSPI' | 'KOSDAQ';
export type InstrumentKind = 'stock' | 'etf' | 'etn';

/** Upper bounds (exclusive) and the tick size below them; the last row has no bound. */
const STOCK_TICKS: ReadonlyArray<readonly [bound: number, tick: number]> = [
  [2_000, 1],
  [5_000, 5],
  [20_000, 10],
  [50_000, 50],
  [200_000, 100],
  [500_000, 500],
  [Number.POSITIVE_INFINITY, 1_000],
];

/** ETF / ETN / ELW trade on a flat 5-won tick (kis-protocol.md §8.2). */
const FUND_TICK = 5;

/** Tick size that applies to an order or trade at `price` (KRX 2023 table). */
export function tickSize(price: number, kind: InstrumentKind = 'stock'): number {
  if (kind !== 'stock') return FUND_TICK;
  for (const [bound, tick] of STOCK_TICKS) {
    if (price < bound) return tick;
  }
  return 1_000;
}

/** True when `price` is a positive whole number on the tick grid for its own band. */
export function isOnTick(price: number, kind: InstrumentKind = 'stock'): boolean {
  if (!Number.isSafeInteger(price) || price <= 0) return false;
  return price % tickSize(price, kind) === 0;
}

/** Largest on-grid price ≤ price. */
export function floorToTick(price: number, kind: InstrumentKind = 'stock'): number {
  const t = tickSize(price, kind);
  let p = Math.floor(price / t) * t;
  // Crossing down into a finer band never leaves the grid, but crossing a band edge from
  // above can: 20_000 → tick 50; 19_990 lives in the 10-won band and is on its grid.
  if (!isOnTick(p, kind)) p = Math.floor(p / tickSize(p, kind)) * tickSize(p, kind);
  return p;
}

/** Smallest on-grid price ≥ price. */
export function ceilToTick(price: number, kind: InstrumentKind = 'stock'): number {
  const f = floorToTick(price, kind);
  return f === price ? f : stepTick(f, 1, kind);
}

/**
 * Moves `price` by `steps` ticks (negative = down), honouring band edges: one tick up from
 * 1,999 is 2,000, one tick up from 2,000 is 2,005, one tick down from 2,000 is 1,999.
 */
export function stepTick(price: number, steps: number, kind: InstrumentKind = 'stock'): number {
  let p = price;
  const dir = Math.sign(steps);
  for (let i = 0; i < Math.abs(steps); i++) {
    if (dir > 0) {
      p += tickSize(p, kind);
    } else {
      const below = p - 1;
      const t = tickSize(below, kind);
      p = Math.floor(below / t) * t;
      if (p <= 0) return tickSize(1, kind);
    }
  }
  return p;
}

/** Number of ticks between two on-grid prices (positive when `to` > `from`). */
export function ticksBetween(from: number, to: number, kind: InstrumentKind = 'stock'): number {
  if (from === to) return 0;
  const dir = to > from ? 1 : -1;
  let n = 0;
  let p = from;
  // Bounded: the widest legal span (±30 %) is well under 2,000 ticks.
  while ((dir > 0 ? p < to : p > to) && n < 100_000) {
    p = stepTick(p, dir, kind);
    n++;
  }
  return dir * n;
}

export const DAILY_LIMIT_RATE = 0.3;

/**
 * Today's upper and lower price limits: ±30 % of the base price, truncated toward the base
 * onto the tick grid (KRX truncates; inquire-price's stck_mxpr/stck_llam are authoritative).
 */
export function priceLimits(
  basePrice: number,
  kind: InstrumentKind = 'stock',
): { upper: number; lower: number } {
  const rawUpper = basePrice * (1 + DAILY_LIMIT_RATE);
  const rawLower = basePrice * (1 - DAILY_LIMIT_RATE);
  const upper = floorToTick(Math.floor(rawUpper + 1e-9), kind);
  const lower = ceilToTick(Math.ceil(rawLower - 1e-9), kind);
  return { upper, lower: Math.max(lower, 1) };
}

/** Stock/ETF codes are 6 chars of [0-9A-Z]; ETNs are Q + 6. A regex only rejects the impossible. */
export const STOCK_CODE_RE = /^(?:[0-9A-Z]{6}|Q[0-9A-Z]{6})$/;

export function isPlausibleCode(code: string): boolean {
  return STOCK_CODE_RE.test(code);
}

/** KIS sign codes (prdy_vrss_sign): 1 upper-limit, 2 up, 3 flat, 4 lower-limit, 5 down. */
export type SignCode = '1' | '2' | '3' | '4' | '5';

export function signCode(
  price: number,
  prevClose: number,
  limits?: { upper: number; lower: number },
): SignCode {
  if (limits && price >= limits.upper) return '1';
  if (limits && price <= limits.lower) return '4';
  if (price > prevClose) return '2';
  if (price < prevClose) return '5';
  return '3';
}
