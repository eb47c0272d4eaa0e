import { useId, useState } from 'react';

import { useI18n } from '../i18n';
import { errorText, uploadPhoto } from '../worker-api';
import { downscalePhoto } from './downscale';
import type { PhotoRef } from './draft';

export const MAX_PHOTOS = 6;

interface Props {
  photos: PhotoRef[];
  onChange: (photos: PhotoRef[]) => void;
  disabled: boolean;
}

/** Photos: shrunk in the browser, uploaded one by one to the public upload endpoint. */
export function PhotoPicker({ photos, onChange, disabled }: Props) {
  const { t } = useI18n();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async (files: FileList | null) => {
    if (files === null || files.length === 0) {
      return;
    }
    setBusy(true);
    setError(null);
    let next = photos;
    try {
      for (const file of Array.from(files).slice(0, MAX_PHOTOS - photos.length)) {
        const { blob, thumb } = await downscalePhoto(file);
        const stored = await uploadPhoto(blob);
        next = [...next, { id: stored.id, thumb }];
        onChange(next);
      }
    } catch (failure) {
      setError(t('report.photoFailed', { message: errorText(failure, t('common.networkError')) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="field" data-testid="photo-picker">
      <span className="label" id={`${inputId}-label`}>
        {t('report.photos')}
        <span className="optional">{t('common.optional')}</span>
      </span>
      <p className="hint" id={`${inputId}-hint`}>
        {t('report.photosHint', { max: MAX_PHOTOS })}
      </p>
      {photos.length > 0 && (
        <ul className="photos">
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <img src={photo.thumb} alt={t('report.photoAlt', { index: index + 1 })} />
              <button
                type="button"
                className="photo-remove"
                disabled={disabled}
                aria-label={t('report.photoRemove', { index: index + 1 })}
                onClick={() => onChange(photos.filter((p) => p.id !== photo.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {photos.length < MAX_PHOTOS && (
        <label className={`button button-secondary${busy || disabled ? ' is-disabled' : ''}`}>
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            disabled={busy || disabled}
            aria-describedby={`${inputId}-hint`}
            data-testid="photo-input"
            onChange={(event) => {
              void add(event.currentTarget.files);
              event.currentTarget.value = '';
            }}
          />
          {busy ? t('report.photoUploading') : t('report.addPhoto')}
        </label>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
