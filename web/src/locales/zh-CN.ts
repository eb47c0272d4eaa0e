/**
 * Simplified Chinese UI strings — the default language and the reference shape for every other
 * locale. Keys are stable ids; never rename one without updating all locales.
 */
const zhCN = {
  app: {
    name: '烦恼指数',
    documentTitle: '烦恼指数 · Fannao',
    loading: '加载中…',
  },
  language: {
    label: '界面语言',
    zhCN: '中文',
    en: 'English',
  },
  roles: {
    worker: '职工',
    enterprise: '企业联络员',
    staff: '社区工作人员',
    department: '职能部门',
    supervisor: '督办',
    admin: '系统管理员',
  },
  auth: {
    login: {
      title: '登录',
      subtitle: '社区职工服务站工作平台',
      username: '用户名',
      usernameRequired: '请输入用户名',
      password: '密码',
      passwordRequired: '请输入密码',
      submit: '登录',
      failed: '登录失败',
      sessionExpired: '登录已过期，请重新登录。',
    },
    userMenu: {
      label: '账户菜单',
      changePassword: '修改密码',
      logout: '退出登录',
    },
    logoutFailed: '退出登录失败',
    changePassword: {
      title: '修改密码',
      currentPassword: '当前密码',
      currentPasswordRequired: '请输入当前密码',
      newPassword: '新密码',
      newPasswordRequired: '请输入新密码',
      newPasswordSameAsCurrent: '新密码不能与当前密码相同',
      confirmPassword: '确认新密码',
      confirmPasswordRequired: '请再次输入新密码',
      confirmPasswordMismatch: '两次输入的新密码不一致',
      submit: '确认修改',
      cancel: '取消',
      failed: '修改密码失败',
      succeeded: '密码已修改',
    },
  },
  home: {
    greeting: '{{name}}，您好！',
    intro: '欢迎使用烦恼指数。以下功能正在建设中，将陆续开放。',
    comingSoon: '即将推出',
    sections: {
      apiDocs: {
        title: 'API 文档',
        description: '查看服务端接口说明（OpenAPI）。',
        action: '打开 API 文档',
      },
      workbench: {
        title: '工作台',
        description: '受理、登记和跟进职工与企业反映的烦恼。',
      },
      departmentInbox: {
        title: '部门收件箱',
        description: '职能部门接收、办理和答复交办的问题。',
      },
      supervision: {
        title: '督办',
        description: '跟踪逾期和重点问题，发出并跟进督办。',
      },
      indexDashboard: {
        title: '指数看板',
        description: '按社区、企业和类别查看烦恼指数及趋势。',
      },
      systemAdmin: {
        title: '系统管理',
        description: '管理用户、部门、企业和基础配置。',
      },
    },
  },
  track: {
    title: '查询办理进度',
    description: '输入反映烦恼时获得的查询码，查看办理进度。',
    codeLabel: '查询码',
    codePlaceholder: '请输入查询码',
    codeRequired: '请输入查询码',
    submit: '查询',
    detailTitle: '查询码：{{code}}',
    comingSoon: '办理进度查询功能即将推出，敬请期待。',
    back: '重新查询',
  },
  errors: {
    network: '无法连接服务器，请检查网络后重试。',
    unexpected: '发生意外错误，请稍后重试。',
    sessionLoadFailed: '无法获取登录状态。',
    retry: '重试',
    backHome: '返回首页',
    notFound: {
      title: '页面不存在',
      description: '您访问的页面不存在或已被移除。',
    },
    routeError: {
      title: '页面出错了',
      description: '页面加载时发生错误，请刷新后重试。',
    },
  },
};

export type Messages = typeof zhCN;

export default zhCN;
