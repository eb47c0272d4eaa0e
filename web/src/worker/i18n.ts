import { createContext, useContext } from 'react';

import { en } from './locales/en';
import { type MessageKey, zhCN } from './locales/zh-CN';

/**
 * A tiny dictionary for the worker pages: no i18next, so the phone entry stays small. The
 * language choice is shared with the staff app (same storage key).
 */
export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'fannao.language';
const dictionaries: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function readLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage unavailable: the choice lasts for this visit.
  }
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const dictionary = dictionaries[language];
  return (key, params) =>
    dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params?.[name] === undefined ? whole : String(params[name]),
    );
}

export interface I18n {
  language: Language;
  t: Translate;
  setLanguage: (language: Language) => void;
}

export const I18nContext = createContext<I18n>({
  language: 'zh-CN',
  t: translator('zh-CN'),
  setLanguage: () => undefined,
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** Date and time in the reader's language, in China time (the service's time zone). */
export function formatTime(at: number, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}
