import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';

import { FullPageSpinner } from '../app/components/full-page-spinner';
import { paths } from '../app/paths';
import { TOTP_REQUIRED } from '../features/auth/auth-api';
import type { LoginCredentials } from '../features/auth/auth-types';
import { readLoginLocationState } from '../features/auth/login-location-state';
import { TotpCodeItem } from '../features/auth/totp-enrollment';
import { useAuth } from '../features/auth/use-auth';
import { isApiError } from '../shared/api-client';
import { describeError } from '../shared/error-message';

interface SecondFactorValues {
  totpCode?: string;
  recoveryCode?: string;
}

/**
 * The second step for accounts with two-step verification: the 6-digit code from the
 * authenticator app, or one of the recovery codes.
 */
function SecondFactorForm({
  submitting,
  onSubmit,
  onBack,
}: {
  submitting: boolean;
  onSubmit: (values: SecondFactorValues) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  return (
    <Form<SecondFactorValues>
      layout="vertical"
      name="login-second-factor"
      requiredMark={false}
      disabled={submitting}
      onFinish={(values) =>
        onSubmit(
          useRecovery
            ? { recoveryCode: values.recoveryCode?.trim() ?? '' }
            : { totpCode: values.totpCode?.trim() ?? '' },
        )
      }
    >
      <Typography.Paragraph>
        {useRecovery ? t('auth.login.recoveryHint') : t('auth.login.codeHint')}
      </Typography.Paragraph>
      {useRecovery ? (
        <Form.Item
          key="recoveryCode"
          name="recoveryCode"
          label={t('auth.login.recoveryCode')}
          rules={[
            {
              required: true,
              whitespace: true,
              pattern: /^[A-Za-z0-9 -]{10,24}$/,
              message: t('auth.login.recoveryCodeRequired'),
            },
          ]}
        >
          <Input autoComplete="off" autoFocus spellCheck={false} maxLength={24} />
        </Form.Item>
      ) : (
        <TotpCodeItem key="totpCode" name="totpCode" label={t('auth.login.code')} autoFocus />
      )}
      <Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {t('auth.login.verify')}
        </Button>
      </Form.Item>
      <Flex justify="space-between">
        <Button type="link" size="small" onClick={() => setUseRecovery((v) => !v)}>
          {useRecovery ? t('auth.login.useCode') : t('auth.login.useRecoveryCode')}
        </Button>
        <Button type="link" size="small" onClick={onBack}>
          {t('auth.login.back')}
        </Button>
      </Flex>
    </Form>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const { state, login } = useAuth();
  const location = useLocation();
  const { from, reason } = readLoginLocationState(location.state);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Set when the password was right and the account needs its second factor. */
  const [pending, setPending] = useState<LoginCredentials | null>(null);

  if (state.status === 'loading') {
    return <FullPageSpinner />;
  }
  if (state.status === 'authenticated') {
    return <Navigate to={from ?? paths.home} replace />;
  }

  const submit = async (values: LoginCredentials) => {
    setSubmitting(true);
    setError(null);
    const credentials = { username: values.username.trim(), password: values.password };
    try {
      await login(credentials);
    } catch (caught) {
      if (isApiError(caught) && caught.code === TOTP_REQUIRED) {
        setPending(credentials);
      } else {
        setError(describeError(caught, t));
      }
      setSubmitting(false);
    }
  };

  const submitSecondFactor = async (factor: SecondFactorValues) => {
    if (pending === null) {
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await login({ ...pending, ...factor });
    } catch (caught) {
      setError(describeError(caught, t));
      setSubmitting(false);
    }
  };

  return (
    <Flex justify="center" className="login-page">
      <Card className="login-card">
        <Typography.Title level={3}>
          {pending === null ? t('auth.login.title') : t('auth.login.secondFactorTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {pending === null ? t('auth.login.subtitle') : pending.username}
        </Typography.Paragraph>
        {reason === 'session-expired' && error === null && (
          <Alert
            className="form-alert"
            type="warning"
            showIcon
            title={t('auth.login.sessionExpired')}
          />
        )}
        {error !== null && (
          <Alert
            className="form-alert"
            type="error"
            showIcon
            title={t('auth.login.failed')}
            description={error}
            role="alert"
          />
        )}
        {pending !== null && (
          <SecondFactorForm
            submitting={submitting}
            onSubmit={(values) => void submitSecondFactor(values)}
            onBack={() => {
              setPending(null);
              setError(null);
            }}
          />
        )}
        <Form<LoginCredentials>
          hidden={pending !== null}
          layout="vertical"
          name="login"
          requiredMark={false}
          disabled={submitting}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item
            name="username"
            label={t('auth.login.username')}
            rules={[
              { required: true, whitespace: true, message: t('auth.login.usernameRequired') },
            ]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.login.password')}
            rules={[{ required: true, message: t('auth.login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {t('auth.login.submit')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </Flex>
  );
}
