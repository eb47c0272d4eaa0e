import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import type { Actor } from '../../shared/actor';
import { forbidden, notFound } from '../../shared/errors';

export interface ResolvedScope {
  communityIds: string[];
  communityId: string | null;
  communityName: string | null;
}

/**
 * The communities an index query covers: one community (by id or slug) the actor may see, or
 * the whole county for county-wide roles. Staff are limited to their own community.
 */
export async function resolveIndexScope(
  db: Kysely<DB>,
  actor: Actor,
  community: string | undefined,
): Promise<ResolvedScope> {
  const visible = await db
    .selectFrom('communities')
    .select(['id', 'slug', 'name'])
    .$call((qb) =>
      actor.role === 'staff'
        ? qb.where('id', '=', actor.communityId ?? '')
        : qb.where('county_id', '=', actor.countyId ?? ''),
    )
    .execute();
  if (community === undefined) {
    if (actor.role === 'staff') {
      const own = visible[0];
      if (!own) {
        throw forbidden('indices.county');
      }
      return { communityIds: [own.id], communityId: own.id, communityName: own.name };
    }
    return { communityIds: visible.map((c) => c.id), communityId: null, communityName: null };
  }
  const c = visible.find((x) => x.id === community || x.slug === community);
  if (!c) {
    throw notFound('community', community);
  }
  return { communityIds: [c.id], communityId: c.id, communityName: c.name };
}
