/**
 * The simulated KRX market: per-symbol price process, a 10-level book that trades consume,
 * today's OHLCV and minute bars, and a generated daily history that ends at today's previous
 * close. Everything random comes from per-symbol seeded streams (prng.ts).
 */
import { priceLimits, stepTick, tickSize, type InstrumentKind } from '../../../shared/domain/krx';
import { kstDate, kstParts, kstTime, kstToEpoch } from './clock';
import type { SimListing } from './listings';
import { Prng, hashString } from './prng';
import { activityFactor, sessionPhase, type SessionMode, type SessionPhase } from './sessions';

export const BOOK_LEVELS = 10;

export type Side = 'buy' | 'sell';

export interface DailyBar {
  /** YYYYMMDD (KST). */
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  value: number;
}

export interface MinuteBar {
  /** HHMM00 of the minute's start (KST). */
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  value: number;
}

export interface TradePrint {
  code: string;
  time: number;
  price: number;
  volume: number;
  /** Which side crossed the spread: buy-initiated trades print at the ask. */
  aggressor: Side;
}

/** One user fill taken from the book. */
export interface BookFill {
  price: number;
  qty: number;
}

/** Round a positive price to the nearest on-grid price. */
export function roundToTick(price: number, kind: InstrumentKind): number {
  const p = Math.max(1, price);
  const t = tickSize(p, kind);
  let r = Math.round(p / t) * t;
  if (r % tickSize(r, kind) !== 0) r = Math.floor(r / tickSize(r, kind)) * tickSize(r, kind);
  return Math.max(tickSize(1, kind), r);
}

export class SymbolState {
  readonly listing: SimListing;
  readonly kind: InstrumentKind;
  /** Base price of the day (previous close); moves at the daily rollover. */
  prevClose: number;
  upper: number;
  lower: number;
  /** Daily bars before today, oldest first; the last close equals prevClose. */
  readonly history: DailyBar[];
  readonly rng: Prng;
  /** Mean trades per second at activity 1. */
  readonly tradeRate: number;
  /** Probability that the quotes drift one tick before a trade (sets the daily volatility). */
  readonly driftProb: number;
  readonly tradeLot: number;
  readonly depthLot: number;

  open = 0;
  high = 0;
  low = 0;
  last: number;
  volume = 0;
  value = 0;
  buyVolume = 0;
  sellVolume = 0;
  buyCount = 0;
  sellCount = 0;
  openTime = '';
  highTime = '';
  lowTime = '';
  /** Best bid; the best ask is always one tick above (a one-tick spread keeps the book sane). */
  bestBid: number;
  readonly askQty: number[];
  readonly bidQty: number[];
  private readonly askPrices: number[] = new Array<number>(BOOK_LEVELS).fill(0);
  private readonly bidPrices: number[] = new Array<number>(BOOK_LEVELS).fill(0);
  lastTotalAsk = 0;
  lastTotalBid = 0;
  bookTime: number;
  readonly minuteBars: MinuteBar[] = [];
  /** H0STCNT0 records produced since the last delivery. */
  pendingTicks: string[] = [];
  bookDirty = true;

  constructor(listing: SimListing, seed: string, todayMs: number, historyDays: number) {
    this.listing = listing;
    this.kind = listing.kind;
    this.prevClose = listing.refPrice;
    const limits = priceLimits(this.prevClose, this.kind);
    this.upper = limits.upper;
    this.lower = limits.lower;
    this.rng = new Prng(hashString(`${seed}:${listing.code}`));
    const dailyVol =
      (listing.kind === 'etf' ? 0.009 : listing.market === 'KOSDAQ' ? 0.028 : 0.018) *
      (0.8 + this.rng.next() * 0.5);
    const cap = listing.refPrice * listing.listedShares;
    const baseRate = listing.kind === 'etf' ? 1.5 : cap > 50e12 ? 6 : cap > 10e12 ? 3.5 : 2;
    this.tradeRate = baseRate * (0.7 + this.rng.next() * 0.6);
    const ticksPerDay = (dailyVol * listing.refPrice) / tickSize(listing.refPrice, this.kind);
    this.driftProb = Math.min(
      0.45,
      Math.max(0.001, (ticksPerDay * ticksPerDay) / (this.tradeRate * 23_400) / 2),
    );
    this.tradeLot = Math.max(1, Math.round(3_000_000 / listing.refPrice));
    this.depthLot = Math.max(5, Math.round(60_000_000 / listing.refPrice));
    this.history = generateHistory(this, todayMs, historyDays, dailyVol);
    // Today's opening quotes: a small gap from the previous close, never at a limit.
    const gapTicks = Math.round(this.rng.normal() * 2);
    this.bestBid = this.clampBid(stepTick(this.prevClose, gapTicks - 1, this.kind));
    this.reprice();
    this.last = this.prevClose;
    this.askQty = Array.from({ length: BOOK_LEVELS }, (_, i) => this.freshDepth(i));
    this.bidQty = Array.from({ length: BOOK_LEVELS }, (_, i) => this.freshDepth(i));
    this.bookTime = todayMs;
    this.lastTotalAsk = this.totalAsk();
    this.lastTotalBid = this.totalBid();
  }

