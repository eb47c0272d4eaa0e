import { useI18n } from '../i18n';
import { PRIVACY_NOTICE_VERSION } from './privacy';

export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

interface Props {
  anonymous: boolean;
  name: string;
  phone: string;
  agreed: boolean;
  phoneInvalid: boolean;
  agreeMissing: boolean;
  onChange: (patch: {
    anonymous?: boolean;
    name?: string;
    phone?: string;
    agreed?: boolean;
  }) => void;
}

/** Anonymous or named; a named report shows the PIPL notice (purpose, retention, version). */
export function IdentitySection(props: Props) {
  const { anonymous, name, phone, agreed, phoneInvalid, agreeMissing, onChange } = props;
  const { t } = useI18n();
  return (
    <>
      <fieldset className="field" data-testid="identity">
        <legend className="label">{t('report.identity')}</legend>
        <label className="option">
          <input
            type="radio"
            name="identity"
            checked={anonymous}
            onChange={() => onChange({ anonymous: true })}
            data-testid="identity-anonymous"
          />
          <span>
            <strong>{t('report.anonymous')}</strong>
            <span className="hint">{t('report.anonymousHint')}</span>
          </span>
        </label>
        <label className="option">
          <input
            type="radio"
            name="identity"
            checked={!anonymous}
            onChange={() => onChange({ anonymous: false })}
            data-testid="identity-named"
          />
          <span>
            <strong>{t('report.named')}</strong>
            <span className="hint">{t('report.namedHint')}</span>
          </span>
        </label>
      </fieldset>
      {!anonymous && (
        <div className="named">
          <div className="field">
            <label className="label" htmlFor="reporter-name">
              {t('report.name')}
              <span className="optional">{t('common.optional')}</span>
            </label>
            <input
              id="reporter-name"
              className="input"
              autoComplete="name"
              maxLength={40}
              value={name}
              onChange={(e) => onChange({ name: e.currentTarget.value })}
            />
          </div>
          <div className="field">
            <label className="label" htmlFor="reporter-phone">
              {t('report.phone')}
              <span className="optional">{t('common.optional')}</span>
            </label>
            <input
              id="reporter-phone"
              className="input"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              maxLength={13}
              value={phone}
              aria-invalid={phoneInvalid}
              aria-describedby={phoneInvalid ? 'reporter-phone-error' : undefined}
              onChange={(e) => onChange({ phone: e.currentTarget.value })}
            />
            {phoneInvalid && (
              <p className="error" id="reporter-phone-error">
                {t('report.phoneInvalid')}
              </p>
            )}
          </div>
          <section className="privacy" aria-labelledby="privacy-title" data-testid="privacy-notice">
            <h2 id="privacy-title" className="label-small">
              {t('report.privacyTitle')}
            </h2>
            <p>{t('report.privacyText', { version: PRIVACY_NOTICE_VERSION })}</p>
            <label className="option option-compact">
              <input
                type="checkbox"
                checked={agreed}
                aria-invalid={agreeMissing}
                aria-describedby={agreeMissing ? 'privacy-error' : undefined}
                onChange={(e) => onChange({ agreed: e.currentTarget.checked })}
                data-testid="privacy-agree"
              />
              <span>{t('report.privacyAgree')}</span>
            </label>
            {agreeMissing && (
              <p className="error" id="privacy-error">
                {t('report.privacyRequired')}
              </p>
            )}
          </section>
        </div>
      )}
    </>
  );
}
