import { describe, expect, it, vi } from 'vitest';
import { StreamRouter } from '../../../../src/shared/contract/api';

describe('StreamRouter', () => {
  it('routes each batch item to its listener and drops malformed items without failing', () => {
    const router = new StreamRouter();
    const a = vi.fn();
    const b = vi.fn();
    const ida = router.add(a);
    const idb = router.add(b);
    router.route([
      [ida, [1, 2]],
      ['unknown', [3]],
      ['x'] as unknown as [string, unknown[]],
      null as unknown as [string, unknown[]],
      [idb, 'not an array'] as unknown as [string, unknown[]],
      [idb, [4]],
    ]);
    expect(a).toHaveBeenCalledWith([1, 2]);
    expect(b).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledWith([4]);
  });

  it('keeps delivering to others when one listener throws', () => {
    const router = new StreamRouter();
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const bad = router.add(() => {
      throw new Error('panel bug');
    });
    const good = vi.fn();
    const id = router.add(good);
    router.route([
      [bad, [1]],
      [id, [2]],
    ]);
    expect(good).toHaveBeenCalledWith([2]);
    expect(err).toHaveBeenCalled();
    err.mockRestore();
  });
});
