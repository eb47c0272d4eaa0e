import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';

import type { Dialect } from '../../db/database';
import type { DB } from '../../db/schema';
import type { Clock } from '../clock';
import { newId } from '../ids';
import { claimJob, completeJob, failJob } from './job-queue';
import { createPoller } from './poller';

export type JobHandler = (
  payload: unknown,
  context: { jobId: string; now: number },
) => Promise<void>;

export interface JobRunner {
  /** Claims and runs due jobs until none is left (bounded); returns how many ran. */
  runDue(maxJobs?: number): Promise<number>;
  start(pollMs: number): void;
  /** Stops polling and waits for the job in hand to finish. */
  stop(): Promise<void>;
  readonly workerId: string;
}

/** Runs queued jobs with the registered handlers; several runners may share one database. */
export function createJobRunner(deps: {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  leaseMs?: number;
  log?: FastifyBaseLogger;
  /** Called after every run (metrics). */
  onRun?: (kind: string, outcome: 'done' | 'failed', ms: number) => void;
}): JobRunner {
  const workerId = `worker-${newId()}`;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const poller = createPoller(
    () => runDue(),
    (error) => deps.log?.error({ err: error }, 'job runner tick failed'),
  );

  async function runDue(maxJobs = 100): Promise<number> {
    let ran = 0;
    while (ran < maxJobs && !poller.stopped) {
      const job = await claimJob(deps.db, deps.dialect, {
        workerId,
        now: deps.clock.now(),
        leaseMs,
      });
      if (!job) {
        break;
      }
      ran++;
      const handler = deps.handlers[job.kind];
      const started = performance.now();
      try {
        if (!handler) {
          throw new Error(`no handler for job kind ${job.kind}`);
        }
        await handler(JSON.parse(job.payload), { jobId: job.id, now: deps.clock.now() });
        await completeJob(deps.db, job.id, workerId, deps.clock.now());
        deps.onRun?.(job.kind, 'done', performance.now() - started);
      } catch (error) {
        deps.log?.error({ err: error, job: job.kind }, 'job failed');
        await failJob(deps.db, job, workerId, error, deps.clock.now());
        deps.onRun?.(job.kind, 'failed', performance.now() - started);
      }
    }
    return ran;
  }

  return {
    workerId,
    runDue(maxJobs) {
      return runDue(maxJobs);
    },
    start: (pollMs) => poller.start(pollMs),
    stop: () => poller.stop(),
  };
}
