import { useCallback, useEffect, useRef, useState } from 'react';

import { useI18n } from '../i18n';
import {
  type CategoryNode,
  errorText,
  fetchCategories,
  type IntakeRequest,
  isNetworkError,
} from '../worker-api';
import { CategoryPicker } from './category-picker';
import {
  clearDraft,
  type Draft,
  emptyDraft,
  hasContent,
  loadDraft,
  rememberCode,
  saveDraft,
} from './draft';
import { IdentitySection, PHONE_PATTERN } from './identity-section';
import { PhotoPicker } from './photo-picker';
import { PlaceSection } from './place-section';
import { PRIVACY_NOTICE_VERSION } from './privacy';
import { submitWithRetry } from './submit-trouble';
import { SubmittedView } from './submitted-view';
import { usePlace } from './use-place';
import { useSuggestions } from './use-suggestions';

type SendState =
  | { kind: 'idle' }
  | { kind: 'sending'; attempt: number }
  | { kind: 'offline' }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; code: string };

type Invalid = 'body' | 'phone' | 'agree';

/** The worker's report form (反映烦恼), opened from a QR code or the nav. */
export function ReportPage({ params }: { params: URLSearchParams }) {
  const { t } = useI18n();
  const place = usePlace(params);
  const [draft, setDraft] = useState<Draft>(() => loadDraft() ?? emptyDraft());
  const [restored] = useState(() => hasContent(draft));
  const [send, setSend] = useState<SendState>(() =>
    draft.pending === null ? { kind: 'idle' } : { kind: 'offline' },
  );
  const [invalid, setInvalid] = useState<Invalid | null>(null);
  const [tree, setTree] = useState<CategoryNode[] | null>(null);
  const [treeFailed, setTreeFailed] = useState(false);
  const suggestions = useSuggestions(draft.body);
  const doneHeading = useRef<HTMLDivElement>(null);

  useEffect(() => {
    fetchCategories().then(setTree, () => setTreeFailed(true));
  }, []);

  const update = useCallback((patch: Partial<Draft>) => {
    setDraft((current) => {
      const next = { ...current, ...patch };
      saveDraft(next);
      return next;
    });
    setInvalid(null);
  }, []);

  const locked = draft.pending !== null || send.kind === 'sending';

  const deliver = useCallback(
    async (body: IntakeRequest, key: string) => {
      setSend({ kind: 'sending', attempt: 0 });
      try {
        const result = await submitWithRetry(body, key, (attempt) =>
          setSend({ kind: 'sending', attempt }),
        );
        clearDraft();
        rememberCode(result.code);
        setDraft(emptyDraft());
        setSend({ kind: 'done', code: result.code });
      } catch (error) {
        if (isNetworkError(error)) {
          setSend({ kind: 'offline' });
          return;
        }
        // Refused by the server: nothing was filed, so the worker may correct and send again.
        setDraft((current) => {
          const next = { ...current, pending: null };
          saveDraft(next);
          return next;
        });
        setSend({ kind: 'failed', message: errorText(error, t('common.networkError')) });
      }
    },
    [t],
  );

  // Back online with an unsent report: send it again (same key, so never twice).
  useEffect(() => {
    if (send.kind !== 'offline' || draft.pending === null) {
      return undefined;
    }
    const pending = draft.pending;
    const resend = () => void deliver(pending, draft.key);
    addEventListener('online', resend);
    return () => removeEventListener('online', resend);
  }, [send.kind, draft.pending, draft.key, deliver]);

  useEffect(() => {
    if (send.kind === 'done') {
      doneHeading.current?.querySelector('h1')?.focus();
    }
  }, [send.kind]);

  if (send.kind === 'done') {
    return (
      <div ref={doneHeading}>
        <SubmittedView code={send.code} onAnother={() => setSend({ kind: 'idle' })} />
      </div>
    );
  }

  const validate = (): Invalid | null => {
    if ([...draft.body.trim()].length < 2) {
      return 'body';
    }
    if (!draft.anonymous && draft.phone.trim() !== '' && !PHONE_PATTERN.test(draft.phone.trim())) {
      return 'phone';
    }
    if (!draft.anonymous && !draft.agreed) {
      return 'agree';
    }
    return null;
  };

  const buildRequest = (): IntakeRequest => {
    const named = !draft.anonymous;
    return {
      channel: place.kind === 'enterprise' || place.kind === 'community' ? 'qr' : 'online',
      ...(place.kind === 'enterprise' ? { enterpriseId: place.enterprise.id } : {}),
      ...(place.kind === 'community'
        ? { communityId: place.community.id, enterpriseId: draft.enterpriseId }
        : {}),
      body: draft.body.trim(),
      categoryId: draft.categoryId,
      anonymous: draft.anonymous,
      ...(named
        ? {
            reporterName: draft.name.trim() || null,
            reporterPhone: draft.phone.trim() || null,
            privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
          }
        : {}),
      attachmentIds: draft.photos.map((p) => p.id),
    };
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (draft.pending !== null) {
      void deliver(draft.pending, draft.key);
      return;
    }
    const problem = validate();
    if (problem !== null) {
      setInvalid(problem);
      const target = { body: 'report-body', phone: 'reporter-phone', agree: 'privacy-agree' }[
        problem
      ];
      (
        document.getElementById(target) ??
        document.querySelector<HTMLElement>(`[data-testid="${target}"]`)
      )?.focus();
      return;
    }
    const request = buildRequest();
    update({ pending: request });
    void deliver(request, draft.key);
  };

  const startOver = () => {
    clearDraft();
    setDraft(emptyDraft());
    setSend({ kind: 'idle' });
  };

  const noPlace = place.kind === 'none' || place.kind === 'error' || place.kind === 'loading';

  return (
    <form className="card" onSubmit={submit} noValidate data-ready="true" data-testid="report-form">
      <h1 className="title">{t('report.title')}</h1>
      <p className="intro">{t('report.intro')}</p>
      {restored && hasContent(draft) && send.kind === 'idle' && (
        <p className="notice" data-testid="draft-restored">
          {t('report.draftRestored')}{' '}
          <button type="button" className="link-button" onClick={startOver}>
            {t('report.clearDraft')}
          </button>
        </p>
      )}
      <PlaceSection
        place={place}
        enterpriseId={draft.enterpriseId}
        onEnterprise={(enterpriseId) => update({ enterpriseId })}
        disabled={locked}
      />
      <fieldset className="plain" disabled={locked}>
        <div className="field">
          <label className="label" htmlFor="report-body">
            {t('report.description')}
          </label>
          <p className="hint" id="report-body-hint">
            {t('report.descriptionHint')}
          </p>
          <textarea
            id="report-body"
            className="input textarea"
            rows={5}
            maxLength={2000}
            required
            value={draft.body}
            aria-invalid={invalid === 'body'}
            aria-describedby={
              invalid === 'body' ? 'report-body-hint report-body-error' : 'report-body-hint'
            }
            data-testid="report-body"
            onChange={(e) => update({ body: e.currentTarget.value })}
          />
          {invalid === 'body' && (
            <p className="error" id="report-body-error">
              {t('report.descriptionTooShort')}
            </p>
          )}
        </div>
        <CategoryPicker
          tree={tree}
          failed={treeFailed}
          value={draft.categoryId}
          onChange={(categoryId) => update({ categoryId })}
          suggestions={suggestions}
          disabled={locked}
        />
        <PhotoPicker
          photos={draft.photos}
          onChange={(photos) => update({ photos })}
          disabled={locked}
        />
        <IdentitySection
          anonymous={draft.anonymous}
          name={draft.name}
          phone={draft.phone}
          agreed={draft.agreed}
          phoneInvalid={invalid === 'phone'}
          agreeMissing={invalid === 'agree'}
          onChange={update}
        />
      </fieldset>
      <div className="submit-area">
        <div role="status" aria-live="polite" data-testid="submit-state" className="submit-state">
          {send.kind === 'sending' &&
            (send.attempt === 0
              ? t('report.submitting')
              : t('report.retrying', { attempt: send.attempt }))}
          {send.kind === 'offline' && <span className="notice">{t('report.offline')}</span>}
        </div>
        {send.kind === 'failed' && (
          <p className="error" role="alert" data-testid="submit-error">
            {send.message}
          </p>
        )}
        <button
          type="submit"
          className="button button-primary button-block"
          disabled={send.kind === 'sending' || (noPlace && draft.pending === null)}
          data-testid="submit"
        >
          {send.kind === 'sending'
            ? t('report.submitting')
            : send.kind === 'offline'
              ? t('report.resubmit')
              : t('report.submit')}
        </button>
        {send.kind === 'offline' && (
          <button type="button" className="link-button" onClick={startOver}>
            {t('report.clearDraft')}
          </button>
        )}
      </div>
    </form>
  );
}
