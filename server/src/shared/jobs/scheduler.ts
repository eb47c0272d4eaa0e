import { Cron } from 'croner';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import type { Clock } from '../clock';
import { enqueueJob } from './job-queue';

export interface PeriodicJob {
  /** Job kind; also the schedule's name. */
  kind: string;
  /** Cron pattern, evaluated in Asia/Shanghai. */
  cron: string;
  /**
   * After downtime: `latest` enqueues only the most recent missed slot (for sweeps that look at
   * the whole state), `all` enqueues every missed slot (for per-period work such as reports).
   */
  catchUp: 'latest' | 'all';
}

const MAX_CATCH_UP_SLOTS = 1000;

/**
 * The slots to enqueue now. `latest`: only the most recent slot ≤ now, if newer than the last
 * one recorded. `all`: every slot after the last recorded one up to now (at most 1000 a tick;
 * the next tick continues). First run: the most recent slot only.
 */
export function dueSlots(
  cron: Cron,
  catchUp: 'latest' | 'all',
  lastSlotAt: number | null,
  now: number,
): number[] {
  const latest = cron.previousRuns(1, new Date(now + 1))[0]?.getTime() ?? null;
  if (latest === null || (lastSlotAt !== null && latest <= lastSlotAt)) {
    return [];
  }
  if (catchUp === 'latest' || lastSlotAt === null) {
    return [latest];
  }
  const slots: number[] = [];
  let cursor: Date | null = new Date(lastSlotAt);
  for (let i = 0; i < MAX_CATCH_UP_SLOTS; i++) {
    cursor = cron.nextRun(cursor);
    if (!cursor || cursor.getTime() > now) {
      break;
    }
    slots.push(cursor.getTime());
  }
  return slots;
}

/**
 * Decides when periodic jobs are due (croner computes the slots) and enqueues one job per slot
 * with the dedupe key `<kind>@<slot>`, so that catching up after downtime, restarts and several
 * instances never enqueue the same slot twice.
 */
export function createScheduler(deps: { db: Kysely<DB>; clock: Clock; jobs: PeriodicJob[] }) {
  async function tick(): Promise<number> {
    const now = deps.clock.now();
    let enqueued = 0;
    for (const job of deps.jobs) {
      const cron = new Cron(job.cron, { timezone: 'Asia/Shanghai', paused: true });
      const state = await deps.db
        .selectFrom('job_schedules')
        .select('last_slot_at')
        .where('name', '=', job.kind)
        .executeTakeFirst();
      const slots = dueSlots(cron, job.catchUp, state?.last_slot_at ?? null, now);
      if (slots.length === 0) {
        continue;
      }
      for (const slot of slots) {
        const added = await enqueueJob(deps.db, {
          kind: job.kind,
          dedupeKey: `${job.kind}@${new Date(slot).toISOString()}`,
          payload: { slot },
          runAt: slot,
          now,
        });
        enqueued += added ? 1 : 0;
      }
      const last = slots[slots.length - 1]!;
      await deps.db
        .insertInto('job_schedules')
        .values({ name: job.kind, last_slot_at: last })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ last_slot_at: last })
            .where('job_schedules.last_slot_at', '<', last),
        )
        .execute();
    }
    return enqueued;
  }

  let timer: NodeJS.Timeout | null = null;
  return {
    tick,
    start(intervalMs: number, onError: (e: unknown) => void) {
      timer = setInterval(() => {
        tick().catch(onError);
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) {
        clearInterval(timer);
        timer = null;
      }
    },
  };
}
