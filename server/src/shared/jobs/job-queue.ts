import type { Kysely } from 'kysely';

import type { Dialect } from '../../db/database';
import { lockForClaim } from '../../db/dialect';
import type { DB, Job } from '../../db/schema';
import { newId } from '../ids';

/**
 * A database-backed job queue (SPEC §10): jobs are rows, claimed with row locks
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has a single writer), so two instances never
 * run the same job; a unique `dedupe_key` makes every enqueue idempotent.
 */
export async function enqueueJob(
  db: Kysely<DB>,
  job: {
    kind: string;
    dedupeKey: string;
    payload?: unknown;
    runAt: number;
    maxAttempts?: number;
    now: number;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('jobs')
    .values({
      id: newId(),
      kind: job.kind,
      dedupe_key: job.dedupeKey,
      payload: JSON.stringify(job.payload ?? {}),
      state: 'queued',
      run_at: job.runAt,
      attempts: 0,
      max_attempts: job.maxAttempts ?? 5,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: job.now,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Claims the oldest due job (or one whose lease expired) for `workerId`. */
export async function claimJob(
  db: Kysely<DB>,
  dialect: Dialect,
  input: { workerId: string; now: number; leaseMs: number },
): Promise<Job | undefined> {
  return db.transaction().execute(async (trx) => {
    const candidate = await lockForClaim(
      dialect,
      trx
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', input.now)]),
            eb.and([eb('state', '=', 'running'), eb('locked_until', '<', input.now)]),
          ]),
        )
        .orderBy('run_at')
        .limit(1),
    ).executeTakeFirst();
    if (!candidate) {
      return undefined;
    }
    return trx
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        locked_by: input.workerId,
        locked_until: input.now + input.leaseMs,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', candidate.id)
      .returningAll()
      .executeTakeFirst();
  });
}

export async function completeJob(
  db: Kysely<DB>,
  id: string,
  workerId: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: 'done', finished_at: now, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Records a failure: retried with exponential backoff until max_attempts, then `failed`. */
export async function failJob(
  db: Kysely<DB>,
  job: Job,
  workerId: string,
  error: unknown,
  now: number,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const exhausted = job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      state: exhausted ? 'failed' : 'queued',
      run_at: exhausted ? job.run_at : now + Math.min(3_600_000, 5_000 * 2 ** (job.attempts - 1)),
      finished_at: exhausted ? now : null,
      locked_by: null,
      locked_until: null,
      last_error: message.slice(0, 2000),
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Puts a claimed job back (graceful shutdown before it started). */
export async function releaseJob(db: Kysely<DB>, id: string, workerId: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'queued',
      locked_by: null,
      locked_until: null,
      attempts: eb('attempts', '-', 1),
    }))
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}
