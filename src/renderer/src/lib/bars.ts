/** Chart bars: bucketing live ticks into the last bar of the chosen period. */
import type { Bar, BarPeriod } from '../../../shared/domain/market';

/** The bucket key a trade at (ymd, hms) falls into for a period, in the bars' date format. */
export function bucketOf(period: BarPeriod, ymd: string, hms: string): string {
  if (period === '1m') return `${ymd}${hms.slice(0, 4)}00`;
  if (period === '5m') {
    const h = hms.slice(0, 2);
    const m = Math.floor(Number(hms.slice(2, 4)) / 5) * 5;
    return `${ymd}${h}${String(m).padStart(2, '0')}00`;
  }
  if (period === 'D') return ymd;
  if (period === 'M') return `${ymd.slice(0, 6)}01`;
  // Weekly bars are keyed by their Monday.
  const d = new Date(Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8)));
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

function sameBucket(period: BarPeriod, barDate: string, key: string): boolean {
  if (period === 'W') return bucketOf('W', barDate.slice(0, 8), '000000') === key;
  if (period === 'M') return barDate.slice(0, 6) === key.slice(0, 6);
  return barDate === key;
}

/**
 * Folds one trade into the bars. Returns 'update' when the last bar changed, 'append' when a new
 * bar started, or 'none' for a trade older than the last bar.
 */
export function applyTrade(
  bars: Bar[],
  period: BarPeriod,
  trade: { ymd: string; hms: string; price: number; volume: number },
): 'update' | 'append' | 'none' {
  const key = bucketOf(period, trade.ymd, trade.hms);
  const last = bars[bars.length - 1];
  if (last && sameBucket(period, last.date, key)) {
    last.high = Math.max(last.high, trade.price);
    last.low = Math.min(last.low, trade.price);
    last.close = trade.price;
    last.volume += trade.volume;
    return 'update';
  }
  if (last && last.date > key) return 'none';
  bars.push({
    date: key,
    open: trade.price,
    high: trade.price,
    low: trade.price,
    close: trade.price,
    volume: trade.volume,
  });
  return 'append';
}

/**
 * How much of the day's volume the loaded bars already hold, where they can tell: minute bars
 * are loaded for the whole day (their sum), a daily bar is the day itself. Ticks whose cumulative
 * day volume is not above this were traded before the snapshot and must not be added again.
 * Undefined for weeks and months, whose last bar mixes in earlier days. A partial minute history
 * only makes this smaller, so no trade the bars lack is ever skipped.
 */
export function volumeInBars(bars: readonly Bar[], period: BarPeriod, ymd: string): number | undefined {
  if (period === 'D') return bars.find((b) => b.date === ymd)?.volume ?? 0;
  if (period === '1m' || period === '5m')
    return bars.reduce((sum, b) => (b.date.startsWith(ymd) ? sum + b.volume : sum), 0);
  return undefined;
}

/** Axis label for a bar date. */
export function barLabel(period: BarPeriod, date: string): string {
  if (period === '1m' || period === '5m')
    return `${date.slice(4, 6)}/${date.slice(6, 8)} ${date.slice(8, 10)}:${date.slice(10, 12)}`;
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
}
