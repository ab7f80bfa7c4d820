import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kstDay, kstTime, OrderJournal } from '../../../../../src/main/core/services/journal';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'observer-journal-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('OrderJournal', () => {
  it('appends JSON lines to one file per KST day, readable back in order', () => {
    const dir = path.join(tmp(), 'journal');
    // 2026-03-04 23:59:59 KST, then one second later: the next KST day.
    let now = Date.UTC(2026, 2, 4, 14, 59, 59);
    const j = new OrderJournal({ dir, mode: 'paper', now: () => now });
    j.append('request', { ticket: { code: '005930' } }, 'a-1');
    now += 1000;
    j.append('response', { outcome: 'accepted', orderNo: '0000000001' }, 'a-1');
    expect(j.days()).toEqual(['20260304', '20260305']);
    const first = j.read('20260304');
    expect(first.entries).toEqual([
      { at: now - 1000, kind: 'request', mode: 'paper', id: 'a-1', data: { ticket: { code: '005930' } } },
    ]);
    expect(j.read('20260305').entries[0]!.kind).toBe('response');
    expect(readFileSync(j.fileFor('20260305'), 'utf8').endsWith('\n')).toBe(true);
    if (process.platform !== 'win32') expect(statSync(j.fileFor('20260305')).mode & 0o777).toBe(0o600);
    expect(j.read('20200101')).toEqual({ date: '20200101', entries: [], damaged: 0 });
  });

  it('KST day and time helpers', () => {
    expect(kstDay(Date.UTC(2026, 2, 4, 15, 0, 0))).toBe('20260305');
    expect(kstTime(Date.UTC(2026, 2, 4, 0, 30, 5))).toBe('093005');
  });

  it('skips and counts a torn last line (a crash mid-write)', () => {
    const dir = tmp();
    const j = new OrderJournal({ dir, mode: 'demo', now: () => Date.UTC(2026, 2, 4, 1) });
    j.append('request', { a: 1 });
    appendFileSync(j.fileFor('20260304'), '{"at":17,"kind":"sen');
    const page = j.read('20260304');
    expect(page.entries).toHaveLength(1);
    expect(page.damaged).toBe(1);
  });

  it('never writes a credential: secret-named fields, registered values and bearer tokens', () => {
    const dir = tmp();
    const appKey = 'PSabcdefghijklmnopqrstuvwxyz0123456789';
    const appSecret = 'secret-value-XYZ-0123456789abcdef';
    const token = 'eyJhbGciOiJIUzI1NiJ9.payload.sig';
    const approval = 'approval-key-1234-5678';
    const j = new OrderJournal({ dir, mode: 'real', now: () => Date.UTC(2026, 2, 4, 1), secrets: [appKey] });
    j.addSecret(appSecret);
    j.addSecret(approval);
    j.append('request', {
      ticket: { code: '005930' },
      appkey: appKey,
      appsecret: appSecret,
      nested: { access_token: token, approval_key: approval, Authorization: `Bearer ${token}` },
      message: `failed with key ${appKey} and ${appSecret} / ${approval}`,
      error: `401 for Bearer ${token}`,
      list: [appSecret],
      odd: Number.NaN,
    });
    const text = readFileSync(j.fileFor('20260304'), 'utf8');
    for (const s of [appKey, appSecret, token, approval]) expect(text).not.toContain(s);
    const e = j.read('20260304').entries[0]!;
    expect(e.data).toMatchObject({
      appkey: '[redacted]',
      appsecret: '[redacted]',
      nested: { access_token: '[redacted]', approval_key: '[redacted]', Authorization: '[redacted]' },
      error: '401 for Bearer [redacted]',
      list: ['[redacted]'],
      odd: 'NaN',
      ticket: { code: '005930' },
    });
  });

  it('creates its directory on first write only', () => {
    const dir = path.join(tmp(), 'nested', 'journal');
    const j = new OrderJournal({ dir, mode: 'demo' });
    expect(j.days()).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    j.append('lock', { reason: 'kill-switch' });
    expect(j.days()).toHaveLength(1);
  });
});
