import { useCallback, useEffect, useState } from 'react';

import { formatTime, type Translate, useI18n } from '../i18n';
import type { MessageKey } from '../locales/zh-CN';
import { navigate } from '../navigation';
import { errorText, fetchTrack, type TrackView } from '../worker-api';
import { RatingForm } from './rating-form';

type Load =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; view: TrackView };

const PROGRESS_KEYS = new Set<string>([
  'receive',
  'resolveOnSpot',
  'link',
  'dispatch',
  'accept',
  'extensionApproved',
  'resolve',
  'reply',
  'close',
  'reopen',
  'sendBack',
]);

/** A milestone in the reader's language; public notes keep the server's own text. */
function progressText(step: { action: string; text: string }, t: Translate): string {
  return PROGRESS_KEYS.has(step.action) ? t(`progress.${step.action}` as MessageKey) : step.text;
}

const DONE = new Set(['resolved_on_spot', 'resolved', 'replied', 'closed']);

/** `/track/<code>`: the public progress of a report, its outcome, and the rating. */
export function TrackPage({ code }: { code: string }) {
  const { t, language } = useI18n();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [rated, setRated] = useState<'thanks' | 'reopened' | null>(null);
  const networkText = t('common.networkError');

  const refresh = useCallback(() => {
    setLoad((current) => (current.kind === 'ready' ? current : { kind: 'loading' }));
    fetchTrack(code).then(
      (view) => setLoad({ kind: 'ready', view }),
      (error: unknown) => setLoad({ kind: 'error', message: errorText(error, networkText) }),
    );
  }, [code, networkText]);

  useEffect(refresh, [refresh]);

  const back = (
    <a
      href="/track"
      className="link-button"
      onClick={(event) => {
        event.preventDefault();
        navigate('/track');
      }}
    >
      {t('track.another')}
    </a>
  );

  if (load.kind === 'loading') {
    return (
      <div className="card" aria-busy="true">
        <h1 className="title">{t('track.title')}</h1>
        <p className="hint">{t('common.loading')}</p>
      </div>
    );
  }
  if (load.kind === 'error') {
    return (
      <div className="card">
        <h1 className="title">{t('track.title')}</h1>
        <p className="error" role="alert" data-testid="track-error">
          {load.message}
        </p>
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={refresh}>
            {t('common.retry')}
          </button>
        </div>
        {back}
      </div>
    );
  }

  const { view } = load;
  const done = DONE.has(view.publicStatus);
  return (
    <div className="card" data-testid="track-view">
      <h1 className="title">{t('track.title')}</h1>
      <p className="code code-small" data-testid="track-code">
        {view.code}
      </p>
      <p className={`status${done ? ' status-done' : ''}`} data-testid="track-status">
        {t(`status.${view.publicStatus}`)}
      </p>
      <p className="track-title">{view.title}</p>
      <dl className="facts">
        <div>
          <dt>{t('track.received')}</dt>
          <dd>{formatTime(view.receivedAt, language)}</dd>
        </div>
        {view.category !== null && (
          <div>
            <dt>{t('track.category')}</dt>
            <dd>{view.category}</dd>
          </div>
        )}
        {view.problem !== null && view.problem.departments.length > 0 && (
          <div>
            <dt>{t('track.departments')}</dt>
            <dd>{view.problem.departments.join('、')}</dd>
          </div>
        )}
        {view.problem !== null && !done && (
          <div>
            <dt>{t('track.deadline')}</dt>
            <dd>{formatTime(view.problem.resolutionDueAt, language)}</dd>
          </div>
        )}
      </dl>
      {view.answer !== null && (
        <section
          className="section answer"
          data-testid="track-answer"
          aria-labelledby="answer-title"
        >
          <h2 id="answer-title" className="subtitle">
            {t('track.answer')}
          </h2>
          <p>{view.answer}</p>
        </section>
      )}
      {view.problem?.publicSummary && (
        <section className="section" aria-labelledby="summary-title">
          <h2 id="summary-title" className="subtitle">
            {t('track.summary')}
          </h2>
          <p>{view.problem.publicSummary}</p>
        </section>
      )}
      <section className="section" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="subtitle">
          {t('track.timeline')}
        </h2>
        {view.progress.length === 0 ? (
          <p className="hint">{t('track.noProgress')}</p>
        ) : (
          <ol className="timeline" data-testid="track-timeline">
            {view.progress.map((step, index) => (
              <li key={`${step.at}-${index}`} data-action={step.action}>
                <time dateTime={new Date(step.at).toISOString()}>
                  {formatTime(step.at, language)}
                </time>
                <span>{progressText(step, t)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      {rated !== null && (
        <p className="notice notice-success" role="status" data-testid="rating-done">
          {rated === 'reopened' ? t('rating.reopened') : t('rating.thanks')}
        </p>
      )}
      {view.rating !== null && (
        <p className="section" data-testid="rating-result">
          {t('rating.yours', { rating: t(`rating.${view.rating.rating}`) })}
          {view.rating.comment ? `（${view.rating.comment}）` : ''}
        </p>
      )}
      {view.canRate && (
        <RatingForm
          code={view.code}
          onRated={(reopened) => {
            setRated(reopened ? 'reopened' : 'thanks');
            refresh();
          }}
        />
      )}
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={refresh}>
          {t('track.refresh')}
        </button>
      </div>
      {back}
    </div>
  );
}
