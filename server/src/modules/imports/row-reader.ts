import {
  cellText,
  codePointLength,
  folded,
  keyOf,
  parseDateCell,
  parseDayCell,
  parseIdNumber,
  parseInteger,
  parsePhone,
  type RawCell,
} from './cell-values';
import type { RowError } from './row-errors';

/** Earliest date an import accepts (historic ledgers), and how far ahead of now (clock skew). */
const MIN_DATE = Date.UTC(2000, 0, 1) - 8 * 3_600_000;
const FUTURE_SLACK_MS = 24 * 3_600_000;

/**
 * Reads the fields of one data row and collects every reason it is bad, so that the user sees
 * all of a row's problems at once. Each method returns the clean value or null.
 */
export class RowReader {
  readonly errors: RowError[] = [];

  constructor(
    private readonly cells: Map<string, RawCell>,
    private readonly headers: Map<string, string>,
    private readonly now: number,
  ) {}

  private fail(field: string, code: RowError['code'], params?: RowError['params']): null {
    this.errors.push({ field, column: this.headers.get(field) ?? field, code, params });
    return null;
  }

  raw(field: string): RawCell {
    return this.cells.get(field) ?? null;
  }

  /** Trimmed text as written (no NFKC: free text keeps its Chinese punctuation). */
  text(field: string, o: { max: number; min?: number; required?: boolean }): string | null {
    const v = cellText(this.raw(field));
    if (v === '') {
      return o.required ? this.fail(field, 'required') : null;
    }
    const length = codePointLength(v);
    if (length > o.max) {
      return this.fail(field, 'too_long', { max: o.max });
    }
    if (o.min !== undefined && length < o.min) {
      return this.fail(field, 'too_short', { min: o.min });
    }
    return v;
  }

  /** A name or code-like value: NFKC-folded (full-width letters and digits become ASCII). */
  name(field: string, o: { max: number; required?: boolean }): string | null {
    const v = this.text(field, o);
    return v === null ? null : folded(v);
  }

  instant(field: string, o: { required?: boolean }): number | null {
    const raw = this.raw(field);
    if (cellText(raw) === '') {
      return o.required ? this.fail(field, 'required') : null;
    }
    const t = parseDateCell(raw);
    if (t === null) {
      return this.fail(field, 'bad_date', { value: clip(cellText(raw)) });
    }
    if (t < MIN_DATE || t > this.now + FUTURE_SLACK_MS) {
      return this.fail(field, 'date_out_of_range', { value: clip(cellText(raw)) });
    }
    return t;
  }

  day(field: string): string | null {
    const raw = this.raw(field);
    if (cellText(raw) === '') {
      return null;
    }
    return parseDayCell(raw) ?? this.fail(field, 'bad_date', { value: clip(cellText(raw)) });
  }

  integer(field: string, o: { min: number; max: number }): number | null {
    const raw = this.raw(field);
    if (cellText(raw) === '') {
      return null;
    }
    const n = parseInteger(raw);
    if (n === null || n < o.min || n > o.max) {
      return this.fail(field, 'bad_number', { value: clip(cellText(raw)) });
    }
    return n;
  }

  phone(field: string): string | null {
    const raw = this.raw(field);
    if (cellText(raw) === '') {
      return null;
    }
    return parsePhone(raw) ?? this.fail(field, 'bad_phone', { value: clip(cellText(raw)) });
  }

  idNumber(field: string): string | null {
    const raw = this.raw(field);
    if (cellText(raw) === '') {
      return null;
    }
    return parseIdNumber(raw) ?? this.fail(field, 'bad_id_number');
  }

  /** One of a closed set, written in Chinese or English (keys are folded: 重 / major / MAJOR). */
  choice<T extends string>(field: string, words: Record<string, T>): T | null {
    const raw = cellText(this.raw(field));
    if (raw === '') {
      return null;
    }
    const hit = words[keyOf(raw)];
    if (hit === undefined) {
      return this.fail(field, 'bad_value', {
        value: clip(raw),
        allowed: Object.keys(words).slice(0, 12).join('、'),
      });
    }
    return hit;
  }

  /** A reference by name (enterprise, category) resolved in a prepared map. */
  ref(
    field: string,
    map: Map<string, string>,
    code: 'unknown_category' | 'unknown_enterprise',
  ): string | null {
    const raw = cellText(this.raw(field));
    if (raw === '') {
      return null;
    }
    return map.get(keyOf(raw)) ?? this.fail(field, code, { value: clip(raw) });
  }
}

function clip(v: string): string {
  const chars = [...v];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : v;
}
