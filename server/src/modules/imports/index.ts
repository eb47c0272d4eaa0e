export { checkImportFile, type FileKind } from './file-check';
export { progressBar, runImportCommand } from './import-cli';
export { IMPORT_KINDS, KIND_SPECS } from './import-fields';
export { importRoutes } from './import-routes';
export { createImportService, type ImportJobView, type ImportService } from './import-service';
export { readSheetRows, XLSX_READER_OPTIONS } from './sheet-reader';
