import { describe, expect, it } from 'vitest';
import type { Tick } from '../../../src/shared/domain/market';
import { mergeTick } from '../../../src/renderer/src/stores/market';

const tick = (t: Partial<Tick>): Tick => ({
  code: '005930',
  time: '093000',
  price: 70100,
  change: 100,
  changeRate: 0.14,
  sign: '2',
  open: 70000,
  high: 70200,
  low: 69900,
  volume: 5,
  cumVolume: 1000,
  cumValue: 70_000_000,
  askPrice: 70200,
  bidPrice: 70100,
  ...t,
});

describe('merging ticks into a quote', () => {
  it('keeps the snapshot reference fields and takes the live ones from the tick', () => {
    const snap = {
      code: '005930',
      name: '삼성전자',
      price: 70000,
      change: 0,
      changeRate: 0,
      open: 0,
      high: 0,
      low: 0,
      volume: 0,
      prevClose: 70000,
      upperLimit: 91000,
      lowerLimit: 49000,
      per: 12,
      seq: 1,
    };
    const q = mergeTick(snap, tick({}));
    expect(q).toMatchObject({
      name: '삼성전자',
      upperLimit: 91000,
      per: 12,
      price: 70100,
      volume: 1000,
      seq: 2,
    });
    expect(q.askPrice).toBe(70200);
  });
  it('builds a quote from a tick when no snapshot came yet', () => {
    const q = mergeTick(undefined, tick({ price: 69900, change: -100 }));
    expect(q.prevClose).toBe(70000);
    expect(q.seq).toBe(1);
  });
});
