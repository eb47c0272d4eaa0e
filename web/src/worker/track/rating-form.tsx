import { useState } from 'react';

import { useI18n } from '../i18n';
import { errorText, postRating, type Rating } from '../worker-api';

const RATINGS: Rating[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];

/** 满意 / 基本满意 / 不满意 with an optional comment (POST /track/:code/rating). */
export function RatingForm({
  code,
  onRated,
}: {
  code: string;
  onRated: (reopened: boolean) => void;
}) {
  const { t } = useI18n();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (rating === null) {
      setError(t('rating.choose'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await postRating(code, rating, comment.trim() || null);
      onRated(result.reopened);
    } catch (failure) {
      setError(errorText(failure, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="section"
      noValidate
      onSubmit={(e) => void submit(e)}
      data-testid="rating-form"
      aria-labelledby="rating-title"
    >
      <h2 id="rating-title" className="subtitle">
        {t('rating.title')}
      </h2>
      <fieldset className="field" disabled={busy}>
        <legend className="label">{t('rating.legend')}</legend>
        <div className="ratings">
          {RATINGS.map((value) => (
            <label className={`rating rating-${value}`} key={value}>
              <input
                type="radio"
                name="rating"
                value={value}
                checked={rating === value}
                onChange={() => {
                  setRating(value);
                  setError(null);
                }}
              />
              <span>{t(`rating.${value}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label className="label" htmlFor="rating-comment">
          {rating === 'dissatisfied' ? t('rating.commentDissatisfied') : t('rating.comment')}
          <span className="optional">{t('common.optional')}</span>
        </label>
        <textarea
          id="rating-comment"
          className="input textarea"
          rows={3}
          maxLength={500}
          value={comment}
          disabled={busy}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
      </div>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={busy}
        data-testid="rating-submit"
      >
        {busy ? t('rating.submitting') : t('rating.submit')}
      </button>
    </form>
  );
}
