import { useI18n } from '../i18n';
import type { PublicCommunity, PublicEnterprise } from '../worker-api';

export type Place =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'error'; message: string }
  | { kind: 'enterprise'; enterprise: PublicEnterprise }
  | { kind: 'community'; community: PublicCommunity };

interface Props {
  place: Place;
  enterpriseId: string | null;
  onEnterprise: (id: string | null) => void;
  disabled: boolean;
}

/** Where the report goes: the enterprise from the QR code, or a choice within a community. */
export function PlaceSection({ place, enterpriseId, onEnterprise, disabled }: Props) {
  const { t } = useI18n();
  switch (place.kind) {
    case 'loading':
      return <p className="hint">{t('report.enterpriseLoading')}</p>;
    case 'none':
      return (
        <p className="notice" data-testid="no-place">
          {t('report.noPlace')}
        </p>
      );
    case 'error':
      return (
        <p className="error" role="alert" data-testid="place-error">
          {place.message}
        </p>
      );
    case 'enterprise':
      return (
        <div className="place" data-testid="enterprise">
          <span className="label-small">{t('report.enterprise')}</span>
          <strong data-testid="enterprise-name">{place.enterprise.name}</strong>
          <span className="hint">{place.enterprise.communityName}</span>
        </div>
      );
    case 'community':
      return (
        <div className="field" data-testid="community">
          <span className="place-community">{place.community.name}</span>
          <label className="label" htmlFor="enterprise-select">
            {t('report.enterpriseChoose')}
            <span className="optional">{t('common.optional')}</span>
          </label>
          <select
            id="enterprise-select"
            className="input"
            value={enterpriseId ?? ''}
            disabled={disabled}
            onChange={(e) => onEnterprise(e.currentTarget.value || null)}
          >
            <option value="">{t('report.enterpriseNone')}</option>
            {place.community.enterprises.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
      );
  }
}
