import { App, Button, Flex, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type Role, ROLES } from '../../../../common/enums';
import { useApiData } from '../../shared/use-api-data';
import { ExportLinks } from '../data-pages/export-links';
import { problemsApi } from '../problems/problems-api';
import { adminApi, type AdminUser, compact, type NewUser } from './admin-api';
import { CommunitySelect } from './community-select';
import { useSubmit } from './use-submit';

/** Which scope field a role needs (SPEC §2): staff a community, departments a department, … */
export function scopeFieldsOf(
  role: Role | undefined,
): ('communityId' | 'departmentId' | 'enterpriseId')[] {
  switch (role) {
    case 'staff':
    case 'worker':
      return ['communityId'];
    case 'enterprise':
      return ['communityId', 'enterpriseId'];
    case 'department':
      return ['departmentId'];
    case 'supervisor':
    case 'admin':
    case 'auditor':
    case undefined:
      return [];
  }
}

function UserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch('role', form);
  const communityId = Form.useWatch('communityId', form) ?? undefined;
  const { busy, run } = useSubmit();
  const departments = useApiData('departments', (signal) => problemsApi.departments(signal));
  const enterprises = useApiData(
    role === 'enterprise' && communityId ? `ent:${communityId}` : null,
    (signal) => adminApi.enterprises(communityId!, '', signal),
  );
  const fields = scopeFieldsOf(role);
  return (
    <Form<NewUser>
      form={form}
      layout="vertical"
      onFinish={(v) =>
        void run(() => adminApi.createUser(compact(v) as NewUser), t('admin.saved')).then(
          (ok) => ok && onDone(),
        )
      }
    >
      <Form.Item
        name="username"
        label={t('admin.users.username')}
        rules={[{ required: true, pattern: /^[A-Za-z0-9_.@-]+$/ }]}
      >
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('admin.users.displayName')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('admin.users.initialPassword')}
        extra={t('admin.users.passwordHint')}
        rules={[{ required: true, min: 8 }]}
      >
        <Input.Password maxLength={128} autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="role" label={t('admin.users.role')} rules={[{ required: true }]}>
        <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </Form.Item>
      {fields.includes('communityId') && (
        <Form.Item name="communityId" label={t('admin.community')} rules={[{ required: true }]}>
          <CommunitySelect />
        </Form.Item>
      )}
      {fields.includes('enterpriseId') && (
        <Form.Item
          name="enterpriseId"
          label={t('admin.users.enterprise')}
          rules={[{ required: true }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(enterprises.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
          />
        </Form.Item>
      )}
      {fields.includes('departmentId') && (
        <Form.Item
          name="departmentId"
          label={t('admin.users.department')}
          rules={[{ required: true }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('admin.users.create')}
      </Button>
    </Form>
  );
}

/** 用户和角色: create users with a role and scope, disable them, reset passwords and TOTP. */
export function UsersTab() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [role, setRole] = useState<Role>();
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState(false);
  const { run } = useSubmit();
  const list = useApiData(`users:${role ?? ''}:${version}`, (signal) =>
    adminApi.users(role, signal),
  );
  const reload = () => setVersion((n) => n + 1);
  const reset = (u: AdminUser) => {
    let password = '';
    modal.confirm({
      title: t('admin.users.resetTitle', { name: u.displayName }),
      content: (
        <Input.Password
          aria-label={t('admin.users.newPassword')}
          placeholder={t('admin.users.passwordHint')}
          autoComplete="new-password"
          onChange={(e) => {
            password = e.target.value;
          }}
        />
      ),
      okText: t('admin.users.resetPassword'),
      cancelText: t('work.cancel'),
      onOk: () => run(() => adminApi.resetPassword(u.id, password), t('admin.users.passwordReset')),
    });
  };
  const resetTotp = (u: AdminUser) => {
    modal.confirm({
      title: t('admin.users.resetTotpTitle', { name: u.displayName }),
      content: t('admin.users.resetTotpHint'),
      okText: t('admin.users.resetTotp'),
      okButtonProps: { danger: true },
      cancelText: t('work.cancel'),
      onOk: () =>
        run(() => adminApi.resetTotp(u.id), t('admin.users.totpReset')).then((ok) => {
          if (ok) {
            reload();
          }
        }),
    });
  };
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Select
          allowClear
          className="role-filter"
          placeholder={t('admin.users.allRoles')}
          aria-label={t('admin.users.role')}
          value={role}
          onChange={setRole}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <Flex gap={8} wrap align="center">
          <ExportLinks list="users" params={{ role }} />
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('admin.users.create')}
          </Button>
        </Flex>
      </Flex>
      <Table<AdminUser>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('admin.users.username'), dataIndex: 'username' },
          { title: t('admin.users.displayName'), dataIndex: 'displayName' },
          {
            title: t('admin.users.role'),
            dataIndex: 'role',
            width: 130,
            render: (r: Role) => <Tag>{t(`roles.${r}`)}</Tag>,
          },
          {
            title: t('admin.active'),
            dataIndex: 'active',
            width: 80,
            render: (_, u) => (
              <Switch
                checked={u.active}
                aria-label={t('admin.active')}
                onChange={(active) =>
                  void run(() => adminApi.setUserActive(u.id, active), t('admin.saved')).then(
                    reload,
                  )
                }
              />
            ),
          },
          {
            title: t('admin.users.totp'),
            dataIndex: 'totpEnabled',
            width: 110,
            render: (on: boolean) =>
              on ? (
                <Tag color="green">{t('admin.users.totpOn')}</Tag>
              ) : (
                <Tag>{t('admin.users.totpOff')}</Tag>
              ),
          },
          {
            title: '',
            key: 'actions',
            width: 220,
            render: (_, u) => (
              <Space>
                <Button size="small" onClick={() => reset(u)}>
                  {t('admin.users.resetPassword')}
                </Button>
                {u.totpEnabled && (
                  <Button size="small" danger onClick={() => resetTotp(u)}>
                    {t('admin.users.resetTotp')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('admin.users.create')}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <UserForm
          onDone={() => {
            setOpen(false);
            reload();
          }}
        />
      </Modal>
    </Flex>
  );
}
