/**
 * KRX trading phases (kis-protocol.md §8.1). With `sessions: 'always'` (the default) the
 * simulated market is in continuous trading whenever it runs, so a demo works at midnight.
 */
import { kstParts } from './clock';

export type SessionMode = 'always' | 'krx';
export type SessionPhase = 'closed' | 'preOpen' | 'continuous' | 'closingAuction' | 'afterHours';

const PRE_OPEN = 8 * 3600 + 30 * 60;
const OPEN = 9 * 3600;
const CLOSING_AUCTION = 15 * 3600 + 20 * 60;
const CLOSE = 15 * 3600 + 30 * 60;
const AFTER_HOURS_END = 18 * 3600;
const SESSION_SECONDS = CLOSE - OPEN;

export function krxPhase(epochMs: number): SessionPhase {
  const p = kstParts(epochMs);
  if (p.weekday === 0 || p.weekday === 6) return 'closed';
  const s = p.hour * 3600 + p.minute * 60 + p.second;
  if (s < PRE_OPEN) return 'closed';
  if (s < OPEN) return 'preOpen';
  if (s < CLOSING_AUCTION) return 'continuous';
  if (s < CLOSE) return 'closingAuction';
  if (s < AFTER_HOURS_END) return 'afterHours';
  return 'closed';
}

export function sessionPhase(mode: SessionMode, epochMs: number): SessionPhase {
  return mode === 'always' ? 'continuous' : krxPhase(epochMs);
}

/**
 * Relative trading intensity over the KST day: busy after the 09:00 open and into the close,
 * quiet at lunch. Outside regular hours (only reachable with sessions 'always') it is flat.
 */
export function activityFactor(epochMs: number): number {
  const p = kstParts(epochMs);
  const s = p.hour * 3600 + p.minute * 60 + p.second;
  if (s < OPEN || s >= CLOSE) return 1;
  const u = (s - OPEN) / SESSION_SECONDS;
  return 0.55 + 2.4 * Math.exp(-u / 0.035) + 1.5 * Math.exp(-(1 - u) / 0.05);
}

/** Session code for H0STCNT0 #34 NEW_MKOP_CLS_CODE / inquire-asking-price new_mkop_cls_code. */
export function sessionCode(phase: SessionPhase): string {
  switch (phase) {
    case 'preOpen':
      return '10';
    case 'continuous':
      return '20';
    case 'closingAuction':
      return '20';
    case 'afterHours':
      return '40';
    default:
      return '30';
  }
}
