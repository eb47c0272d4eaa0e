import { Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <Flex vertical align="center" justify="center" gap="middle" className="full-page-center">
      <Spin size="large" />
      <Typography.Text type="secondary" role="status">
        {t('app.loading')}
      </Typography.Text>
    </Flex>
  );
}
