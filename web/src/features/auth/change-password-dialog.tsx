import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { changePassword } from './auth-api';

interface ChangePasswordFormValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export interface ChangePasswordDialogProps {
  open: boolean;
  onClose: () => void;
}

export function ChangePasswordDialog({ open, onClose }: ChangePasswordDialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async (values: ChangePasswordFormValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      void message.success(t('auth.changePassword.succeeded'));
      close();
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('auth.changePassword.title')}
      okText={t('auth.changePassword.submit')}
      cancelText={t('auth.changePassword.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: submitting }}
      onCancel={close}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<ChangePasswordFormValues>
          layout="vertical"
          name="change-password"
          clearOnDestroy
          requiredMark={false}
          onFinish={(values) => void submit(values)}
        >
          {dom}
        </Form>
      )}
    >
      {error !== null && (
        <Alert type="error" showIcon title={t('auth.changePassword.failed')} description={error} />
      )}
      <Form.Item
        name="currentPassword"
        label={t('auth.changePassword.currentPassword')}
        rules={[{ required: true, message: t('auth.changePassword.currentPasswordRequired') }]}
      >
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.changePassword.newPassword')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('auth.changePassword.newPasswordRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value) =>
              value && value === getFieldValue('currentPassword')
                ? Promise.reject(new Error(t('auth.changePassword.newPasswordSameAsCurrent')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('auth.changePassword.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('auth.changePassword.confirmPasswordRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('auth.changePassword.confirmPasswordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </Modal>
  );
}
