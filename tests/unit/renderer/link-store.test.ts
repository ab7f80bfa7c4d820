import { beforeEach, describe, expect, it } from 'vitest';
import type { LinkState } from '../../../src/shared/contract';
import { __resetLinkStore, applyLinkState, useLinks } from '../../../src/renderer/src/stores/link';

/** A host stand-in: `links.set` answers only when the test says so, like a slow round trip. */
const calls: Array<{ color: string; code: string; answer(s: LinkState): void }> = [];
(globalThis as unknown as { window: unknown }).window = {
  observer: {
    links: {
      set: (p: { color: string; code: string }) =>
        new Promise<LinkState>((resolve) => calls.push({ ...p, answer: resolve })),
    },
  },
};

const state = (rev: number, groups: LinkState['groups'], epoch = 'e1'): LinkState => ({ groups, rev, epoch });
const green = () => useLinks.getState().groups.green;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the link store shared through the host', () => {
  beforeEach(() => {
    __resetLinkStore();
    calls.length = 0;
    applyLinkState(state(0, { green: '005930' }));
  });

  it('a quick second pick is not undone by the echo of the first', async () => {
    useLinks.getState().setSymbol('green', '000660');
    useLinks.getState().setSymbol('green', '035420');
    expect(green()).toBe('035420');
    // The host applied the first pick and its stream echoes it before the second is answered.
    applyLinkState(state(1, { green: '000660' }));
    expect(green()).toBe('035420');
    calls[0]!.answer(state(1, { green: '000660' }));
    await flush();
    expect(green()).toBe('035420');
    calls[1]!.answer(state(2, { green: '035420' }));
    await flush();
    expect(green()).toBe('035420');
    // A late echo of the first change is older than what was applied: ignored.
    applyLinkState(state(1, { green: '000660' }));
    expect(green()).toBe('035420');
  });

  it("another window's later pick wins once this window's pick is answered", async () => {
    useLinks.getState().setSymbol('green', '000660');
    applyLinkState(state(2, { green: '005380', amber: '069500' }));
    // The other colour follows at once; ours keeps the local pick while it is in flight.
    expect(useLinks.getState().groups).toEqual({ green: '000660', amber: '069500' });
    calls[0]!.answer(state(1, { green: '000660' }));
    await flush();
    expect(useLinks.getState().groups).toEqual({ green: '005380', amber: '069500' });
  });

  it('takes a restarted host (new epoch) as it is, although its count starts again', () => {
    applyLinkState(state(7, { green: '000660' }));
    applyLinkState(state(0, { green: '035720' }, 'e2'));
    expect(green()).toBe('035720');
  });
});