  get code(): string {
    return this.listing.code;
  }

  get bestAsk(): number {
    return this.askPrices[0] || stepTick(this.bestBid, 1, this.kind);
  }

  /** Recomputes the ladder of level prices; called whenever the best bid moves. */
  private reprice(): void {
    let a = this.bestBid;
    let b = this.bestBid;
    for (let i = 0; i < BOOK_LEVELS; i++) {
      a = stepTick(a, 1, this.kind);
      this.askPrices[i] = a <= this.upper ? a : 0;
      this.bidPrices[i] = b >= this.lower && b > 0 ? b : 0;
      b = stepTick(b, -1, this.kind);
    }
  }

  /** Ask price at level i (0 = best); 0 when the level would lie above the upper limit. */
  askPrice(i: number): number {
    return this.askPrices[i] ?? 0;
  }

  /** Bid price at level i (0 = best); 0 when the level would lie below the lower limit. */
  bidPrice(i: number): number {
    return this.bidPrices[i] ?? 0;
  }

  askQtyAt(i: number): number {
    return this.askPrice(i) > 0 ? (this.askQty[i] ?? 0) : 0;
  }

  bidQtyAt(i: number): number {
    return this.bidPrice(i) > 0 ? (this.bidQty[i] ?? 0) : 0;
  }

  totalAsk(): number {
    let t = 0;
    for (let i = 0; i < BOOK_LEVELS; i++) t += this.askQtyAt(i);
    return t;
  }

  totalBid(): number {
    let t = 0;
    for (let i = 0; i < BOOK_LEVELS; i++) t += this.bidQtyAt(i);
    return t;
  }

  freshDepth(level: number): number {
    return Math.max(1, Math.round(this.depthLot * (0.3 + this.rng.next() * 1.7) * (1 + level * 0.15)));
  }

  private clampBid(bid: number): number {
    const maxBid = stepTick(this.upper, -1, this.kind);
    if (bid > maxBid) return maxBid;
    if (bid < this.lower) return this.lower;
    return bid;
  }

  /** Quotes move up one tick: the best ask becomes the best bid (fresh buyers step in). */
  shiftUp(): boolean {
    const next = stepTick(this.bestBid, 1, this.kind);
    if (stepTick(next, 1, this.kind) > this.upper) return false;
    this.bestBid = next;
    this.reprice();
    this.askQty.shift();
    this.askQty.push(this.freshDepth(BOOK_LEVELS - 1));
    this.bidQty.pop();
    this.bidQty.unshift(this.freshDepth(0));
    this.bookDirty = true;
    return true;
  }

  shiftDown(): boolean {
    const next = stepTick(this.bestBid, -1, this.kind);
    if (next < this.lower) return false;
    this.bestBid = next;
    this.reprice();
    this.bidQty.shift();
    this.bidQty.push(this.freshDepth(BOOK_LEVELS - 1));
    this.askQty.pop();
    this.askQty.unshift(this.freshDepth(0));
    this.bookDirty = true;
    return true;
  }

