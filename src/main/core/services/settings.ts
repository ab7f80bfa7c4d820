/**
 * SettingsService: watchlists, keymap and preferences in <dataDir>/settings.json, validated on
 * read and write. A damaged file is never overwritten silently: it is moved aside with a
 * timestamp, the defaults are used, and the problem is reported once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_PREFERENCES, Settings, type SettingsPatch } from '../../../shared/contract/settings';
import { Emitter, type Disposable } from '../../../shared/lifecycle';
import { moveAside, writeJsonFile } from './json-file';

export const DEFAULT_KEYMAP: Record<string, string> = {
  'ticket.buy': 'F2',
  'ticket.sell': 'F3',
  'ticket.submit': 'Enter',
  'orders.cancelAll': 'Ctrl+Shift+X',
  'search.focus': 'Ctrl+K',
  'link.cycle': 'Ctrl+L',
  'panel.next': 'Ctrl+Tab',
  'trading.arm': 'Ctrl+Shift+A',
  'trading.disarm': 'Escape',
  'hotkey.buyAtAsk': 'Shift+B',
  'hotkey.sellAtBid': 'Shift+S',
  killSwitch: 'Ctrl+Shift+K',
};

export function defaultSettings(): Settings {
  return {
    watchlists: [
      {
        id: 'main',
        name: '관심종목',
        codes: ['005930', '000660', '035420', '035720', '005380', '373220', '069500'],
      },
    ],
    keymap: { ...DEFAULT_KEYMAP },
    preferences: { ...DEFAULT_PREFERENCES },
    layouts: {},
  };
}

export class SettingsService implements Disposable {
  private current: Settings;
  private readonly changed = new Emitter<Settings>();
  readonly onDidChange = this.changed.event;
  /** Set when the file on disk could not be used; the UI shows it once. */
  readonly loadProblem: string | undefined;

  constructor(private readonly file: string) {
    const { settings, problem } = SettingsService.load(file);
    this.current = settings;
    this.loadProblem = problem;
  }

  private static load(file: string): { settings: Settings; problem?: string } {
    if (!existsSync(file)) return { settings: defaultSettings() };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      return SettingsService.quarantine(file, `not valid JSON (${(e as Error).message})`);
    }
    const merged = { ...defaultSettings(), ...(raw as object) };
    const r = Settings.safeParse(merged);
    if (!r.success) {
      const issue = r.error.issues[0];
      return SettingsService.quarantine(file, `field "${issue?.path.join('.')}" ${issue?.message}`);
    }
    return { settings: { ...r.data, keymap: { ...DEFAULT_KEYMAP, ...r.data.keymap } } };
  }

  private static quarantine(file: string, why: string): { settings: Settings; problem: string } {
    const aside = moveAside(file);
    return {
      settings: defaultSettings(),
      problem: `${file} could not be used (${why}); it was kept as ${aside} and defaults are in use.`,
    };
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    const next: Settings = {
      watchlists: patch.watchlists ?? this.current.watchlists,
      keymap: patch.keymap ?? this.current.keymap,
      preferences: { ...this.current.preferences, ...(patch.preferences ?? {}) },
      layouts: patch.layouts ? { ...this.current.layouts, ...patch.layouts } : this.current.layouts,
    };
    const ids = new Set<string>();
    for (const w of next.watchlists) {
      if (ids.has(w.id))
        throw Object.assign(new Error(`Two watchlists share the id "${w.id}".`), { name: 'SettingsError' });
      ids.add(w.id);
    }
    this.current = Settings.parse(next);
    this.save();
    this.changed.fire(this.current);
    return this.current;
  }

  private save(): void {
    writeJsonFile(this.file, this.current);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
