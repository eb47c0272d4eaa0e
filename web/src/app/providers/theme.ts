import type { ThemeConfig } from 'antd';

/** antd design tokens for the app; extend here rather than overriding styles ad hoc. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1677ff',
    borderRadius: 8,
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 24px',
    },
  },
};
