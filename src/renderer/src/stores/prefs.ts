/**
 * Theme and language as this window shows them. The host's settings are the truth (App follows
 * them); the local copy only lets the first frame paint in the right theme before they arrive.
 */
import { create } from 'zustand';
import type { Locale } from '../i18n/messages';

export type Theme = 'dark' | 'light';

interface PrefsState {
  theme: Theme;
  locale: Locale;
  setTheme(theme: Theme): void;
  setLocale(locale: Locale): void;
}

const KEY = 'observer.prefs.v1';

function load(): Pick<PrefsState, 'theme' | 'locale'> {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<PrefsState>;
    return {
      theme: raw.theme === 'light' ? 'light' : 'dark',
      locale: raw.locale === 'en' ? 'en' : 'ko',
    };
  } catch {
    return { theme: 'dark', locale: 'ko' };
  }
}

export const usePrefs = create<PrefsState>((set, get) => {
  const save = () => localStorage.setItem(KEY, JSON.stringify({ theme: get().theme, locale: get().locale }));
  return {
    ...load(),
    setTheme(theme) {
      set({ theme });
      save();
    },
    setLocale(locale) {
      set({ locale });
      save();
    },
  };
});
