export {
  CONTENT_TYPES,
  contentDisposition,
  createTableSink,
  guardCell,
  type TableCell,
  type TableFormat,
  type TableSink,
} from './table-writer';
