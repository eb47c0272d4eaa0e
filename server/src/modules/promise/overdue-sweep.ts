import type { Kysely } from 'kysely';

import type { OverdueKind } from '../../../../common/enums';
import type { DB, Problem, ProblemUpdate } from '../../db/schema';
import { systemActor } from '../../shared/actor';
import { formatLocal, HOUR_MS } from '../../shared/business-time';
import { newId } from '../../shared/ids';
import { appendEvent } from '../../shared/timeline';
import { applyProblemChange } from '../indices';
import { enqueueDeliveries, notifyUsers, usersWithRole } from '../notifications';
import { getCommunitySettings } from './community-settings';
import { escalationLevel } from './deadlines';

const ACTIVE = ['open', 'dispatched', 'in_progress'] as const;

/** Which deadline a problem has missed at `now`, if any (resolution outranks coordination). */
export function missedDeadline(
  p: Pick<Problem, 'status' | 'coordinated_at' | 'coordination_due_at' | 'resolution_due_at'>,
  now: number,
): { kind: OverdueKind; dueAt: number } | null {
  if (!(ACTIVE as readonly string[]).includes(p.status)) {
    return null;
  }
  if (p.resolution_due_at < now) {
    return { kind: 'resolution', dueAt: p.resolution_due_at };
  }
  if (p.coordinated_at === null && p.coordination_due_at < now) {
    return { kind: 'coordination', dueAt: p.coordination_due_at };
  }
  return null;
}

/**
 * Flags overdue problems and escalates them (SPEC §3): the problem is marked 逾期, supervisors
 * and the community's staff are notified, and escalation repeats every configured interval.
 * Each (problem, deadline, level) is recorded once in `escalations` under a unique key, so two
 * workers running the sweep at once, or a catch-up after downtime, never escalate twice. After
 * an outage only the level reached now is recorded (marked caught up) and notified, once.
 */
export async function sweepOverdue(
  db: Kysely<DB>,
  now: number,
): Promise<{ escalated: number; cleared: number }> {
  let escalated = 0;
  const candidates = await db
    .selectFrom('problems')
    .select('id')
    .where('status', 'in', [...ACTIVE])
    .where((eb) =>
      eb.or([
        eb('resolution_due_at', '<', now),
        eb.and([eb('coordinated_at', 'is', null), eb('coordination_due_at', '<', now)]),
      ]),
    )
    .orderBy('resolution_due_at')
    .execute();

  for (const { id } of candidates) {
    escalated += await db.transaction().execute((trx) => escalateOne(trx, id, now));
  }

  // Problems no longer overdue (answered, or coordinated in time for the coordination flag).
  const stale = await db
    .selectFrom('problems')
    .selectAll()
    .where('overdue_kind', 'is not', null)
    .execute();
  let cleared = 0;
  for (const p of stale) {
    if (!missedDeadline(p, now)) {
      await db.transaction().execute((trx) => setOverdueFields(trx, p, { overdue_kind: null }));
      cleared++;
    }
  }
  return { escalated, cleared };
}

async function escalateOne(trx: Kysely<DB>, problemId: string, now: number): Promise<number> {
  const p = await trx
    .selectFrom('problems')
    .selectAll()
    .where('id', '=', problemId)
    .executeTakeFirst();
  if (!p) {
    return 0;
  }
  const missed = missedDeadline(p, now);
  if (!missed) {
    return 0;
  }
  const settings = await getCommunitySettings(trx, p.community_id);
  const level = escalationLevel(missed.dueAt, now, settings.escalationIntervalHours);
  const reached = await trx
    .selectFrom('escalations')
    .select((eb) => eb.fn.max('level').as('level'))
    .where('problem_id', '=', p.id)
    .where('kind', '=', missed.kind)
    .where('due_at', '=', missed.dueAt)
    .executeTakeFirst();
  const previous = Number(reached?.level ?? 0);
  if (level <= previous) {
    return 0;
  }
  // Only the level reached now is recorded; levels skipped while the scheduler was down are
  // marked as caught up rather than replayed one by one.
  const inserted = await trx
    .insertInto('escalations')
    .values({
      id: newId(),
      problem_id: p.id,
      kind: missed.kind,
      level,
      due_at: missed.dueAt,
      escalated_at: now,
      caught_up: level - previous > 1 ? 1 : 0,
    })
    .onConflict((oc) => oc.columns(['problem_id', 'kind', 'due_at', 'level']).doNothing())
    .returning('level')
    .executeTakeFirst();
  const created = inserted ? [inserted.level] : [];
  if (created.length === 0) {
    return 0;
  }
  const before = { overdueKind: p.overdue_kind, escalationLevel: p.escalation_level };
  const after = { overdueKind: missed.kind, escalationLevel: level };
  await setOverdueFields(trx, p, {
    overdue_kind: missed.kind,
    overdue_since:
      p.overdue_kind === missed.kind && p.overdue_since !== null ? p.overdue_since : missed.dueAt,
    escalation_level: level,
  });
  await appendEvent(trx, {
    entityType: 'problem',
    entityId: p.id,
    communityId: p.community_id,
    actor: systemActor,
    action: 'escalate',
    before,
    after: { ...after, skippedLevels: level - previous - 1 },
    note: null,
    at: now,
  });
  const community = await trx
    .selectFrom('communities')
    .select(['county_id', 'name'])
    .where('id', '=', p.community_id)
    .executeTakeFirstOrThrow();
  const recipients = [
    ...(await usersWithRole(trx, { role: 'supervisor', countyId: community.county_id })),
    ...(await usersWithRole(trx, {
      role: 'staff',
      countyId: community.county_id,
      communityId: p.community_id,
    })),
  ];
  const what = missed.kind === 'coordination' ? '24小时协调' : '办结/答复';
  const key = `escalation:${p.id}:${missed.kind}:${missed.dueAt}:${level}`;
  const body = `${community.name}「${p.title}」${what}期限 ${formatLocal(missed.dueAt)} 已过，已逾期${lateText(now - missed.dueAt)}。`;
  await notifyUsers(
    trx,
    recipients,
    {
      kind: 'problem.overdue',
      title: `逾期督办提醒：${p.code}`,
      body,
      entityType: 'problem',
      entityId: p.id,
      dedupeKey: key,
    },
    now,
  );
  // Level 1 is the first overdue notice; every later level is an escalation (SPEC §3).
  await enqueueDeliveries(trx, {
    event: level === 1 ? 'problem.overdue' : 'problem.escalated',
    communityId: p.community_id,
    eventKey: key,
    message: {
      title: level === 1 ? `逾期提醒：${p.code}` : `逾期升级（第 ${level} 级）：${p.code}`,
      lines: [body, `优先级：${p.priority}；已提交县贴心办督办。`],
      linkPath: `/problems/${p.id}`,
    },
    now,
  });
  return 1;
}

function lateText(ms: number): string {
  const hours = Math.floor(ms / HOUR_MS);
  return hours < 48 ? ` ${hours} 小时` : ` ${Math.floor(hours / 24)} 天`;
}

/** Updates the overdue flags of a problem and keeps the index aggregates in step. */
async function setOverdueFields(
  trx: Kysely<DB>,
  p: Problem,
  patch: Pick<ProblemUpdate, 'overdue_kind' | 'overdue_since' | 'escalation_level'>,
): Promise<void> {
  await trx.updateTable('problems').set(patch).where('id', '=', p.id).execute();
  await applyProblemChange(trx, p, { ...p, ...patch });
}
