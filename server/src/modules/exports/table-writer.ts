import { once } from 'node:events';
import type { Writable } from 'node:stream';

import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

export type TableFormat = 'xlsx' | 'csv';
export type TableCell = string | number | null;

/** Streams rows into an XLSX (exceljs streaming writer) or a CSV (UTF-8 with BOM) — never the whole table in memory. */
export interface TableSink {
  addRow(cells: TableCell[]): Promise<void>;
  end(): Promise<void>;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formula-injection guard (OWASP CSV injection): a text cell starting with = + - @ tab or CR is
 * prefixed with an apostrophe so that Excel/WPS shows it as text instead of evaluating it.
 * Numbers stay numbers (a negative number is not a formula).
 */
export function guardCell(v: TableCell): TableCell {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

export function createTableSink(
  format: TableFormat,
  out: Writable,
  o: { sheetName: string; headers: string[]; widths?: number[] },
): TableSink {
  if (format === 'csv') {
    const csv = stringify();
    csv.pipe(out);
    out.write('\uFEFF'); // Excel on Chinese Windows reads UTF-8 only with a BOM
    const write = async (cells: TableCell[]) => {
      if (!csv.write(cells.map((c) => (c === null ? '' : guardCell(c))))) {
        await once(csv, 'drain');
      }
    };
    let started = false;
    return {
      async addRow(cells) {
        if (!started) {
          started = true;
          await write(o.headers);
        }
        await write(cells);
      },
      async end() {
        if (!started) {
          await write(o.headers);
        }
        csv.end();
        await once(out, 'finish');
      },
    };
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = wb.addWorksheet(o.sheetName.slice(0, 31));
  sheet.columns = o.headers.map((h, i) => ({
    header: h,
    width: o.widths?.[i] ?? Math.min(40, Math.max(10, [...h].length * 2 + 2)),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    addRow(cells) {
      sheet.addRow(cells.map(guardCell)).commit();
      return Promise.resolve();
    },
    async end() {
      sheet.commit();
      await wb.commit();
    },
  };
}

/**
 * `attachment` with an ASCII fallback name and the real (Chinese) name as RFC 5987/6266
 * `filename*=UTF-8''…`, so that no quote, CR/LF or non-ASCII byte reaches the header.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const CONTENT_TYPES: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
