import { describe, expect, it } from 'vitest';
import {
  direction,
  directionOfSign,
  formatBigWon,
  formatHms,
  formatRate,
  formatSigned,
  formatWon,
  kstParts,
} from '../../../src/renderer/src/lib/format';
import { krxSession } from '../../../src/renderer/src/lib/session';

describe('money and rate formatting', () => {
  it('writes won with thousands separators and signs changes', () => {
    expect(formatWon(1234567)).toBe('1,234,567');
    expect(formatSigned(1200)).toBe('+1,200');
    expect(formatSigned(-300)).toBe('-300');
    expect(formatSigned(0)).toBe('0');
    expect(formatRate(1.254)).toBe('+1.25%');
    expect(formatRate(-0.4)).toBe('-0.40%');
    expect(formatRate(0)).toBe('0.00%');
  });

  it('reads big amounts the way traders do', () => {
    expect(formatBigWon(4_530_000_000, 'ko')).toBe('45.30억');
    expect(formatBigWon(27_310_000, 'ko')).toBe('2,731만');
    expect(formatBigWon(4_530_000_000, 'en')).toBe('4.53B');
  });

  it('maps KIS sign codes to a direction', () => {
    expect(directionOfSign('1', 0)).toBe('up');
    expect(directionOfSign('2', 0)).toBe('up');
    expect(directionOfSign('3', 100)).toBe('flat');
    expect(directionOfSign('5', 0)).toBe('down');
    expect(directionOfSign(undefined, -5)).toBe('down');
    expect(direction(0)).toBe('flat');
  });

  it('formats HHMMSS and KST parts', () => {
    expect(formatHms('091502')).toBe('09:15:02');
    // 2026-11-24 00:30 UTC = 09:30 KST, a Tuesday
    const p = kstParts(Date.UTC(2026, 10, 24, 0, 30));
    expect(p).toMatchObject({ ymd: '20261124', hms: '093000', minutes: 570, weekday: 2 });
  });
});

describe('KRX session from the KST clock', () => {
  const kst = (h: number, m: number, day = 24) => Date.UTC(2026, 10, day, h - 9, m);
  it('names each session of a weekday', () => {
    expect(krxSession(kst(8, 29))).toBe('closed');
    expect(krxSession(kst(8, 30))).toBe('pre-open');
    expect(krxSession(kst(9, 0))).toBe('continuous');
    expect(krxSession(kst(15, 19))).toBe('continuous');
    expect(krxSession(kst(15, 20))).toBe('closing-auction');
    expect(krxSession(kst(15, 35))).toBe('closed');
    expect(krxSession(kst(15, 40))).toBe('after-hours');
    expect(krxSession(kst(18, 0))).toBe('closed');
  });
  it('is closed at weekends', () => {
    expect(krxSession(kst(10, 0, 28))).toBe('closed'); // Saturday
    expect(krxSession(kst(10, 0, 29))).toBe('closed'); // Sunday
  });
});
