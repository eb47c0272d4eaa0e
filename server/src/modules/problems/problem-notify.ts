import type { Kysely } from 'kysely';

import type { Role } from '../../../../common/enums';
import type { DB, Problem } from '../../db/schema';
import { notifyUsers, usersWithRole } from '../notifications';

interface Message {
  kind: string;
  title: string;
  body: string;
  /** Unique per event: the same key never notifies a user twice. */
  key: string;
}

/** Notifies every active user with `role` in the problem's county (and optional narrower scope). */
async function notifyRole(
  trx: Kysely<DB>,
  p: Problem,
  scope: { role: Role; communityId?: string; departmentId?: string },
  m: Message,
  now: number,
) {
  const community = await trx
    .selectFrom('communities')
    .select('county_id')
    .where('id', '=', p.community_id)
    .executeTakeFirstOrThrow();
  const users = await usersWithRole(trx, { ...scope, countyId: community.county_id });
  await notifyUsers(
    trx,
    users,
    {
      kind: m.kind,
      title: m.title,
      body: m.body,
      entityType: 'problem',
      entityId: p.id,
      dedupeKey: m.key,
    },
    now,
  );
}

/** In-app notifications about a problem, written in the change's transaction. */
export function notifyDepartment(
  trx: Kysely<DB>,
  p: Problem,
  departmentId: string,
  m: Message,
  now: number,
) {
  return notifyRole(trx, p, { role: 'department', departmentId }, m, now);
}

export function notifyCommunityStaff(trx: Kysely<DB>, p: Problem, m: Message, now: number) {
  return notifyRole(trx, p, { role: 'staff', communityId: p.community_id }, m, now);
}

export function notifySupervisors(trx: Kysely<DB>, p: Problem, m: Message, now: number) {
  return notifyRole(trx, p, { role: 'supervisor' }, m, now);
}

/** Reporters with an account hear of the outcome (anonymous ones follow it by tracking code). */
export async function notifyReporters(
  trx: Kysely<DB>,
  p: Problem,
  userIds: string[],
  m: Omit<Message, 'kind'>,
  now: number,
) {
  await notifyUsers(
    trx,
    userIds,
    {
      kind: 'problem.outcome',
      title: m.title,
      body: m.body,
      entityType: 'problem',
      entityId: p.id,
      dedupeKey: m.key,
    },
    now,
  );
}
