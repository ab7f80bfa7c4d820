/**
 * Time as a dependency: the token cache, the rate limiter and the reconnect backoff all wait, and
 * tests must drive those waits without real minutes passing.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with an AbortError when `signal` fires first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function abortError(): Error {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortError());
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

const KST_OFFSET_MS = 9 * 3_600_000;

/** Parts of an instant in Korea Standard Time (KST has no DST). */
export function kstParts(epochMs: number): { ymd: string; hms: string } {
  const d = new Date(epochMs + KST_OFFSET_MS);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return {
    ymd: `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}`,
    hms: `${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}`,
  };
}

/** "YYYY-MM-DD HH:MM:SS" in KST (the token expiry format) → epoch ms; NaN when malformed. */
export function parseKstDateTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) - KST_OFFSET_MS;
}

/** YYYYMMDD shifted by `days` (calendar arithmetic, no time zone involved). */
export function addDays(ymd: string, days: number): string {
  const t =
    Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))) +
    days * 86_400_000;
  const d = new Date(t);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}
