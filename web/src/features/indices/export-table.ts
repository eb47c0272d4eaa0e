/**
 * The data behind a dashboard card, as a plain table that the CSV and XLSX exports share
 * (STYLE §7.12: exports reuse the data the chart shows). Pure helpers only.
 */

export type Cell = string | number | null;

export interface ExportTable {
  /** Sheet name and the first part of the file name (e.g. "烦恼指数排行榜"). */
  title: string;
  headers: string[];
  rows: Cell[][];
}

const UTF8_BOM = '\uFEFF';
/** Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` to text that a spreadsheet would read as a formula. Numbers stay numbers. */
export function neutraliseCell(cell: Cell): string {
  if (cell === null) {
    return '';
  }
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? String(cell) : '';
  }
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 BOM (so Excel opens Chinese text correctly) and CRLF lines. */
export function buildCsv(table: Pick<ExportTable, 'headers' | 'rows'>): string {
  const lines = [table.headers, ...table.rows].map((row) =>
    row.map((cell) => quoteCsv(neutraliseCell(cell))).join(','),
  );
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** A file name from parts, without characters that file systems refuse. */
export function exportFileName(parts: string[], extension: string): string {
  const base = parts
    .map((part) => part.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, ''))
    .filter((part) => part !== '')
    .join('_');
  return `${base || 'export'}.${extension}`;
}

/** An Excel sheet name: at most 31 characters, none of []:*?/\ . */
export function sheetName(title: string): string {
  const cleaned = title.replace(/[[\]:*?/\\]/g, ' ').trim();
  return (cleaned || 'Sheet1').slice(0, 31);
}

/** A table with headers only (exports before the data has arrived). */
export function emptyTable(title: string, headers: string[] = []): ExportTable {
  return { title, headers, rows: [] };
}
