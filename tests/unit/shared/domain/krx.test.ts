import { describe, expect, it } from 'vitest';
import {
  ceilToTick,
  floorToTick,
  isOnTick,
  isPlausibleCode,
  priceLimits,
  signCode,
  stepTick,
  tickSize,
  ticksBetween,
} from '../../../../src/shared/domain/krx';

describe('KRX 2023 tick table', () => {
  it.each([
    [1, 1],
    [1_999, 1],
    [2_000, 5],
    [4_995, 5],
    [5_000, 10],
    [19_990, 10],
    [20_000, 50],
    [49_950, 50],
    [50_000, 100],
    [199_900, 100],
    [200_000, 500],
    [499_500, 500],
    [500_000, 1_000],
    [1_500_000, 1_000],
  ])('tick at %i is %i', (price, tick) => {
    expect(tickSize(price)).toBe(tick);
  });

  it('uses 5 won for ETFs and ETNs at any price', () => {
    expect(tickSize(35_000, 'etf')).toBe(5);
    expect(tickSize(1_200, 'etn')).toBe(5);
  });

  it('checks the grid', () => {
    expect(isOnTick(71_300)).toBe(true);
    expect(isOnTick(71_350)).toBe(false);
    expect(isOnTick(0)).toBe(false);
    expect(isOnTick(-100)).toBe(false);
    expect(isOnTick(100.5)).toBe(false);
    expect(isOnTick(35_005, 'etf')).toBe(true);
  });

  it('steps across band edges', () => {
    expect(stepTick(1_999, 1)).toBe(2_000);
    expect(stepTick(2_000, 1)).toBe(2_005);
    expect(stepTick(2_000, -1)).toBe(1_999);
    expect(stepTick(50_000, -1)).toBe(49_950);
    expect(stepTick(49_950, 1)).toBe(50_000);
    expect(stepTick(71_300, 3)).toBe(71_600);
    expect(stepTick(1, -1)).toBe(1);
  });

  it('rounds to the grid and counts ticks', () => {
    expect(floorToTick(71_350)).toBe(71_300);
    expect(ceilToTick(71_350)).toBe(71_400);
    expect(floorToTick(20_020)).toBe(20_000);
    expect(ceilToTick(19_995)).toBe(20_000);
    expect(ticksBetween(49_900, 50_200)).toBe(4); // 49,950 · 50,000 · 50,100 · 50,200
    expect(ticksBetween(50_200, 49_900)).toBe(-4);
  });

  it('computes ±30 % limits on the grid', () => {
    expect(priceLimits(71_300)).toEqual({ upper: 92_600, lower: 49_950 });
    expect(priceLimits(10_000)).toEqual({ upper: 13_000, lower: 7_000 });
    const { upper, lower } = priceLimits(183_700);
    expect(isOnTick(upper) && isOnTick(lower)).toBe(true);
    expect(upper).toBeLessThanOrEqual(183_700 * 1.3);
    expect(lower).toBeGreaterThanOrEqual(183_700 * 0.7);
  });

  it('tells the sign code', () => {
    const limits = { upper: 13_000, lower: 7_000 };
    expect(signCode(13_000, 10_000, limits)).toBe('1');
    expect(signCode(10_100, 10_000, limits)).toBe('2');
    expect(signCode(10_000, 10_000, limits)).toBe('3');
    expect(signCode(7_000, 10_000, limits)).toBe('4');
    expect(signCode(9_900, 10_000, limits)).toBe('5');
  });

  it('accepts the code shapes KRX issues and rejects the impossible', () => {
    for (const c of ['005930', '0193T0', '00088K', 'Q500001']) expect(isPlausibleCode(c)).toBe(true);
    for (const c of ['5930', '0059300', '00593a', 'A005930', '']) expect(isPlausibleCode(c)).toBe(false);
  });
});
