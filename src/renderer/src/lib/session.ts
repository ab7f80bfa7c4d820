/** KRX trading sessions from the KST clock (regular board; holidays are not known here). */
import { kstParts } from './format';

export type MarketSession = 'pre-open' | 'continuous' | 'closing-auction' | 'after-hours' | 'closed';

const hm = (h: number, m: number) => h * 60 + m;

/**
 * 08:30–09:00 pre-open auction, 09:00–15:20 continuous, 15:20–15:30 closing auction,
 * 15:40–18:00 after-hours, otherwise closed; weekends closed.
 */
export function krxSession(epochMs: number): MarketSession {
  const { minutes, weekday } = kstParts(epochMs);
  if (weekday === 0 || weekday === 6) return 'closed';
  if (minutes >= hm(8, 30) && minutes < hm(9, 0)) return 'pre-open';
  if (minutes >= hm(9, 0) && minutes < hm(15, 20)) return 'continuous';
  if (minutes >= hm(15, 20) && minutes < hm(15, 30)) return 'closing-auction';
  if (minutes >= hm(15, 40) && minutes < hm(18, 0)) return 'after-hours';
  return 'closed';
}
