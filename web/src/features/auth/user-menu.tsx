import {
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { ChangePasswordDialog } from './change-password-dialog';
import { TwoStepDialog } from './two-step-dialog';
import { useAuth } from './use-auth';
import { useCurrentUser } from './use-current-user';

type UserMenuKey = 'who' | 'change-password' | 'two-step' | 'logout';

/** Top-bar account control: display name + role, change password, two-step verification, logout. */
export function UserMenu() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { logout } = useAuth();
  const user = useCurrentUser();
  const [passwordDialogOpen, setPasswordDialogOpen] = useState(false);
  const [twoStepOpen, setTwoStepOpen] = useState(false);

  const signOut = async () => {
    try {
      await logout();
    } catch (error) {
      void message.error(`${t('auth.logoutFailed')}: ${describeError(error, t)}`);
    }
  };

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      className: 'user-menu-who',
      label: `${user.displayName} · ${t(`roles.${user.role}`)}`,
    },
    { key: 'change-password', icon: <KeyOutlined />, label: t('auth.userMenu.changePassword') },
    { key: 'two-step', icon: <SafetyOutlined />, label: t('auth.userMenu.twoStep') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.userMenu.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    switch (key as UserMenuKey) {
      case 'change-password':
        setPasswordDialogOpen(true);
        break;
      case 'two-step':
        setTwoStepOpen(true);
        break;
      case 'logout':
        void signOut();
        break;
      case 'who':
        break;
    }
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" title={t('auth.userMenu.label')}>
          <Space size="small">
            <UserOutlined />
            <span className="user-menu-name">{user.displayName}</span>
            <Tag color="blue" className="role-tag">
              {t(`roles.${user.role}`)}
            </Tag>
            <DownOutlined className="user-menu-caret" />
          </Space>
        </Button>
      </Dropdown>
      <ChangePasswordDialog
        open={passwordDialogOpen}
        onClose={() => setPasswordDialogOpen(false)}
      />
      <TwoStepDialog open={twoStepOpen} onClose={() => setTwoStepOpen(false)} />
    </>
  );
}
