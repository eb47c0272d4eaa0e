export { auditRoutes } from './audit-routes';
export { type AuditService, createAuditService, maskIp } from './audit-service';
