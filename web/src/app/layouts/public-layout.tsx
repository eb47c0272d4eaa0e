import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { Outlet } from 'react-router';

import { AppBrand } from '../components/app-brand';
import { LanguageSwitch } from '../components/language-switch';

/**
 * Shell for pages reachable without logging in (login, progress tracking), and for the TOTP
 * enrolment a session must finish first (`children` instead of the routed page).
 */
export function PublicLayout({ children }: { children?: ReactNode }) {
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <AppBrand />
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content className="app-content app-content-narrow">
        {children ?? <Outlet />}
      </Layout.Content>
    </Layout>
  );
}
