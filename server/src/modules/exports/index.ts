export { exportRoutes } from './export-routes';
export {
  createExportService,
  type ExportService,
  maskIdNumber,
  type TablePlan,
} from './export-service';
export { sendTable } from './send-table';
export {
  CONTENT_TYPES,
  contentDisposition,
  createTableSink,
  guardCell,
  type TableCell,
  type TableFormat,
  type TableSink,
} from './table-writer';
