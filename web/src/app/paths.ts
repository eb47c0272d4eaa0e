/** Client-side routes and server links used by the shell. */
export const paths = {
  home: '/',
  login: '/login',
  /** The indices dashboard (指数看板); its view lives in the query string. */
  indices: '/indices',
  /** Monthly reports (月报): list, generate, download. */
  reports: '/reports',
  /** Staff workbench (工作台): queues, triage, linking, dispatch. */
  workbench: '/workbench',
  /** Department inbox (部门收件箱). */
  inbox: '/inbox',
  /** Supervisor view (督办). */
  supervision: '/supervision',
  /** Data import (数据导入): upload, dry run, commit. */
  imports: '/imports',
  /** Clustering review (聚类审核). */
  clusters: '/clusters',
  /** System administration (系统管理). */
  admin: '/admin',
  /** The audit trail (审计日志): the auditor's page and landing page. */
  audit: '/audit',
  /** The big screen (大屏) of a community; opened with `?token=<display token>`. */
  screen: '/screen/:slug',
  /** Served by the API server (Swagger UI), not by the SPA router. */
  apiDocs: '/api/docs',
} as const;
