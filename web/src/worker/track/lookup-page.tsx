import { useState } from 'react';

import { useI18n } from '../i18n';
import { navigate, trackPath } from '../navigation';
import { recentCodes } from '../report/draft';

/** `/track`: enter a tracking code. */
export function LookupPage() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const recent = recentCodes();

  return (
    <div className="card">
      <form
        noValidate
        data-testid="lookup-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (code.trim() === '') {
            setMissing(true);
            return;
          }
          navigate(trackPath(code.trim().toUpperCase()));
        }}
      >
        <h1 className="title">{t('lookup.title')}</h1>
        <p className="intro">{t('lookup.intro')}</p>
        <div className="field">
          <label className="label" htmlFor="lookup-code">
            {t('lookup.code')}
          </label>
          <input
            id="lookup-code"
            className="input input-code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={30}
            placeholder={t('lookup.placeholder')}
            value={code}
            aria-invalid={missing}
            aria-describedby={missing ? 'lookup-code-error' : undefined}
            onChange={(e) => {
              setCode(e.currentTarget.value);
              setMissing(false);
            }}
          />
          {missing && (
            <p className="error" id="lookup-code-error">
              {t('lookup.required')}
            </p>
          )}
        </div>
        <button type="submit" className="button button-primary button-block">
          {t('lookup.submit')}
        </button>
      </form>
      {recent.length > 0 && (
        <section className="recent" aria-labelledby="recent-title">
          <h2 id="recent-title" className="label-small">
            {t('lookup.recent')}
          </h2>
          <ul>
            {recent.map((c) => (
              <li key={c}>
                <a
                  href={trackPath(c)}
                  className="code-link"
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(trackPath(c));
                  }}
                >
                  {c}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
