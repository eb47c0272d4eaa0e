import type { Role } from '../../../common/enums';
import { paths } from '../app/paths';

/**
 * Sections on the home page. Each id keys `home.sections.<id>.{title,description,action}` in
 * the locale files; a user sees the sections of their role.
 */
export const SECTIONS = [
  { id: 'workbench', path: paths.workbench },
  { id: 'departmentInbox', path: paths.inbox },
  { id: 'supervision', path: paths.supervision },
  { id: 'indexDashboard', path: paths.indices },
  { id: 'reports', path: paths.reports },
  { id: 'imports', path: paths.imports },
  { id: 'clusters', path: paths.clusters },
  { id: 'systemAdmin', path: paths.admin },
  { id: 'audit', path: paths.audit },
] as const;

export type Section = (typeof SECTIONS)[number]['id'];

/** Who works in each section (the server enforces the same roles on its API). */
export const SECTION_ROLES: Record<Section, readonly Role[]> = {
  workbench: ['staff', 'admin'],
  departmentInbox: ['department'],
  supervision: ['supervisor', 'admin'],
  indexDashboard: ['staff', 'department', 'supervisor', 'admin'],
  reports: ['staff', 'department', 'supervisor', 'admin'],
  imports: ['staff', 'admin'],
  clusters: ['staff', 'admin'],
  systemAdmin: ['admin'],
  /** The auditor only (三权分立: administrators cannot read the trail; the API refuses them). */
  audit: ['auditor'],
};

/** Where a role lands after logging in: the auditor on the audit trail, everyone else home. */
export function landingPath(role: Role): string {
  return role === 'auditor' ? paths.audit : paths.home;
}

/** Roles that receive in-app notifications (the header bell); the auditor receives none. */
export function hasNotifications(role: Role): boolean {
  return role !== 'auditor';
}

/** The sections a role sees, in display order (its own work first). */
export function sectionsFor(role: Role) {
  return SECTIONS.filter((s) => SECTION_ROLES[s.id].includes(role));
}