  /** Updates today's statistics and bars for one print. */
  recordTrade(print: TradePrint): void {
    const { price, volume, time } = print;
    const hhmmss = kstTime(time);
    if (this.open === 0) {
      this.open = this.high = this.low = price;
      this.openTime = this.highTime = this.lowTime = hhmmss;
    }
    if (price > this.high) {
      this.high = price;
      this.highTime = hhmmss;
    }
    if (price < this.low) {
      this.low = price;
      this.lowTime = hhmmss;
    }
    this.last = price;
    this.volume += volume;
    this.value += price * volume;
    if (print.aggressor === 'buy') {
      this.buyVolume += volume;
      this.buyCount++;
    } else {
      this.sellVolume += volume;
      this.sellCount++;
    }
    const minute = `${hhmmss.slice(0, 4)}00`;
    const bar = this.minuteBars[this.minuteBars.length - 1];
    if (bar && bar.time === minute) {
      bar.high = Math.max(bar.high, price);
      bar.low = Math.min(bar.low, price);
      bar.close = price;
      bar.volume += volume;
      bar.value += price * volume;
    } else {
      this.minuteBars.push({
        time: minute,
        open: price,
        high: price,
        low: price,
        close: price,
        volume,
        value: price * volume,
      });
    }
  }

  /** Today's bar as the daily chart shows it; `synthesized` when nothing traded yet (mod_yn Y). */
  todayBar(todayDate: string): DailyBar & { synthesized: boolean } {
    if (this.open === 0) {
      const p = this.prevClose;
      return { date: todayDate, open: p, high: p, low: p, close: p, volume: 0, value: 0, synthesized: true };
    }
    return {
      date: todayDate,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.last,
      volume: this.volume,
      value: this.value,
      synthesized: false,
    };
  }

  /**
   * Closes the simulated day: today's bar joins the history (when anything traded), the last
   * price becomes the new base price, and the day's statistics start again.
   */
  rollover(closedDate: string, newDayMs: number): void {
    if (this.open > 0) {
      this.history.push({
        date: closedDate,
        open: this.open,
        high: this.high,
        low: this.low,
        close: this.last,
        volume: this.volume,
        value: this.value,
      });
      this.prevClose = this.last;
    }
    const limits = priceLimits(this.prevClose, this.kind);
    this.upper = limits.upper;
    this.lower = limits.lower;
    this.open = this.high = this.low = 0;
    this.volume = this.value = 0;
    this.buyVolume = this.sellVolume = this.buyCount = this.sellCount = 0;
    this.openTime = this.highTime = this.lowTime = '';
    this.minuteBars.length = 0;
    this.bestBid = this.clampBid(stepTick(this.prevClose, -1, this.kind));
    this.reprice();
    this.bookTime = newDayMs;
    this.bookDirty = true;
  }

  vwap(): number {
    return this.volume > 0 ? Math.round(this.value / this.volume) : this.last;
  }

  prevDayVolume(): number {
    return this.history[this.history.length - 1]?.volume ?? 0;
  }
}

/** Weekday trading days strictly before `todayMs`, oldest first (KRX holidays are not modelled). */
function previousTradingDays(todayMs: number, count: number): string[] {
  const p = kstParts(todayMs);
  const days: string[] = [];
  let t = kstToEpoch(p.year, p.month, p.day);
  while (days.length < count) {
    t -= 86_400_000;
    const w = kstParts(t).weekday;
    if (w !== 0 && w !== 6) days.push(kstDate(t));
  }
  return days.reverse();
}

/** Walks backwards from the previous close so the newest generated close is exactly prevClose. */
function generateHistory(sym: SymbolState, todayMs: number, days: number, dailyVol: number): DailyBar[] {
  const dates = previousTradingDays(todayMs, days);
  const kind = sym.kind;
  const closes: number[] = new Array<number>(dates.length);
  let close = sym.prevClose;
  for (let i = dates.length - 1; i >= 0; i--) {
    closes[i] = close;
    // Capped at ±25 % so that, after tick rounding, every day stays inside the ±30 % band.
    const r = Math.max(-0.25, Math.min(0.25, sym.rng.normal() * dailyVol));
    close = roundToTick(close / Math.exp(r), kind);
  }
  const bars: DailyBar[] = [];
  let prev = roundToTick(closes[0] ?? sym.prevClose, kind);
  for (let i = 0; i < dates.length; i++) {
    const c = closes[i] ?? prev;
    const { upper, lower } = priceLimits(prev, kind);
    const o = Math.min(
      upper,
      Math.max(lower, roundToTick(prev * (1 + sym.rng.normal() * dailyVol * 0.3), kind)),
    );
    const hi = Math.min(
      upper,
      roundToTick(Math.max(o, c) * (1 + Math.abs(sym.rng.normal()) * dailyVol * 0.5), kind),
    );
    const lo = Math.max(
      lower,
      roundToTick(Math.min(o, c) * (1 - Math.abs(sym.rng.normal()) * dailyVol * 0.5), kind),
    );
    const volume = Math.max(
      1,
      Math.round(sym.tradeRate * 23_400 * sym.tradeLot * Math.exp(sym.rng.normal() * 0.35) * 1.1),
    );
    const avg = (o + hi + lo + c) / 4;
    bars.push({
      date: dates[i] ?? '',
      open: o,
      high: Math.max(hi, o, c),
      low: Math.min(lo, o, c),
      close: c,
      volume,
      value: Math.round(avg * volume),
    });
    prev = c;
  }
  return bars;
}

