import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { paths } from '../app/paths';

/** Public: progress of one tracking code (placeholder until the worker pages land). */
export function TrackDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code = '' } = useParams();

  return (
    <Result
      status="info"
      title={t('track.detailTitle', { code })}
      subTitle={t('track.comingSoon')}
      extra={<Button onClick={() => void navigate(paths.track)}>{t('track.back')}</Button>}
    />
  );
}
