import type { Writable } from 'node:stream';

import type { Locale } from '../../shared/messages';
import { createTableSink, type TableFormat } from '../exports';
import { REASON_HEADER } from './import-fields';
import type { ImportService } from './import-service';
import { rowErrorText } from './row-errors';

/**
 * The bad rows of an import as XLSX (or CSV): the file's own header and cells, plus 错误原因 — fix the
 * cells, upload the file again (the reason column is ignored on upload).
 */
export async function writeErrorsFile(
  bad: Awaited<ReturnType<ImportService['badRows']>>,
  out: Writable,
  locale: Locale,
  format: TableFormat = 'xlsx',
): Promise<void> {
  const sink = createTableSink(format, out, {
    sheetName: '错误行',
    headers: [...bad.headers, REASON_HEADER],
  });
  for await (const row of bad.rows()) {
    const cells = bad.headers.map((_, i) => row.cells[i] ?? '');
    const reasons = row.errors.map((e) => rowErrorText(e, locale)).join('；');
    const where = locale === 'en' ? `Row ${row.rowNo}: ` : `第 ${row.rowNo} 行：`;
    await sink.addRow([...cells, `${where}${reasons}`]);
  }
  await sink.end();
}
