import type { Deps } from '../../deps';
import { addMonths, monthOf } from './report-format';
import { createReportService } from './report-service';

/** Job kind of the monthly report; scheduled '0 6 1 * *' (Asia/Shanghai) with catchUp 'all'. */
export const MONTHLY_REPORT_JOB = 'indices.monthly-report';

/**
 * Handler of `indices.monthly-report`: on the 1st of each month, the previous month's report for
 * every community. The month comes from the job's cron slot (not the run time), so a catch-up
 * after downtime renders each missed month once; reports already complete are skipped.
 */
export function createMonthlyReportJob(deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'config'>) {
  const reports = createReportService(deps);
  return async (payload: unknown, ctx: { now: number }) => {
    const slot = (payload as { slot?: unknown } | null)?.slot;
    const month = addMonths(monthOf(typeof slot === 'number' ? slot : ctx.now), -1);
    return reports.generateMissing(month);
  };
}
