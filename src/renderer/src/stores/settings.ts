/** The host's settings (watchlists, keymap, preferences, layouts): loaded once, then live. */
import { create } from 'zustand';
import { DEFAULT_PREFERENCES, type Settings, type SettingsPatch } from '../../../shared/contract';
import { getBridge } from '../bridge';

interface SettingsState {
  settings: Settings | null;
  error: string | null;
  set(settings: Settings): void;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  error: null,
  set: (settings) => set({ settings }),
}));

export async function loadSettings(): Promise<Settings> {
  const s = await getBridge().api.settings.get();
  useSettings.setState({ settings: s, error: null });
  return s;
}

export function watchSettings(): () => void {
  return getBridge().api.settings.changes(undefined, (events) => {
    const last = events[events.length - 1];
    if (last) useSettings.setState({ settings: last });
  });
}

/** Applies the patch on the host; the store takes the host's answer as the truth. */
export async function updateSettings(patch: SettingsPatch): Promise<Settings> {
  const next = await getBridge().api.settings.update(patch);
  useSettings.setState({ settings: next });
  return next;
}

export function usePreference<K extends keyof Settings['preferences']>(key: K): Settings['preferences'][K] {
  return useSettings((s) => s.settings?.preferences[key] ?? DEFAULT_PREFERENCES[key]);
}
