import { Layout } from 'antd';
import { Outlet } from 'react-router';

import { AppBrand } from '../components/app-brand';
import { LanguageSwitch } from '../components/language-switch';

/** Shell for pages reachable without logging in (login, progress tracking). */
export function PublicLayout() {
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <AppBrand />
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content className="app-content app-content-narrow">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
