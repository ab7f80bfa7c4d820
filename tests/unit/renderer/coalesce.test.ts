import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameCoalescer } from '../../../src/renderer/src/stores/coalesce';

describe('frame coalescer', () => {
  afterEach(() => vi.useRealTimers());

  it('hands every event of a frame to the store in one flush', () => {
    vi.useFakeTimers();
    const flushes: number[][] = [];
    const c = frameCoalescer<number>((items) => flushes.push(items));
    c.push([1, 2]);
    c.push([3]);
    expect(flushes).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(flushes).toEqual([[1, 2, 3]]);
    c.push([4]);
    vi.advanceTimersByTime(20);
    expect(flushes).toEqual([[1, 2, 3], [4]]);
  });

  it('drops pending events on dispose', () => {
    vi.useFakeTimers();
    const flushes: number[][] = [];
    const c = frameCoalescer<number>((items) => flushes.push(items));
    c.push([1]);
    c.dispose();
    vi.advanceTimersByTime(20);
    expect(flushes).toEqual([]);
  });
});
