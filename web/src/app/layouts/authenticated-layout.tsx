import { Flex, Layout } from 'antd';
import { Outlet } from 'react-router';

import { useCurrentUser } from '../../features/auth/use-current-user';
import { UserMenu } from '../../features/auth/user-menu';
import { NotificationBell } from '../../features/notifications/notification-bell';
import { hasNotifications } from '../../pages/home-sections';
import { AppBrand } from '../components/app-brand';
import { LanguageSwitch } from '../components/language-switch';
import { useWideRoute } from '../route-handle';

/**
 * Shell for logged-in pages: top bar with brand, language switch, notifications (roles that get
 * them) and the account menu; on a phone the name and role collapse into the menu so the bar
 * fits 390 px.
 */
export function AuthenticatedLayout() {
  const wide = useWideRoute();
  const user = useCurrentUser();
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <AppBrand />
        <Flex align="center" gap="small" className="app-header-tools">
          <LanguageSwitch />
          {hasNotifications(user.role) && <NotificationBell />}
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout.Content className={wide ? 'app-content app-content-wide' : 'app-content'}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