export interface MarketOptions {
  seed: string;
  listings: SimListing[];
  startMs: number;
  sessions: SessionMode;
  historyDays: number;
}

/**
 * Owns all symbols. `step(t, dtMs)` generates the trades of one delivery interval;
 * user orders take liquidity through `takeLiquidity`.
 */
export class SimMarket {
  readonly symbols = new Map<string, SymbolState>();
  readonly order: SymbolState[] = [];
  readonly sessions: SessionMode;
  todayDate: string;
  paused = false;
  /** Extra ticks per second spread over every symbol (load tests). */
  burstPerSecond = 0;
  private burstCarry = 0;
  private burstCursor = 0;
  /** Called after each synthetic print so resting user orders can fill against it. */
  onPrint: ((sym: SymbolState, print: TradePrint) => void) | undefined;
  /** Builds the H0STCNT0 record for a print (frames.ts); kept as a hook so market.ts stays protocol-free. */
  tickRecord: ((sym: SymbolState, print: TradePrint, phase: SessionPhase) => string) | undefined;

  constructor(options: MarketOptions) {
    this.sessions = options.sessions;
    this.todayDate = kstDate(options.startMs);
    for (const l of options.listings) {
      const s = new SymbolState(l, options.seed, options.startMs, options.historyDays);
      this.symbols.set(l.code, s);
      this.order.push(s);
    }
  }

  /** Starts a new trading day when `t` falls on a later KST date than the current one. */
  rolloverIfNewDay(t: number): boolean {
    const date = kstDate(t);
    if (date <= this.todayDate) return false;
    for (const s of this.order) s.rollover(this.todayDate, t);
    this.todayDate = date;
    return true;
  }

  get(code: string): SymbolState | undefined {
    return this.symbols.get(code);
  }

  phase(t: number): SessionPhase {
    return sessionPhase(this.sessions, t);
  }

  /** Generates one interval of market activity ending at `t`. */
  step(t: number, dtMs: number): void {
    if (this.paused || this.phase(t) !== 'continuous') return;
    const activity = activityFactor(t);
    for (const sym of this.order) {
      const expected = sym.tradeRate * activity * (dtMs / 1000);
      let n = Math.floor(expected);
      if (sym.rng.next() < expected - n) n++;
      for (let i = 0; i < n; i++) this.syntheticTrade(sym, t);
      this.refreshDepth(sym);
    }
    if (this.burstPerSecond > 0) {
      this.burstCarry += (this.burstPerSecond * dtMs) / 1000;
      let n = Math.floor(this.burstCarry);
      this.burstCarry -= n;
      const count = this.order.length;
      while (n-- > 0 && count > 0) {
        const sym = this.order[this.burstCursor++ % count];
        if (sym) this.syntheticTrade(sym, t);
      }
    }
  }

  /** Occasional replenishment/withdrawal of resting quantity, so the book looks alive. */
  private refreshDepth(sym: SymbolState): void {
    if (sym.rng.next() < 0.5) {
      const level = sym.rng.int(0, BOOK_LEVELS - 1);
      const arr = sym.rng.next() < 0.5 ? sym.askQty : sym.bidQty;
      const cur = arr[level] ?? 1;
      arr[level] = Math.max(1, cur + Math.round((sym.rng.next() - 0.45) * sym.depthLot * 0.5));
      sym.bookDirty = true;
    }
  }

