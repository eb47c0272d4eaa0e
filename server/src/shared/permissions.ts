import type { Role } from '../../../common/enums';
import type { Actor } from './actor';
import { forbidden } from './errors';

/**
 * Function-level authorisation: which roles may attempt an action at all. Record-level scope
 * (which community, department or enterprise) is enforced separately by every query. The
 * `auditor` appears in `audit.read` only (separation of duties, docs/adr/0004-security.md).
 */
export const PERMISSIONS = {
  'trouble.list': ['worker', 'enterprise', 'staff', 'department', 'supervisor', 'admin'],
  'trouble.onBehalf': ['enterprise', 'staff', 'admin'],
  'trouble.triage': ['staff', 'admin'],
  'trouble.link': ['staff', 'admin'],
  'trouble.resolveOnSpot': ['staff', 'admin'],
  'trouble.callback': ['staff', 'admin'],
  'problem.read': ['staff', 'department', 'supervisor', 'admin'],
  'problem.create': ['staff', 'admin'],
  'problem.dispatch': ['staff', 'admin'],
  'problem.accept': ['department'],
  'problem.handBack': ['department'],
  'problem.answer': ['staff', 'department', 'admin'],
  'problem.note': ['staff', 'department', 'supervisor', 'admin'],
  'problem.close': ['staff', 'admin'],
  'problem.reopen': ['staff', 'supervisor', 'admin'],
  'problem.sendBack': ['staff', 'supervisor', 'admin'],
  'problem.merge': ['staff', 'admin'],
  'problem.split': ['staff', 'admin'],
  'extension.request': ['department'],
  'extension.decide': ['supervisor', 'admin'],
  'supervision.read': ['staff', 'department', 'supervisor', 'admin'],
  'supervision.issue': ['supervisor', 'admin'],
  'supervision.respond': ['staff', 'department'],
  'supervision.close': ['supervisor', 'admin'],
  'directory.read': ['staff', 'department', 'supervisor', 'admin'],
  'enterprise.manage': ['staff', 'admin'],
  'directory.manage': ['admin'],
  'users.manage': ['admin'],
  'taxonomy.manage': ['admin'],
  /** Category suggestions and classification of free text (issue 6). */
  'text.classify': ['staff', 'admin'],
  /** The segmentation dictionary and model retraining. */
  'text.manage': ['admin'],
  'settings.read': ['staff', 'supervisor', 'admin'],
  'settings.manage': ['admin'],
  'calendar.manage': ['admin'],
  'alerts.read': ['staff', 'supervisor', 'admin'],
  'indices.read': ['staff', 'department', 'supervisor', 'admin'],
  /** Import troubles, enterprises and workers (staff: own community); departments: admins only. */
  'import.run': ['staff', 'admin'],
  /** See identity and phone numbers unmasked (API views and exports); every use is audited. */
  'personal.unmask': ['admin'],
  'notifications.read': ['worker', 'enterprise', 'staff', 'department', 'supervisor', 'admin'],
  /** Notification channels, the delivery log and Open311 API keys. */
  'integrations.manage': ['admin'],
  /**
   * Read, verify and export the audit trail: the auditor only (等保 安全管理中心 — the system
   * administrator cannot read or purge it). The auditor holds no other permission.
   */
  'audit.read': ['auditor'],
} as const satisfies Record<string, readonly (Role | 'anonymous')[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.role === 'system') {
    return true;
  }
  return (PERMISSIONS[permission] as readonly string[]).includes(actor.role);
}

/** Throws 403 FORBIDDEN unless the actor's role may attempt the action. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw forbidden(permission);
  }
}
