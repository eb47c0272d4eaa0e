import { App as AntdApp, ConfigProvider, type ConfigProviderProps } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';

import { AuthProvider } from '../../features/auth/auth-provider';
import type { Language } from '../../shared/i18n';
import { useLanguage } from '../../shared/use-language';
import { theme } from './theme';

const ANTD_LOCALES: Record<Language, NonNullable<ConfigProviderProps['locale']>> = {
  'zh-CN': zhCN,
  en: enUS,
};

/** Global providers: antd locale/theme following the UI language, antd App context, session. */
export function AppProviders({ children }: { children: ReactNode }) {
  const { language } = useLanguage();
  return (
    // No space inserted between two Chinese characters on buttons (交办, not 交 办).
    <ConfigProvider
      locale={ANTD_LOCALES[language]}
      theme={theme}
      button={{ autoInsertSpace: false }}
    >
      <AntdApp>
        <AuthProvider>{children}</AuthProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