  private syntheticTrade(sym: SymbolState, t: number): void {
    const rng = sym.rng;
    if (rng.next() < sym.driftProb) {
      // Mean reversion toward the previous close keeps prices well inside the ±30 % band.
      const pUp = Math.min(0.8, Math.max(0.2, 0.5 - 1.5 * Math.log(sym.last / sym.prevClose)));
      if (rng.next() < pUp) sym.shiftUp();
      else sym.shiftDown();
    }
    const aggressor: Side = rng.next() < 0.5 ? 'buy' : 'sell';
    const wanted = Math.max(1, Math.round(sym.tradeLot * Math.exp(rng.normal() * 0.9)));
    const fill = this.consumeLevel(sym, aggressor, wanted);
    const print: TradePrint = { code: sym.code, time: t, price: fill.price, volume: fill.qty, aggressor };
    this.emitPrint(sym, print);
    this.onPrint?.(sym, print);
  }

  private emitPrint(sym: SymbolState, print: TradePrint): void {
    sym.recordTrade(print);
    sym.bookTime = print.time;
    sym.bookDirty = true;
    if (this.tickRecord) sym.pendingTicks.push(this.tickRecord(sym, print, this.phase(print.time)));
  }

  /**
   * Takes up to `qty` from the best level on the opposite side. When the level empties the
   * quotes move one tick; at a price limit the level is replenished instead (new orders queue
   * at the limit), so the book never shows zero quantity at a live level.
   */
  private consumeLevel(sym: SymbolState, aggressor: Side, qty: number): BookFill {
    const levels = aggressor === 'buy' ? sym.askQty : sym.bidQty;
    const price = aggressor === 'buy' ? sym.bestAsk : sym.bestBid;
    const available = levels[0] ?? 0;
    const take = Math.min(qty, available);
    const left = available - take;
    if (left > 0) {
      levels[0] = left;
    } else {
      const moved = aggressor === 'buy' ? sym.shiftUp() : sym.shiftDown();
      if (!moved) levels[0] = sym.freshDepth(0);
    }
    sym.bookDirty = true;
    return { price, qty: take };
  }

  /**
   * A user order crossing the spread: walks the opposite side level by level until `qty` is
   * filled or the next level is beyond `limitPrice` (null = market order, bounded by the daily
   * limit). Every fill is also printed as a market trade.
   */
  takeLiquidity(code: string, side: Side, qty: number, limitPrice: number | null, t: number): BookFill[] {
    const sym = this.symbols.get(code);
    if (!sym) return [];
    const fills: BookFill[] = [];
    let remaining = qty;
    let guard = 0;
    while (remaining > 0 && guard++ < 10_000) {
      const price = side === 'buy' ? sym.bestAsk : sym.bestBid;
      if (limitPrice !== null && (side === 'buy' ? price > limitPrice : price < limitPrice)) break;
      const fill = this.consumeLevel(sym, side, remaining);
      if (fill.qty <= 0) break;
      remaining -= fill.qty;
      const lastFill = fills[fills.length - 1];
      if (lastFill && lastFill.price === fill.price) lastFill.qty += fill.qty;
      else fills.push({ ...fill });
      this.emitPrint(sym, { code, time: t, price: fill.price, volume: fill.qty, aggressor: side });
    }
    return fills;
  }

  /** Quantity available to a taker up to `limitPrice` (FOK check), without touching the book. */
  availableTo(code: string, side: Side, limitPrice: number | null, need: number): number {
    const sym = this.symbols.get(code);
    if (!sym) return 0;
    let total = 0;
    for (let i = 0; i < BOOK_LEVELS && total < need; i++) {
      const price = side === 'buy' ? sym.askPrice(i) : sym.bidPrice(i);
      if (price === 0) break;
      if (limitPrice !== null && (side === 'buy' ? price > limitPrice : price < limitPrice)) break;
      total += side === 'buy' ? sym.askQtyAt(i) : sym.bidQtyAt(i);
    }
    // Beyond the visible ten levels fresh depth keeps arriving; a market FOK inside the limits
    // is treated as fillable when the visible book cannot decide.
    return total;
  }

  /** Drains what was produced since the last call, in listing order (deterministic). */
  drainDeliveries(): Array<{ sym: SymbolState; ticks: string[]; bookChanged: boolean }> {
    const out: Array<{ sym: SymbolState; ticks: string[]; bookChanged: boolean }> = [];
    for (const sym of this.order) {
      if (sym.pendingTicks.length === 0 && !sym.bookDirty) continue;
      out.push({ sym, ticks: sym.pendingTicks, bookChanged: sym.bookDirty });
      sym.pendingTicks = [];
      sym.bookDirty = false;
    }
    return out;
  }
}
