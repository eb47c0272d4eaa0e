import type { Role } from '../../../../common/enums';
import { ARTICLE_ENTERPRISE_NAMES } from './demo-enterprises';
import {
  DEMO_ACCOUNTS,
  DEMO_COMMUNITIES,
  DEMO_COUNTY,
  DEMO_DEPARTMENTS,
  DEMO_PASSWORDS,
  type DemoAccount,
} from './demo-org';

/** A demo login as the README lists it. */
export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  scope: string;
}

/** Where a demo account may act, in words (county, community, department, enterprise). */
export function scopeOf(a: DemoAccount): string {
  if (a.department) {
    return DEMO_DEPARTMENTS.find((d) => d.key === a.department)!.name;
  }
  const community = DEMO_COMMUNITIES.find((c) => c.key === a.community)?.name;
  if (!community) {
    return `${DEMO_COUNTY.name}（全县）`;
  }
  const enterprise = a.enterprise ? ARTICLE_ENTERPRISE_NAMES[a.enterprise] : undefined;
  return enterprise ? `${community} · ${enterprise}` : community;
}

/** Every demo login with its password, role and scope (must_change_password is off for them). */
export const DEMO_USERS: DemoUser[] = DEMO_ACCOUNTS.map((a) => ({
  username: a.username,
  password: DEMO_PASSWORDS[a.role],
  role: a.role,
  displayName: a.displayName,
  scope: scopeOf(a),
}));
