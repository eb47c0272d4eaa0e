import { Flex, Layout } from 'antd';
import { Outlet } from 'react-router';

import { UserMenu } from '../../features/auth/user-menu';
import { AppBrand } from '../components/app-brand';
import { LanguageSwitch } from '../components/language-switch';

/** Shell for logged-in pages: top bar with brand, account menu and language switch. */
export function AuthenticatedLayout() {
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <AppBrand />
        <Flex align="center" gap="middle">
          <LanguageSwitch />
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
