import type { Kysely } from 'kysely';

import type { DB, Problem } from '../../db/schema';
import { notifyUsers, usersWithRole } from '../notifications';

/** In-app notifications about a problem, written in the change's transaction. */
export async function notifyDepartment(
  trx: Kysely<DB>,
  p: Problem,
  departmentId: string,
  kind: string,
  title: string,
  body: string,
  now: number,
  key: string,
) {
  const community = await trx
    .selectFrom('communities')
    .select('county_id')
    .where('id', '=', p.community_id)
    .executeTakeFirstOrThrow();
  const users = await usersWithRole(trx, {
    role: 'department',
    countyId: community.county_id,
    departmentId,
  });
  await notifyUsers(
    trx,
    users,
    { kind, title, body, entityType: 'problem', entityId: p.id, dedupeKey: key },
    now,
  );
}

export async function notifyCommunityStaff(
  trx: Kysely<DB>,
  p: Problem,
  kind: string,
  title: string,
  body: string,
  now: number,
  key: string,
) {
  const community = await trx
    .selectFrom('communities')
    .select('county_id')
    .where('id', '=', p.community_id)
    .executeTakeFirstOrThrow();
  const users = await usersWithRole(trx, {
    role: 'staff',
    countyId: community.county_id,
    communityId: p.community_id,
  });
  await notifyUsers(
    trx,
    users,
    { kind, title, body, entityType: 'problem', entityId: p.id, dedupeKey: key },
    now,
  );
}

export async function notifySupervisors(
  trx: Kysely<DB>,
  p: Problem,
  kind: string,
  title: string,
  body: string,
  now: number,
  key: string,
) {
  const community = await trx
    .selectFrom('communities')
    .select('county_id')
    .where('id', '=', p.community_id)
    .executeTakeFirstOrThrow();
  const users = await usersWithRole(trx, { role: 'supervisor', countyId: community.county_id });
  await notifyUsers(
    trx,
    users,
    { kind, title, body, entityType: 'problem', entityId: p.id, dedupeKey: key },
    now,
  );
}

/** Reporters with an account hear of the outcome (anonymous ones follow it by tracking code). */
export async function notifyReporters(
  trx: Kysely<DB>,
  p: Problem,
  userIds: string[],
  title: string,
  body: string,
  now: number,
  key: string,
) {
  await notifyUsers(
    trx,
    userIds,
    { kind: 'problem.outcome', title, body, entityType: 'problem', entityId: p.id, dedupeKey: key },
    now,
  );
}
