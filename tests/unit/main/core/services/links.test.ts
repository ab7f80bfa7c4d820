import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinkState } from '../../../../../src/shared/contract';
import { DEFAULT_LINKS, LinkService } from '../../../../../src/main/core/services/links';
import { fakeRuntime } from '../../../helpers/runtime';

const file = () => path.join(mkdtempSync(path.join(tmpdir(), 'observer-links-')), 'links.json');

describe('LinkService', () => {
  it('starts from the defaults, counts changes and persists them for the next start', () => {
    const f = file();
    const s = new LinkService(f);
    expect(s.get()).toMatchObject({ groups: DEFAULT_LINKS, rev: 0 });
    const seen: LinkState[] = [];
    s.onDidChange((v) => seen.push(v));
    s.set('amber', '000660');
    s.set('amber', '000660'); // unchanged: no event, no new rev
    s.set('green', '035420');
    expect(seen.map((v) => v.rev)).toEqual([1, 2]);
    expect(seen[1]!.groups).toEqual({ green: '035420', amber: '000660' });
    const again = new LinkService(f);
    expect(again.get().groups).toEqual({ green: '035420', amber: '000660' });
    // A new run starts counting again under a new epoch, so windows take its state as is.
    expect(again.get().rev).toBe(0);
    expect(again.get().epoch).not.toBe(s.get().epoch);
    expect(again.reset()).toMatchObject({ groups: DEFAULT_LINKS, rev: 1 });
  });

  it('moves a damaged file aside, says which field was wrong and uses the defaults', () => {
    const f = file();
    writeFileSync(f, JSON.stringify({ groups: { green: 'not-a-code' } }));
    const s = new LinkService(f);
    expect(s.get().groups).toEqual(DEFAULT_LINKS);
    expect(s.loadProblem).toMatch(/groups\.green/);
    expect(readdirSync(path.dirname(f)).some((n) => n.startsWith('links.json.damaged-'))).toBe(true);
    writeFileSync(f, '{ nope');
    expect(new LinkService(f).loadProblem).toMatch(/not valid JSON/);
    expect(existsSync(f)).toBe(false);
  });

  it('is shared by every session of the host: a change in one reaches the others', async () => {
    const rt = await fakeRuntime();
    try {
      const a = rt.host.openSession('in-process', () => {});
      const seenByB: LinkState[] = [];
      const b = rt.host.openSession('in-process', (batch) => {
        for (const [, events] of batch) seenByB.push(...(events as LinkState[]));
      });
      expect(b.subscribe('s1', 'links:changes', undefined)).toMatchObject({ ok: true });
      const after = await a.invoke('links:set', { color: 'violet', code: '005380' });
      expect(after).toMatchObject({ ok: true, value: { groups: { violet: '005380' } } });
      await expect.poll(() => seenByB.at(-1)?.groups.violet).toBe('005380');
      expect(await a.invoke('links:set', { color: 'violet', code: '12' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', field: 'code' },
      });
      expect(await a.invoke('links:set', { color: 'pink', code: '005930' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', field: 'color' },
      });
    } finally {
      await rt.dispose();
    }
  });
});
