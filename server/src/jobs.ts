import type { FastifyBaseLogger } from 'fastify';

import type { Deps } from './deps';
import { createSessionRepository } from './modules/accounts';
import { createEarlyWarningJob } from './modules/indices';
import { createDeliveryWorker } from './modules/notifications';
import { checkCalendarCoverage, sweepOverdue } from './modules/promise';
import { createMonthlyReportJob } from './modules/reports';
import { createTextModelService } from './modules/text';
import { createUploadService } from './modules/troubles';
import { exportAuditHead } from './shared/audit-heads';
import { createJobRunner, type JobHandler } from './shared/jobs/job-runner';
import { createScheduler, type PeriodicJob } from './shared/jobs/scheduler';

/** Every periodic job of the product; modules add theirs here. */
export const PERIODIC_JOBS: PeriodicJob[] = [
  { kind: 'promise.overdue-sweep', cron: '* * * * *', catchUp: 'latest' },
  { kind: 'promise.calendar-check', cron: '0 8 * * *', catchUp: 'latest' },
  { kind: 'accounts.session-cleanup', cron: '17 * * * *', catchUp: 'latest' },
  { kind: 'troubles.upload-cleanup', cron: '41 * * * *', catchUp: 'latest' },
  { kind: 'indices.early-warning', cron: '0 7 1 * *', catchUp: 'all' },
  { kind: 'indices.monthly-report', cron: '0 6 1 * *', catchUp: 'all' },
  { kind: 'audit.export-head', cron: '5 0 * * *', catchUp: 'latest' },
  // Retrains a classifier snapshot left by an older version of the product (no-op otherwise).
  { kind: 'text.model-upgrade', cron: '30 3 * * *', catchUp: 'latest' },
];

export function createJobs(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'config' | 'crypto'> & {
    log?: FastifyBaseLogger;
    onJobRun?: (kind: string, outcome: 'done' | 'failed', ms: number) => void;
  },
) {
  const uploads = createUploadService(deps);
  const earlyWarning = createEarlyWarningJob(deps);
  const monthlyReport = createMonthlyReportJob(deps);
  const handlers: Record<string, JobHandler> = {
    'promise.overdue-sweep': async (_p, ctx) => {
      await sweepOverdue(deps.db, ctx.now);
    },
    'promise.calendar-check': async (_p, ctx) => {
      await checkCalendarCoverage(deps.db, ctx.now);
    },
    'accounts.session-cleanup': async (_p, ctx) => {
      await createSessionRepository(deps.db).deleteExpired(ctx.now);
    },
    'troubles.upload-cleanup': async (_p, ctx) => {
      await uploads.deleteOrphans(ctx.now);
    },
    'indices.early-warning': async (payload, ctx) => {
      await earlyWarning(payload, ctx);
    },
    'indices.monthly-report': async (payload, ctx) => {
      await monthlyReport(payload, ctx);
    },
    'text.model-upgrade': async () => {
      const result = await createTextModelService(deps).upgradeIfOutdated();
      if (result.upgraded) {
        deps.log?.info(result, 'text classifier retrained by the current algorithm');
      }
    },
    'audit.export-head': async (_p, ctx) => {
      const head = await exportAuditHead(deps.db, deps.config.auditHeadFile, ctx.now);
      // The log is shipped off the machine: a second copy of the head, out of the database's reach.
      deps.log?.info({ auditHead: head, file: deps.config.auditHeadFile }, 'audit chain head');
    },
  };
  const runner = createJobRunner({ ...deps, handlers, onRun: deps.onJobRun });
  // Notification deliveries (the outbox) have their own worker: due within seconds, not minutes.
  const deliveries = createDeliveryWorker(deps);
  const scheduler = createScheduler({ db: deps.db, clock: deps.clock, jobs: PERIODIC_JOBS });
  return {
    runner,
    scheduler,
    handlers,
    deliveries,
    start() {
      scheduler.start(15_000, (e) => deps.log?.error({ err: e }, 'scheduler tick failed'));
      void scheduler
        .tick()
        .catch((e: unknown) => deps.log?.error({ err: e }, 'scheduler tick failed'));
      runner.start(2_000);
      deliveries.start(2_000);
    },
    async stop() {
      scheduler.stop();
      await runner.stop();
      await deliveries.stop();
    },
  };
}
