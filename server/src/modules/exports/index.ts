export { exportRoutes } from './export-routes';
export { createExportService, type ExportService, maskIdNumber } from './export-service';
export {
  CONTENT_TYPES,
  contentDisposition,
  createTableSink,
  guardCell,
  type TableCell,
  type TableFormat,
  type TableSink,
} from './table-writer';
