import { CopyOutlined, DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { downloadBlob } from '../../shared/download';
import { describeError } from '../../shared/error-message';
import { totpApi } from './auth-api';
import type { TotpSetup } from './auth-types';

/** The base32 secret in groups of four, for typing it into an authenticator app by hand. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/** A 6-digit code field: numeric keyboard on phones, filled by password managers and SMS-style autofill. */
export function TotpCodeItem({
  name = 'code',
  label,
  autoFocus = false,
}: {
  name?: string;
  label?: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label ?? t('auth.totp.code')}
      rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.login.codeRequired') }]}
    >
      <Input
        prefix={<SafetyOutlined />}
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern="[0-9]*"
        maxLength={6}
        autoFocus={autoFocus}
        className="totp-code-input"
      />
    </Form.Item>
  );
}

/** Recovery codes, shown once: copy or download them, then confirm they are kept. */
export function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const text = `${t('auth.totp.recoveryFileTitle')}\n\n${codes.join('\n')}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      void message.success(t('auth.totp.copied'));
    } catch {
      void message.error(t('auth.totp.copyFailed'));
    }
  };
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t('auth.totp.recoveryWarning')} />
      <ol className="recovery-codes" aria-label={t('auth.totp.recoveryCodes')}>
        {codes.map((c) => (
          <li key={c}>
            <Typography.Text code>{c}</Typography.Text>
          </li>
        ))}
      </ol>
      <Space wrap>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('auth.totp.copy')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            downloadBlob(
              new Blob([text], { type: 'text/plain;charset=utf-8' }),
              'fannao-recovery-codes.txt',
            )
          }
        >
          {t('auth.totp.download')}
        </Button>
        <Button type="primary" onClick={onDone}>
          {t('auth.totp.saved')}
        </Button>
      </Space>
    </Flex>
  );
}

/**
 * Enrolment: start (secret + QR code) → confirm with a current code → recovery codes shown
 * once. `onDone` runs after the user has seen the recovery codes.
 */
export function TotpEnrollment({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ code: string }>();

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  const step = codes !== null ? 2 : setup !== null ? 1 : 0;
  return (
    <Flex vertical gap={16} className="totp-enrollment">
      <Steps
        size="small"
        current={step}
        items={[
          { title: t('auth.totp.stepStart') },
          { title: t('auth.totp.stepScan') },
          { title: t('auth.totp.stepRecovery') },
        ]}
      />
      {error !== null && <Alert type="error" showIcon title={error} role="alert" />}
      {step === 0 && (
        <Flex vertical gap={12} align="flex-start">
          <Typography.Paragraph>{t('auth.totp.intro')}</Typography.Paragraph>
          <Button
            type="primary"
            loading={busy}
            onClick={() => void run(async () => setSetup(await totpApi.setup()))}
          >
            {t('auth.totp.start')}
          </Button>
        </Flex>
      )}
      {step === 1 && setup !== null && (
        <Flex vertical gap={12}>
          <Typography.Paragraph>{t('auth.totp.scanHint')}</Typography.Paragraph>
          <Flex gap={16} wrap align="center">
            <img
              src={setup.qrDataUrl}
              alt={t('auth.totp.qrAlt')}
              width={200}
              height={200}
              className="totp-qr"
            />
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('auth.totp.manualEntry')}</Typography.Text>
              <Typography.Text
                code
                copyable={{ text: setup.secret }}
                className="totp-secret"
                data-testid="totp-secret"
              >
                {groupSecret(setup.secret)}
              </Typography.Text>
            </Flex>
          </Flex>
          <Form<{ code: string }>
            form={form}
            layout="vertical"
            name="totp-confirm"
            requiredMark={false}
            disabled={busy}
            onFinish={(values) =>
              void run(async () => {
                setCodes((await totpApi.confirm(values.code.trim())).recoveryCodes);
              }).finally(() => form.resetFields())
            }
          >
            <TotpCodeItem autoFocus />
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('auth.totp.confirm')}
            </Button>
          </Form>
        </Flex>
      )}
      {step === 2 && codes !== null && <RecoveryCodesView codes={codes} onDone={onDone} />}
    </Flex>
  );
}
