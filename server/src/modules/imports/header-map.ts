import { cellText, keyOf, type RawCell } from './cell-values';
import { type FieldSpec, REASON_HEADER } from './import-fields';
import type { SheetRow } from './sheet-reader';

/** A file column: its index (A = 0), its header as the file writes it, and the field it feeds. */
export interface ColumnMap {
  index: number;
  header: string;
  field: string | null;
}

export interface HeaderResult {
  /** Excel row number of the (last) header row; data rows follow it. */
  headerRowNo: number;
  columns: ColumnMap[];
  missing: FieldSpec[];
}

/** How many leading rows are searched for the header (title rows, notes, blank lines). */
export const HEADER_SEARCH_ROWS = 20;

/**
 * Finds the header among the first rows of a sheet: the row — or pair of rows, for a two-level
 * header whose group cells are merged across columns (反映人 over 姓名 | 电话) or down rows
 * (反映时间 spanning both) — whose cells name the most fields, required ones first. Leading title
 * rows and blank rows are skipped by construction.
 */
export function detectHeader(rows: SheetRow[], fields: FieldSpec[]): HeaderResult | null {
  const lookup = new Map<string, string>();
  for (const f of fields) {
    for (const name of [f.zh, f.en, f.key, ...f.aliases]) {
      if (!lookup.has(keyOf(name))) {
        lookup.set(keyOf(name), f.key);
      }
    }
  }
  const required = new Set(fields.filter((f) => f.required).map((f) => f.key));
  let best: { score: number; result: HeaderResult } | null = null;
  for (let i = 0; i < rows.length; i++) {
    const single = mapColumns(rows[i]!.cells, null, lookup);
    const candidates = [{ columns: single, rowNo: rows[i]!.rowNo }];
    if (i + 1 < rows.length && rows[i + 1]!.rowNo === rows[i]!.rowNo + 1) {
      candidates.push({
        columns: mapColumns(rows[i]!.cells, rows[i + 1]!.cells, lookup),
        rowNo: rows[i + 1]!.rowNo,
      });
    }
    for (const c of candidates) {
      const fieldsFound = new Set(c.columns.map((x) => x.field).filter((x) => x !== null));
      const requiredFound = [...required].filter((k) => fieldsFound.has(k)).length;
      // Required fields weigh most; a second header row must add something to be taken.
      const score = requiredFound * 1000 + fieldsFound.size * 10 - (c.rowNo - rows[i]!.rowNo);
      if (fieldsFound.size > 0 && (!best || score > best.score)) {
        best = {
          score,
          result: {
            headerRowNo: c.rowNo,
            columns: c.columns,
            missing: fields.filter((f) => f.required && !fieldsFound.has(f.key)),
          },
        };
      }
    }
  }
  return best?.result ?? null;
}

function mapColumns(
  top: RawCell[],
  sub: RawCell[] | null,
  lookup: Map<string, string>,
): ColumnMap[] {
  const width = Math.max(top.length, sub?.length ?? 0);
  const used = new Set<string>();
  const columns: ColumnMap[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const own = cellText(top[c]);
    const below = sub ? cellText(sub[c]) : '';
    // A merged group cell keeps its text in the first column only: carry it to the right while
    // the cells above stay empty and the second row names the sub-columns.
    if (own !== '') {
      group = own;
    } else if (below === '') {
      group = '';
    }
    const tries = sub ? [below, `${group}${below}`, own, group] : [own];
    let header = '';
    let field: string | null = null;
    for (const t of tries) {
      if (t === '') {
        continue;
      }
      header ||= t;
      const k = lookup.get(keyOf(t));
      if (k && !used.has(k)) {
        header = t;
        field = k;
        break;
      }
    }
    if (header === REASON_HEADER) {
      field = null;
    }
    if (field) {
      used.add(field);
    }
    columns.push({ index: c, header, field });
  }
  return columns;
}
