/** One day of the official holiday calendar: a holiday (休) or a make-up working day (调休上班). */
export interface CalendarDay {
  day: string;
  isOffDay: boolean;
  name: string;
}

export type CalendarParse =
  | { ok: true; days: CalendarDay[] }
  | { ok: false; errors: { line: number; reason: 'day' | 'kind' | 'name' | 'year' | 'format' }[] };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const OFF = new Set(['true', '1', 'off', 'holiday', '休', '休息', '假', '放假']);
const WORK = new Set(['false', '0', 'work', 'workday', '班', '上班', '调休上班', '补班']);

/** A JSON value or CSV cell as trimmed text (numbers too; objects count as empty). */
function cell(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

function kindOf(value: unknown): boolean | null {
  if (typeof value === 'boolean') {
    return value;
  }
  const v = cell(value).toLowerCase();
  return OFF.has(v) ? true : WORK.has(v) ? false : null;
}

function check(
  rows: { line: number; day: unknown; kind: unknown; name: unknown }[],
  year: number,
): CalendarParse {
  const days: CalendarDay[] = [];
  const errors: { line: number; reason: 'day' | 'kind' | 'name' | 'year' }[] = [];
  for (const row of rows) {
    const day = cell(row.day);
    const isOffDay = kindOf(row.kind);
    const name = cell(row.name);
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      errors.push({ line: row.line, reason: 'day' });
    } else if (!day.startsWith(`${year}-`)) {
      errors.push({ line: row.line, reason: 'year' });
    } else if (isOffDay === null) {
      errors.push({ line: row.line, reason: 'kind' });
    } else if (name === '' || name.length > 40) {
      errors.push({ line: row.line, reason: 'name' });
    } else {
      days.push({ day, isOffDay, name });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, days };
}

/**
 * Reads a holiday calendar file for `year`: JSON (`[{day, isOffDay, name}]` or `{days: […]}`)
 * or CSV with the columns `day,isOffDay,name` (a header line is optional; the kind may also be
 * written 休/班, off/work, true/false). Every bad line is reported with its line number.
 */
export function parseCalendarFile(text: string, year: number): CalendarParse {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { ok: false, errors: [{ line: 1, reason: 'format' }] };
    }
    const list = Array.isArray(json)
      ? json
      : typeof json === 'object' && json !== null && 'days' in json && Array.isArray(json.days)
        ? (json.days as unknown[])
        : null;
    if (list === null) {
      return { ok: false, errors: [{ line: 1, reason: 'format' }] };
    }
    return check(
      list.map((item, i) => {
        const o = (typeof item === 'object' && item !== null ? item : {}) as Record<
          string,
          unknown
        >;
        return { line: i + 1, day: o.day, kind: o.isOffDay, name: o.name };
      }),
      year,
    );
  }
  const lines = trimmed.split(/\r?\n/);
  const rows = lines
    .map((line, i) => ({ line: i + 1, cells: line.split(/[,，\t]/).map((c) => c.trim()) }))
    .filter((r) => r.cells.join('') !== '')
    .filter((r, i) => !(i === 0 && !DAY.test(r.cells[0] ?? '')));
  return check(
    rows.map((r) => ({
      line: r.line,
      day: r.cells[0],
      kind: r.cells[1],
      name: r.cells.slice(2).join(','),
    })),
    year,
  );
}
