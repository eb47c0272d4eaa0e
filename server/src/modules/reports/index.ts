export { createMonthlyReportJob, MONTHLY_REPORT_JOB } from './report-job';
export { reportRoutes } from './report-routes';
export { createReportService, type ReportRecord, type ReportService } from './report-service';
