import { Flex, Layout } from 'antd';
import { Outlet } from 'react-router';

import { UserMenu } from '../../features/auth/user-menu';
import { AppBrand } from '../components/app-brand';
import { LanguageSwitch } from '../components/language-switch';
import { useWideRoute } from '../route-handle';

/** Shell for logged-in pages: top bar with brand, account menu and language switch. */
export function AuthenticatedLayout() {
  const wide = useWideRoute();
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <AppBrand />
        <Flex align="center" gap="middle">
          <LanguageSwitch />
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout.Content className={wide ? 'app-content app-content-wide' : 'app-content'}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
