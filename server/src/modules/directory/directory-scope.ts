import type { Actor } from '../../shared/actor';

/**
 * Which communities an actor may see in the directory. County-wide roles (supervisor, admin,
 * department) see their county; staff and enterprise users their own community.
 */
export type CommunityScope = { countyId: string } | { communityId: string } | { none: true };

export function communityScopeOf(actor: Actor): CommunityScope {
  switch (actor.role) {
    case 'admin':
    case 'supervisor':
    case 'department':
      return actor.countyId ? { countyId: actor.countyId } : { none: true };
    case 'staff':
    case 'enterprise':
    case 'worker':
      return actor.communityId ? { communityId: actor.communityId } : { none: true };
    case 'auditor':
    case 'anonymous':
      return { none: true };
    case 'system':
      return actor.countyId ? { countyId: actor.countyId } : { none: true };
  }
}
