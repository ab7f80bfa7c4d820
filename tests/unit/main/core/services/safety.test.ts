import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderJournal } from '../../../../../src/main/core/services/journal';
import {
  capabilitiesFor,
  measureDailyPnl,
  SafetyService,
} from '../../../../../src/main/core/services/safety';
import { FakeBroker } from '../../../helpers/fake-broker';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'observer-safety-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const none = async () => ({ requested: 0, cancelled: 0, failures: [] });

describe('SafetyService', () => {
  it('kill switch: cancels, locks every order, persists, and only unlock lifts it', async () => {
    const dir = tmp();
    const file = path.join(dir, 'safety.json');
    const journal = new OrderJournal({ dir: path.join(dir, 'journal'), mode: 'real' });
    const s = new SafetyService({ mode: 'real', file, journal, now: () => 5 });
    const states: boolean[] = [];
    s.onDidChange((st) => states.push(st.locked));
    let cancels = 0;
    const r = await s.killSwitch(async () => {
      cancels++;
      return { requested: 2, cancelled: 2, failures: [] };
    });
    expect(cancels).toBe(1);
    expect(r.cancel.cancelled).toBe(2);
    expect(r.state).toMatchObject({ locked: true, reason: 'kill-switch', since: 5 });
    expect(s.gate({ side: 'sell' })?.rule).toBe('kill-switch');
    expect(s.gate({ side: 'buy' })?.tier).toBe('block');
    // Another process (the CLI) sees the same lock.
    const other = new SafetyService({ mode: 'real', file });
    expect(other.state.locked).toBe(true);
    expect(s.unlock().locked).toBe(false);
    expect(s.gate({ side: 'buy' })).toBeUndefined();
    expect(new SafetyService({ mode: 'real', file }).state.locked).toBe(false);
    expect(states).toEqual([true, false]);
    expect(journal.read().entries.map((e) => e.kind)).toEqual(['lock', 'lock', 'unlock']);
    s.dispose();
    other.dispose();
  });

  it('daily loss: below minus the limit locks buys (not sells) for the KST day and cancels', async () => {
    let now = Date.UTC(2026, 2, 4, 2); // 11:00 KST
    const s = new SafetyService({ mode: 'paper', now: () => now });
    s.updateSettings('paper', { dailyLossLimit: 100_000 });
    expect(s.state).toMatchObject({ armed: true, dailyLossLimit: 100_000, locked: false });
    let cancels = 0;
    const cancel = async () => (cancels++, { requested: 1, cancelled: 1, failures: [] });
    expect(await s.checkDailyLoss(-99_999, cancel)).toBe(false);
    expect(await s.checkDailyLoss(-100_000, cancel)).toBe(false); // at the limit: fine
    expect(await s.checkDailyLoss(-100_001, cancel)).toBe(true);
    expect(cancels).toBe(1);
    expect(s.state).toMatchObject({ locked: true, reason: 'daily-loss', dailyPnl: -100_001 });
    expect(s.gate({ side: 'buy' })?.rule).toBe('daily-loss');
    expect(s.gate({ side: 'sell' })).toBeUndefined();
    expect(() => s.unlock()).toThrow(/daily-loss lock lasts/);
    expect(await s.checkDailyLoss(-200_000, cancel)).toBe(false); // already locked: no second cancel
    expect(cancels).toBe(1);
    now = Date.UTC(2026, 2, 4, 15, 0, 1); // 00:00:01 KST the next day
    expect(s.state.locked).toBe(false);
    expect(s.gate({ side: 'buy' })).toBeUndefined();
    s.dispose();
  });

  it('no limit configured: never locks', async () => {
    const s = new SafetyService({ mode: 'demo' });
    expect(s.state.armed).toBe(false);
    expect(await s.checkDailyLoss(-1e12, none)).toBe(false);
    s.dispose();
  });

  it('settings per environment: validated, persisted, journaled', () => {
    const dir = tmp();
    const file = path.join(dir, 'safety.json');
    const s = new SafetyService({ mode: 'demo', file });
    expect(s.getSettings().real.tickSize).toBe('block');
    s.updateSettings('real', { maxQty: { confirm: 5 } });
    expect(new SafetyService({ mode: 'real', file }).limits.maxQty).toEqual({ confirm: 5 });
    expect(() => s.updateSettings('real', { maxQty: { confirm: -1 } })).toThrow();
    s.dispose();
  });

  it('a damaged safety.json is kept aside and trading starts locked', () => {
    const dir = tmp();
    const file = path.join(dir, 'safety.json');
    writeFileSync(file, '{ not json');
    const s = new SafetyService({ mode: 'real', file, now: () => 9 });
    expect(s.state).toMatchObject({ locked: true, reason: 'kill-switch' });
    expect(readdirSync(dir).some((f) => f.startsWith('safety.json.damaged-9'))).toBe(true);
    expect(existsSync(file)).toBe(false);
    s.dispose();
  });

  it('paper capabilities say what is missing and why', () => {
    const paper = capabilitiesFor('paper', true);
    expect(paper.real).toBe(false);
    expect(paper.items.every((i) => !i.available && i.reason)).toBe(true);
    expect(paper.items.map((i) => i.id)).toContain('modifiableOrdersQuery');
    const real = capabilitiesFor('real', false);
    expect(real.real).toBe(true);
    expect(real.items.every((i) => i.available)).toBe(true);
  });

  it('measures daily P&L from account equity, fees and fully closed positions included', async () => {
    const file = path.join(tmp(), 'safety.json');
    let now = Date.UTC(2026, 2, 4, 1, 0, 0); // 10:00 KST
    const b = new FakeBroker();
    const s = new SafetyService({ mode: 'real', file, now: () => now });
    b.balance = { cash: 100_000_000, orderable: 100_000_000, totalEval: 100_000_000, pnl: 0, positions: [] };
    expect(await measureDailyPnl(b, s)).toBe(0); // the day's first look sets the baseline
    // A losing round trip that closed the position: no position left, cash down by loss + fees + tax.
    b.balance = { cash: 99_998_486, orderable: 99_998_486, totalEval: 99_998_486, pnl: 0, positions: [] };
    expect(await measureDailyPnl(b, s)).toBe(-1_514);
    // A restart the same day keeps the baseline (persisted).
    const again = new SafetyService({ mode: 'real', file, now: () => now });
    expect(await measureDailyPnl(b, again)).toBe(-1_514);
    // The next KST day starts from the equity seen then.
    now += 24 * 3600_000;
    expect(await measureDailyPnl(b, again)).toBe(0);
  });
});
