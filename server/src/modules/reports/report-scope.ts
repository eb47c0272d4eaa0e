import type { Actor } from '../../shared/actor';

/** Which communities' reports an actor may see. */
export type ReportScope = { countyId: string } | { communityId: string };

/**
 * Reports are scoped like the indices (indices/index-scope.ts): staff see their own
 * community, county-wide roles (supervisor, admin, department, system) their county; everyone
 * else nothing (null). Out-of-scope reports answer 404.
 */
export function reportScopeOf(actor: Actor): ReportScope | null {
  switch (actor.role) {
    case 'staff':
      return actor.communityId ? { communityId: actor.communityId } : null;
    case 'admin':
    case 'supervisor':
    case 'department':
    case 'system':
      return actor.countyId ? { countyId: actor.countyId } : null;
    case 'enterprise':
    case 'worker':
    case 'auditor':
    case 'anonymous':
      return null;
  }
}

/** True when a community (with its county) lies inside the scope. */
export function inReportScope(
  scope: ReportScope | null,
  community: { id: string; countyId: string },
): boolean {
  if (!scope) {
    return false;
  }
  return 'countyId' in scope
    ? scope.countyId === community.countyId
    : scope.communityId === community.id;
}
