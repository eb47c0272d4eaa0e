import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { paths } from '../app/paths';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('errors.notFound.title')}
      subTitle={t('errors.notFound.description')}
      extra={
        <Button type="primary" onClick={() => void navigate(paths.home)}>
          {t('errors.backHome')}
        </Button>
      }
    />
  );
}
