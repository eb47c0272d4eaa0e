import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { TotpEnrollment } from './totp-enrollment';
import { useAuth } from './use-auth';
import { useCurrentUser } from './use-current-user';

/**
 * Shown instead of every page while the session says `mustEnrollTotp` (TOTP_REQUIRED_ROLES):
 * the server answers only the auth endpoints until two-step verification is set up.
 */
export function TotpEnrollmentGate() {
  const { t } = useTranslation();
  const { logout, refresh } = useAuth();
  const user = useCurrentUser();
  return (
    <Flex justify="center" className="login-page">
      <Card className="totp-gate-card">
        <Typography.Title level={3}>{t('auth.totp.gateTitle')}</Typography.Title>
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={t('auth.totp.gateHint', { name: user.displayName })}
        />
        <TotpEnrollment onDone={() => void refresh()} />
        <Flex justify="flex-end">
          <Button type="link" icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t('auth.userMenu.logout')}
          </Button>
        </Flex>
      </Card>
    </Flex>
  );
}
