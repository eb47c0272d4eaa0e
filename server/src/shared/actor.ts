import type { Role } from '../../../common/enums';

/**
 * Who is acting, derived once per request from the session (or anonymous). Every repository and
 * read-model query that can leak data takes the actor and applies its scope (SPEC §2).
 */
export interface Actor {
  userId: string | null;
  role: Role | 'anonymous' | 'system';
  displayName: string;
  countyId: string | null;
  communityId: string | null;
  enterpriseId: string | null;
  departmentId: string | null;
}

export const anonymousActor: Actor = {
  userId: null,
  role: 'anonymous',
  displayName: '匿名',
  countyId: null,
  communityId: null,
  enterpriseId: null,
  departmentId: null,
};

/** The scheduler and background jobs act as `system`. */
export const systemActor: Actor = {
  userId: null,
  role: 'system',
  displayName: '系统',
  countyId: null,
  communityId: null,
  enterpriseId: null,
  departmentId: null,
};

/** The label stored in timelines: the person's display name, or 匿名 / 系统. */
export function actorLabel(actor: Actor): string {
  return actor.displayName;
}
