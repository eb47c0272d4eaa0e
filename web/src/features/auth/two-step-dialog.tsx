import { Alert, App, Button, Descriptions, Flex, Form, Input, Modal, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { totpApi } from './auth-api';
import { RecoveryCodesView, TotpCodeItem, TotpEnrollment } from './totp-enrollment';

type View = 'status' | 'enrol' | 'disable' | 'regenerate';

interface DisableValues {
  password: string;
  code?: string;
  recoveryCode?: string;
}

/** Turning TOTP off: the current password and a current code (or a recovery code). */
function DisableForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [useRecovery, setUseRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: DisableValues) => {
    setBusy(true);
    setError(null);
    try {
      await totpApi.disable({
        password: values.password,
        ...(useRecovery
          ? { recoveryCode: values.recoveryCode?.trim() ?? '' }
          : { code: values.code?.trim() ?? '' }),
      });
      void message.success(t('auth.totp.disabled'));
      onDone();
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<DisableValues>
      layout="vertical"
      name="totp-disable"
      requiredMark={false}
      disabled={busy}
      onFinish={(v) => void submit(v)}
    >
      {error !== null && <Alert type="error" showIcon title={error} role="alert" />}
      <Alert type="warning" showIcon title={t('auth.totp.disableWarning')} />
      <Form.Item
        name="password"
        label={t('auth.changePassword.currentPassword')}
        rules={[{ required: true, message: t('auth.changePassword.currentPasswordRequired') }]}
      >
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      {useRecovery ? (
        <Form.Item
          name="recoveryCode"
          label={t('auth.login.recoveryCode')}
          rules={[
            { required: true, whitespace: true, message: t('auth.login.recoveryCodeRequired') },
          ]}
        >
          <Input autoComplete="off" spellCheck={false} maxLength={24} />
        </Form.Item>
      ) : (
        <TotpCodeItem />
      )}
      <Flex gap={8} wrap>
        <Button danger type="primary" htmlType="submit" loading={busy}>
          {t('auth.totp.disable')}
        </Button>
        <Button onClick={onCancel}>{t('auth.changePassword.cancel')}</Button>
        <Button type="link" onClick={() => setUseRecovery((v) => !v)}>
          {useRecovery ? t('auth.login.useCode') : t('auth.login.useRecoveryCode')}
        </Button>
      </Flex>
    </Form>
  );
}

/** New recovery codes with a current code; the old ones stop working. */
function RegenerateForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (codes !== null) {
    return <RecoveryCodesView codes={codes} onDone={onDone} />;
  }
  const submit = async (code: string) => {
    setBusy(true);
    setError(null);
    try {
      setCodes((await totpApi.regenerateRecoveryCodes(code.trim())).recoveryCodes);
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<{ code: string }>
      layout="vertical"
      name="totp-regenerate"
      requiredMark={false}
      disabled={busy}
      onFinish={(v) => void submit(v.code)}
    >
      {error !== null && <Alert type="error" showIcon title={error} role="alert" />}
      <Alert type="info" showIcon title={t('auth.totp.regenerateHint')} />
      <TotpCodeItem autoFocus />
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('auth.totp.regenerate')}
        </Button>
        <Button onClick={onCancel}>{t('auth.changePassword.cancel')}</Button>
      </Flex>
    </Form>
  );
}

/** Inside the dialog: the status and the enable / disable / new recovery codes flows. */
function TwoStepPanel() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('status');
  const status = useApiData('totp-status', (signal) => totpApi.status(signal));
  const back = () => {
    setView('status');
    status.reload();
  };
  if (status.data === undefined) {
    return status.error === undefined ? (
      <Spin />
    ) : (
      <Alert type="error" showIcon title={describeError(status.error, t)} />
    );
  }
  const s = status.data;
  switch (view) {
    case 'enrol':
      return <TotpEnrollment onDone={back} />;
    case 'disable':
      return <DisableForm onDone={back} onCancel={() => setView('status')} />;
    case 'regenerate':
      return <RegenerateForm onDone={back} onCancel={() => setView('status')} />;
    case 'status':
      return (
        <Flex vertical gap={16}>
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'state',
                label: t('auth.totp.status'),
                children: s.enabled ? (
                  <Tag color="green">{t('auth.totp.on')}</Tag>
                ) : (
                  <Tag>{t('auth.totp.off')}</Tag>
                ),
              },
              ...(s.enabled
                ? [
                    {
                      key: 'left',
                      label: t('auth.totp.recoveryCodesLeft'),
                      children: String(s.recoveryCodesLeft),
                    },
                  ]
                : []),
            ]}
          />
          {s.required && !s.enabled && (
            <Alert type="warning" showIcon title={t('auth.totp.requiredHint')} />
          )}
          {s.enabled && s.recoveryCodesLeft <= 3 && (
            <Alert type="warning" showIcon title={t('auth.totp.fewRecoveryCodes')} />
          )}
          <Flex gap={8} wrap>
            {s.enabled ? (
              <>
                <Button onClick={() => setView('regenerate')}>{t('auth.totp.regenerate')}</Button>
                {!s.required && (
                  <Button danger onClick={() => setView('disable')}>
                    {t('auth.totp.disable')}
                  </Button>
                )}
              </>
            ) : (
              <Button type="primary" onClick={() => setView('enrol')}>
                {t('auth.totp.enable')}
              </Button>
            )}
          </Flex>
        </Flex>
      );
  }
}

/** 两步验证 in the user menu: status, enable with a QR code, recovery codes, disable. */
export function TwoStepDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t('auth.totp.title')}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      width={560}
    >
      <TwoStepPanel />
    </Modal>
  );
}
