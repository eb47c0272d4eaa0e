import type { Messages } from './zh-CN';

/** English UI strings; must mirror the key structure of `zh-CN.ts`. */
const en: Messages = {
  app: {
    name: 'Fannao Index',
    documentTitle: '烦恼指数 · Fannao',
    loading: 'Loading…',
  },
  language: {
    label: 'Interface language',
    zhCN: '中文',
    en: 'English',
  },
  roles: {
    worker: 'Worker',
    enterprise: 'Enterprise liaison',
    staff: 'Community staff',
    department: 'Department',
    supervisor: 'Supervisor',
    admin: 'Administrator',
  },
  auth: {
    login: {
      title: 'Sign in',
      subtitle: 'Worker-service office platform',
      username: 'Username',
      usernameRequired: 'Please enter your username',
      password: 'Password',
      passwordRequired: 'Please enter your password',
      submit: 'Sign in',
      failed: 'Sign-in failed',
      sessionExpired: 'Your session has expired. Please sign in again.',
    },
    userMenu: {
      label: 'Account menu',
      changePassword: 'Change password',
      logout: 'Sign out',
    },
    logoutFailed: 'Sign-out failed',
    changePassword: {
      title: 'Change password',
      currentPassword: 'Current password',
      currentPasswordRequired: 'Please enter your current password',
      newPassword: 'New password',
      newPasswordRequired: 'Please enter a new password',
      newPasswordSameAsCurrent: 'The new password must differ from the current one',
      confirmPassword: 'Confirm new password',
      confirmPasswordRequired: 'Please enter the new password again',
      confirmPasswordMismatch: 'The two new passwords do not match',
      submit: 'Change password',
      cancel: 'Cancel',
      failed: 'Could not change the password',
      succeeded: 'Password changed',
    },
  },
  home: {
    greeting: 'Hello, {{name}}!',
    intro: 'Welcome to the Fannao Index. The sections below are under construction.',
    comingSoon: 'Coming soon',
    sections: {
      apiDocs: {
        title: 'API docs',
        description: 'Browse the server API reference (OpenAPI).',
        action: 'Open API docs',
      },
      workbench: {
        title: 'Workbench',
        description: 'Receive, record and follow up troubles reported by workers and enterprises.',
      },
      departmentInbox: {
        title: 'Department inbox',
        description: 'Departments receive, handle and reply to assigned problems.',
      },
      supervision: {
        title: 'Supervision',
        description: 'Track overdue and key problems; issue and follow up supervision notices.',
      },
      indexDashboard: {
        title: 'Index dashboard',
        description: 'Trouble index and trends by community, enterprise and category.',
      },
      systemAdmin: {
        title: 'Administration',
        description: 'Manage users, departments, enterprises and settings.',
      },
    },
  },
  track: {
    title: 'Track progress',
    description: 'Enter the tracking code you received when reporting a trouble.',
    codeLabel: 'Tracking code',
    codePlaceholder: 'Enter your tracking code',
    codeRequired: 'Please enter a tracking code',
    submit: 'Track',
    detailTitle: 'Tracking code: {{code}}',
    comingSoon: 'Progress tracking is coming soon.',
    back: 'Track another code',
  },
  errors: {
    network: 'Cannot reach the server. Check your connection and try again.',
    unexpected: 'Something went wrong. Please try again later.',
    sessionLoadFailed: 'Could not load your sign-in status.',
    retry: 'Retry',
    backHome: 'Back to home',
    notFound: {
      title: 'Page not found',
      description: 'The page you are looking for does not exist or has been removed.',
    },
    routeError: {
      title: 'Something went wrong',
      description: 'An error occurred while loading this page. Please reload and try again.',
    },
  },
};

export default en;
