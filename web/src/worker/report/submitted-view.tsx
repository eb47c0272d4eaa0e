import { useState } from 'react';

import { useI18n } from '../i18n';
import { navigate, trackPath } from '../navigation';

/** The tracking code, big and copyable, with the way to follow it. */
export function SubmittedView({ code, onAnother }: { code: string; onAnother: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('yes');
    } catch {
      // Clipboard API missing (plain http) or refused: select the code for a manual copy.
      const node = document.getElementById('tracking-code');
      const selection = getSelection();
      if (node !== null && selection !== null) {
        selection.selectAllChildren(node);
      }
      setCopied(document.execCommand('copy') ? 'yes' : 'failed');
    }
  };

  return (
    <section className="card done" data-testid="submitted" aria-labelledby="done-title">
      <h1 id="done-title" className="title" tabIndex={-1}>
        ✓ {t('done.title')}
      </h1>
      <p className="label-small">{t('done.codeLabel')}</p>
      <p className="code" id="tracking-code" data-testid="tracking-code">
        {code}
      </p>
      <p className="hint">{t('done.keep')}</p>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          {copied === 'yes' ? t('done.copied') : t('done.copy')}
        </button>
        <a
          className="button"
          href={trackPath(code)}
          data-testid="track-link"
          onClick={(event) => {
            event.preventDefault();
            navigate(trackPath(code));
          }}
        >
          {t('done.track')}
        </a>
      </div>
      <p role="status" className="hint">
        {copied === 'failed' ? t('done.copyFailed') : ''}
      </p>
      <button type="button" className="link-button" onClick={onAnother}>
        {t('done.another')}
      </button>
    </section>
  );
}
