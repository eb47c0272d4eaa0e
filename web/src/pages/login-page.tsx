import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';

import { FullPageSpinner } from '../app/components/full-page-spinner';
import { paths } from '../app/paths';
import type { LoginCredentials } from '../features/auth/auth-types';
import { readLoginLocationState } from '../features/auth/login-location-state';
import { useAuth } from '../features/auth/use-auth';
import { describeError } from '../shared/error-message';

export function LoginPage() {
  const { t } = useTranslation();
  const { state, login } = useAuth();
  const location = useLocation();
  const { from, reason } = readLoginLocationState(location.state);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (state.status === 'loading') {
    return <FullPageSpinner />;
  }
  if (state.status === 'authenticated') {
    return <Navigate to={from ?? paths.home} replace />;
  }

  const submit = async (values: LoginCredentials) => {
    setSubmitting(true);
    setError(null);
    try {
      await login({ username: values.username.trim(), password: values.password });
    } catch (caught) {
      setError(describeError(caught, t));
      setSubmitting(false);
    }
  };

  return (
    <Flex justify="center" className="login-page">
      <Card className="login-card">
        <Typography.Title level={3}>{t('auth.login.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.login.subtitle')}</Typography.Paragraph>
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
        <Form<LoginCredentials>
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
