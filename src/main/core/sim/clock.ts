/**
 * Simulator time. `real` follows the wall clock; `manual` only moves when a test calls
 * advance(ms), which makes every generated frame reproducible.
 * All KIS timestamps are Korea Standard Time (UTC+9, no DST), so formatting works on
 * `epochMs + 9 h` read with the UTC getters — independent of the host time zone.
 */

export const KST_OFFSET_MS = 9 * 3600_000;

export interface SimClock {
  readonly mode: 'real' | 'manual';
  now(): number;
}

export class RealClock implements SimClock {
  readonly mode = 'real' as const;
  now(): number {
    return Date.now();
  }
}

export class ManualClock implements SimClock {
  readonly mode = 'manual' as const;
  private current: number;

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** Moves time forward; the simulator's driver then runs the market up to the new time. */
  advanceBy(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`ManualClock.advance: ms must be >= 0 (got ${ms})`);
    this.current += ms;
    return this.current;
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export interface KstParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday (KST). */
  weekday: number;
}

export function kstParts(epochMs: number): KstParts {
  const d = new Date(epochMs + KST_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** YYYYMMDD in KST. */
export function kstDate(epochMs: number): string {
  const p = kstParts(epochMs);
  return `${p.year}${pad(p.month)}${pad(p.day)}`;
}

/** HHMMSS in KST. */
export function kstTime(epochMs: number): string {
  const p = kstParts(epochMs);
  return `${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** "YYYY-MM-DD HH:MM:SS" in KST (tokenP access_token_token_expired). */
export function kstDateTimeText(epochMs: number): string {
  const p = kstParts(epochMs);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Seconds since KST midnight. */
export function kstSecondOfDay(epochMs: number): number {
  const p = kstParts(epochMs);
  return p.hour * 3600 + p.minute * 60 + p.second;
}

/** Epoch ms of a KST wall time (month 1-12). */
export function kstToEpoch(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) - KST_OFFSET_MS;
}

/** YYYYMMDD → epoch ms of KST midnight; undefined when malformed. */
export function parseYmd(text: string): number | undefined {
  if (!/^\d{8}$/.test(text)) return undefined;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(4, 6));
  const d = Number(text.slice(6, 8));
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return kstToEpoch(y, m, d);
}
