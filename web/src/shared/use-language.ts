import { useTranslation } from 'react-i18next';

import { changeLanguage, DEFAULT_LANGUAGE, isLanguage, type Language } from './i18n';

export interface LanguageControl {
  language: Language;
  setLanguage: (language: Language) => void;
}

/** The current UI language (re-renders on change) and a setter that remembers the choice. */
export function useLanguage(): LanguageControl {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  return {
    language,
    setLanguage: (next) => {
      void changeLanguage(next);
    },
  };
}
