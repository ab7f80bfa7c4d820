import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, SettingsService } from '../../../../../src/main/core/services/settings';

function dir() {
  return mkdtempSync(path.join(tmpdir(), 'observer-settings-'));
}

describe('SettingsService', () => {
  it('starts from defaults and persists updates (0600) that a new instance reads back', () => {
    const d = dir();
    const file = path.join(d, 'settings.json');
    const s = new SettingsService(file);
    expect(s.get()).toEqual(defaultSettings());
    const changes: unknown[] = [];
    s.onDidChange((v) => changes.push(v));
    s.update({
      preferences: { theme: 'light' },
      watchlists: [{ id: 'a', name: '반도체', codes: ['000660'] }],
    });
    expect(changes).toHaveLength(1);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = new SettingsService(file);
    expect(again.get().preferences.theme).toBe('light');
    expect(again.get().preferences.locale).toBe('ko');
    expect(again.get().watchlists).toEqual([{ id: 'a', name: '반도체', codes: ['000660'] }]);
  });

  it('rejects invalid updates and keeps the previous settings', () => {
    const s = new SettingsService(path.join(dir(), 'settings.json'));
    expect(() => s.update({ watchlists: [{ id: 'x', name: 'A', codes: ['5930'] }] })).toThrow();
    expect(() =>
      s.update({
        watchlists: [
          { id: 'x', name: 'A', codes: [] },
          { id: 'x', name: 'B', codes: [] },
        ],
      }),
    ).toThrow(/share the id "x"/);
    expect(s.get()).toEqual(defaultSettings());
  });

  it('moves a damaged file aside instead of losing it, and says so', () => {
    const d = dir();
    const file = path.join(d, 'settings.json');
    writeFileSync(file, '{"preferences": {"theme": "purple"}}');
    const s = new SettingsService(file);
    expect(s.get()).toEqual(defaultSettings());
    expect(s.loadProblem).toMatch(/preferences.theme/);
    const aside = readdirSync(d).find((f) => f.startsWith('settings.json.damaged-'));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(d, aside!), 'utf8')).toContain('purple');
    expect(existsSync(file)).toBe(false);

    writeFileSync(file, '{not json');
    expect(new SettingsService(file).loadProblem).toMatch(/not valid JSON/);
  });
});
