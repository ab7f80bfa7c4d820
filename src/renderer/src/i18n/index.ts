import { useCallback } from 'react';
import { usePrefs } from '../stores/prefs';
import { messages, type Locale, type MessageKey } from './messages';

export function translate(locale: Locale, key: MessageKey): string {
  return messages[locale][key] ?? messages.en[key] ?? key;
}

export function useT(): (key: MessageKey) => string {
  const locale = usePrefs((s) => s.locale);
  return useCallback((key: MessageKey) => translate(locale, key), [locale]);
}

export type { Locale, MessageKey };
