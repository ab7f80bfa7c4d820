/**
 * A handful of US symbols for HHDFS00000300 (overseas current price). Prices follow a seeded
 * random walk in 5-second steps, advanced lazily when queried.
 */
import { Prng, hashString } from './prng';

interface UsSymbol {
  symbol: string;
  exchange: 'NAS' | 'NYS' | 'AMS';
  prevClose: number;
  price: number;
  volume: number;
  step: number;
  rng: Prng;
}

const US_LISTINGS: ReadonlyArray<[string, 'NAS' | 'NYS' | 'AMS', number]> = [
  ['AAPL', 'NAS', 268.5],
  ['MSFT', 'NAS', 507.2],
  ['NVDA', 'NAS', 186.6],
  ['TSLA', 'NAS', 401.3],
  ['AMZN', 'NAS', 226.3],
  ['GOOGL', 'NAS', 299.7],
  ['JPM', 'NYS', 303.4],
  ['KO', 'NYS', 71.2],
  ['SPY', 'AMS', 668.7],
];

const STEP_MS = 5000;

export class OverseasMarket {
  private readonly symbols = new Map<string, UsSymbol>();

  constructor(seed: string, startMs: number) {
    for (const [symbol, exchange, prevClose] of US_LISTINGS) {
      this.symbols.set(`${exchange}:${symbol}`, {
        symbol,
        exchange,
        prevClose,
        price: prevClose,
        volume: 0,
        step: Math.floor(startMs / STEP_MS),
        rng: new Prng(hashString(`${seed}:us:${symbol}`)),
      });
    }
  }

  /** Quote for `exchange:symbol` at time t, or undefined for an unknown pair. */
  quote(
    exchange: string,
    symbol: string,
    t: number,
  ): { symbol: string; prevClose: number; price: number; volume: number } | undefined {
    const s = this.symbols.get(`${exchange}:${symbol.toUpperCase()}`);
    if (!s) return undefined;
    const target = Math.floor(t / STEP_MS);
    // Bounded catch-up: after a long idle period only the last day of steps is simulated.
    if (target - s.step > 17_280) s.step = target - 17_280;
    while (s.step < target) {
      s.step++;
      s.price = Math.max(0.01, s.price * (1 + s.rng.normal() * 0.0006));
      s.volume += s.rng.int(100, 5000);
    }
    return {
      symbol: s.symbol,
      prevClose: s.prevClose,
      price: Math.round(s.price * 10_000) / 10_000,
      volume: s.volume,
    };
  }
}
