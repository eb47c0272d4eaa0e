import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import type { Actor } from '../../shared/actor';
import { problemScope } from '../../shared/record-scope';

/** The troubles of problems (any status but merged) received in [from, to) in some communities. */
export function troublesForHeat(
  db: Kysely<DB>,
  actor: Actor,
  input: { communityIds: string[]; from: number; to: number },
) {
  return db
    .selectFrom('troubles')
    .innerJoin('problems', 'problems.id', 'troubles.problem_id')
    .innerJoin('communities', 'communities.id', 'problems.community_id')
    .leftJoin('enterprises', 'enterprises.id', 'troubles.enterprise_id')
    .select([
      'troubles.id',
      'troubles.problem_id',
      'troubles.reporter_user_id',
      'troubles.reporter_phone_enc',
      'troubles.reporter_name',
      'troubles.enterprise_id',
      'enterprises.name as enterprise_name',
      'troubles.workers_affected',
      'troubles.received_at',
      'problems.code as problem_code',
      'problems.title as problem_title',
      'problems.status as problem_status',
      'problems.community_id',
      'communities.name as community_name',
    ])
    .where('problems.community_id', 'in', input.communityIds.length ? input.communityIds : [''])
    .where('problems.status', '<>', 'merged')
    .where('troubles.received_at', '>=', input.from)
    .where('troubles.received_at', '<', input.to)
    .where(problemScope(actor))
    .execute();
}
