/** Number and time formatting shared by every panel: won with separators, signed changes, KST. */
const won = new Intl.NumberFormat('ko-KR');
const rate = new Intl.NumberFormat('ko-KR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatWon(n: number): string {
  return won.format(Math.round(n));
}

/** +1,200 / -300 / 0 */
export function formatSigned(n: number): string {
  if (n > 0) return `+${won.format(n)}`;
  return won.format(n);
}

/** +1.25% / -0.40% / 0.00% */
export function formatRate(r: number): string {
  const s = rate.format(Math.abs(r));
  if (r > 0) return `+${s}%`;
  if (r < 0) return `-${s}%`;
  return `${s}%`;
}

/** 1,234,567 shares; compact for big volumes in narrow columns: 12.3M */
export function formatQty(n: number): string {
  return won.format(n);
}

/** Trading value in 억 (10^8) or 백만 as traders read it; English gets M / B. */
export function formatBigWon(n: number, locale: 'ko' | 'en'): string {
  if (locale === 'ko') {
    if (Math.abs(n) >= 1e8) return `${rate.format(n / 1e8)}억`;
    if (Math.abs(n) >= 1e4) return `${won.format(Math.round(n / 1e4))}만`;
    return won.format(n);
  }
  if (Math.abs(n) >= 1e9) return `${rate.format(n / 1e9)}B`;
  if (Math.abs(n) >= 1e6) return `${rate.format(n / 1e6)}M`;
  return won.format(n);
}

/** 'up' | 'down' | 'flat' for colouring; the theme maps up/down to red/blue (or the Western pair). */
export type Direction = 'up' | 'down' | 'flat';

export function direction(n: number): Direction {
  return n > 0 ? 'up' : n < 0 ? 'down' : 'flat';
}

/** KIS sign code → direction (1/2 up, 4/5 down, 3 flat). */
export function directionOfSign(sign: string | undefined, change: number): Direction {
  if (sign === '1' || sign === '2') return 'up';
  if (sign === '4' || sign === '5') return 'down';
  if (sign === '3') return 'flat';
  return direction(change);
}

const kstTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Seoul',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export function formatKstTime(epochMs: number): string {
  return kstTime.format(new Date(epochMs));
}

const kstDateTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function formatKstDateTime(epochMs: number): string {
  return kstDateTime.format(new Date(epochMs)).replace(',', '');
}

/** HHMMSS → HH:MM:SS */
export function formatHms(hms: string | undefined): string {
  if (!hms || hms.length < 6) return hms ?? '';
  return `${hms.slice(0, 2)}:${hms.slice(2, 4)}:${hms.slice(4, 6)}`;
}

/** KST wall clock parts of an instant (Korea has no DST: UTC+9 always). */
export function kstParts(epochMs: number): { ymd: string; hms: string; minutes: number; weekday: number } {
  const d = new Date(epochMs + 9 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const ymd = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  const hms = `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return { ymd, hms, minutes: d.getUTCHours() * 60 + d.getUTCMinutes(), weekday: d.getUTCDay() };
}
