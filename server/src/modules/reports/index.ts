export { type FontFace, type ReportFonts, resolveReportFonts } from './report-fonts';
export { createMonthlyReportJob, MONTHLY_REPORT_JOB } from './report-job';
export { encodeFileName, reportRoutes } from './report-routes';
export { createReportService, type ReportRecord, type ReportService } from './report-service';
