import { useEffect, useMemo, useState } from 'react';

import { I18nContext, type Language, readLanguage, storeLanguage, translator } from './i18n';
import type { MessageKey } from './locales/zh-CN';
import { navigate, type Route, useRoute } from './navigation';
import { ReportPage } from './report/report-page';
import { LookupPage } from './track/lookup-page';
import { TrackPage } from './track/track-page';

const TITLES: Record<Route['page'], MessageKey> = {
  report: 'report.title',
  lookup: 'lookup.title',
  track: 'track.title',
};

/** The worker phone pages (职工端): report, look up a code, follow and rate it. */
export function WorkerApp() {
  const [language, setLanguageState] = useState<Language>(readLanguage);
  const route = useRoute();
  const i18n = useMemo(
    () => ({
      language,
      t: translator(language),
      setLanguage: (next: Language) => {
        storeLanguage(next);
        setLanguageState(next);
      },
    }),
    [language],
  );
  const { t } = i18n;

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${t(TITLES[route.page])} · ${t('app.title')}`;
  }, [language, route.page, t]);

  const link = (href: string, key: MessageKey, active: boolean) => (
    <a
      href={href}
      className={`nav-link${active ? ' is-active' : ''}`}
      aria-current={active ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        navigate(href);
      }}
    >
      {t(key)}
    </a>
  );

  return (
    <I18nContext.Provider value={i18n}>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.title')}</span>
        <nav className="nav" aria-label={t('app.title')}>
          {link(
            `/report${route.page === 'report' ? location.search : ''}`,
            'nav.report',
            route.page === 'report',
          )}
          {link('/track', 'nav.track', route.page !== 'report')}
        </nav>
        <button
          type="button"
          className="lang"
          lang={language === 'en' ? 'zh-CN' : 'en'}
          aria-label={t('app.languageLabel')}
          data-testid="language-toggle"
          onClick={() => i18n.setLanguage(language === 'en' ? 'zh-CN' : 'en')}
        >
          {t('app.language')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'report' && <ReportPage params={route.params} />}
        {route.page === 'lookup' && <LookupPage />}
        {route.page === 'track' && <TrackPage key={route.code} code={route.code} />}
      </main>
    </I18nContext.Provider>
  );
}
