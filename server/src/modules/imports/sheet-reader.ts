import fs from 'node:fs';
import { type Readable, Transform } from 'node:stream';

import type ExcelJS from 'exceljs';

import type { RawCell } from './cell-values';
import type { FileKind, TextEncoding } from './file-check';
import { readXlsxRows, XlsxLayoutUnknown } from './xlsx-reader';

/** One spreadsheet row as the user sees it: its row number in Excel and its cells (column A = 0). */
export interface SheetRow {
  rowNo: number;
  cells: RawCell[];
}

/** Streaming options for exceljs: the same for our import and the benchmark's bare read. */
export const XLSX_READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  entries: 'emit',
} as const;

/**
 * Streams the rows of the first worksheet of an XLSX, or of a CSV in the given encoding, without
 * holding the file in memory. exceljs (the fallback), csv-parse and iconv-lite are loaded only
 * when a file needs them: an XLSX import does not carry them (docs/import-export.md, "Memory"). `onBytes` reports how many bytes of the file have been read (the
 * progress bar's numerator).
 */
export async function* readSheetRows(input: {
  file: string;
  kind: FileKind;
  onBytes?: (bytes: number) => void;
}): AsyncGenerator<SheetRow> {
  if (input.kind.format === 'xlsx') {
    let any = false;
    try {
      for await (const row of readXlsxRows(input.file, input.onBytes)) {
        any = true;
        yield row;
      }
      return;
    } catch (error) {
      if (any || !(error instanceof XlsxLayoutUnknown)) {
        throw error;
      }
      // A workbook laid out in a way our reader does not know: exceljs reads it.
    }
  }
  let bytes = 0;
  const source = fs.createReadStream(input.file, { highWaterMark: 256 * 1024 });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      input.onBytes?.(bytes);
      done(null, chunk);
    },
  });
  const counted = source.pipe(counter);
  try {
    if (input.kind.format === 'xlsx') {
      yield* readXlsx(counted);
    } else {
      yield* readCsv(counted, input.kind.encoding ?? 'utf-8', input.kind.delimiter);
    }
  } finally {
    source.destroy();
    counter.destroy();
  }
}

/** exceljs's streaming reader: the fallback for workbooks `readXlsxRows` cannot lay out. */
export async function* readXlsx(stream: Readable): AsyncGenerator<SheetRow> {
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, XLSX_READER_OPTIONS);
  for await (const sheet of reader) {
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: RawCell[] = [];
      for (let i = 1; i < values.length; i++) {
        cells.push(plainValue(values[i]));
      }
      yield { rowNo: row.number, cells };
    }
    return; // the first worksheet only
  }
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) reduced to plain values. */
export function plainValue(v: ExcelJS.CellValue | undefined): RawCell {
  if (v === null || v === undefined) {
    return null;
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    return v;
  }
  if (v instanceof Date) {
    return v;
  }
  if ('richText' in v) {
    return v.richText.map((r) => r.text).join('');
  }
  if ('result' in v) {
    return plainValue(v.result);
  }
  if ('text' in v && typeof v.text === 'string') {
    return v.text;
  }
  return null; // error values (#N/A …)
}

async function* readCsv(
  stream: Readable,
  encoding: TextEncoding,
  delimiter: string,
): AsyncGenerator<SheetRow> {
  const [{ parse }, { default: iconv }] = await Promise.all([
    import('csv-parse'),
    import('iconv-lite'),
  ]);
  const decoded = stream.pipe(
    iconv.decodeStream(encoding === 'gb18030' || encoding === 'utf-16le' ? encoding : 'utf-8'),
  );
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    delimiter,
  });
  decoded.pipe(parser);
  let rowNo = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNo++;
    yield { rowNo, cells: record };
  }
}
