import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { paths } from '../paths';

export function AppBrand() {
  const { t } = useTranslation();
  return (
    <Link to={paths.home} className="app-brand">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <Typography.Text strong className="app-brand-name">
        {t('app.name')}
      </Typography.Text>
    </Link>
  );
}
