import { useCallback } from 'react';
import { usePrefs } from '../stores/prefs';
import { messages, type Locale, type MessageKey } from './messages';

export type Vars = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text: string = messages[locale][key] ?? messages.en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export type TFn = (key: MessageKey, vars?: Vars) => string;

export function useT(): TFn {
  const locale = usePrefs((s) => s.locale);
  return useCallback((key: MessageKey, vars?: Vars) => translate(locale, key, vars), [locale]);
}

export type { Locale, MessageKey };
