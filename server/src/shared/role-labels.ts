import type { Role } from '../../../common/enums';

/** Chinese names of the roles, as exports, reports and the audit trail print them. */
export const ROLE_LABELS: Record<Role, string> = {
  worker: '职工',
  enterprise: '企业联络员',
  staff: '社区工作人员',
  department: '职能部门',
  supervisor: '督办',
  admin: '系统管理员',
  auditor: '审计员',
};
