import { BUSINESS_OFFSET_MS } from '../../shared/business-time';

/**
 * Turning spreadsheet cells into clean values. Excel and WPS files from Chinese offices carry
 * full-width digits and letters (２０２３年９月１日, １３８…), stray spaces, Excel serial dates and
 * a dozen ways of writing a date. NFKC folds full-width forms; it is applied to keys, numbers,
 * dates, phones and code-like values only — never to free text, where it would turn Chinese
 * punctuation (，：) into ASCII.
 */

/** A cell as a reader yields it: text, a number, a Date (wall-clock in UTC fields), or empty. */
export type RawCell = string | number | boolean | Date | null;

/** Plain text of a cell for storage and for the bad-rows file (original form, trimmed). */
export function cellText(v: RawCell | undefined): string {
  if (v === null || v === undefined) {
    return '';
  }
  if (v instanceof Date) {
    return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'number') {
    return String(v);
  }
  const raw = typeof v === 'string' ? v : String(v);
  const s = (raw.includes('\u00a0') ? raw.replace(/\u00a0/g, ' ') : raw).trim();
  // Our exports guard formulas with a leading apostrophe; a re-uploaded file drops it again.
  return s.charCodeAt(0) === 39 && /^'[=+\-@]/.test(s) ? s.slice(1) : s;
}

/** Whether `cellText(v)` is empty, without building the text (every row is checked). */
export function isBlankCell(v: RawCell | undefined): boolean {
  if (v === null || v === undefined) {
    return true;
  }
  if (typeof v === 'string') {
    return v.trim() === ''; // trim() also drops U+00A0
  }
  return v instanceof Date && Number.isNaN(v.getTime());
}

/**
 * The number of characters (code points) of `s`, as `[...s].length` counts them, without
 * building the array: a surrogate pair counts once.
 */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** NFKC-folded, whitespace-collapsed text for matching and code-like values. */
export function folded(v: string): string {
  return v.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

const keyCache = new Map<string, string>();

/**
 * A header or look-up key: folded, lower-case, without spaces, brackets or separators.
 * Memoised (bounded): the same category and enterprise names repeat on every row.
 */
export function keyOf(v: string): string {
  let k = keyCache.get(v);
  if (k === undefined) {
    k = folded(v)
      .toLowerCase()
      .replace(/[\s_*＊:：()（）[\]【】'"“”‘’\-–—./\\]/g, '');
    if (keyCache.size >= 10_000) {
      keyCache.clear();
    }
    keyCache.set(v, k);
  }
  return k;
}

/** Free text compared for duplicates: whitespace removed, nothing else changed (cheap). */
export function compactText(v: string): string {
  return v.replace(/\s+/g, '');
}

// Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in for dates after 1900-03-01).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/**
 * An instant from a date cell, read as Asia/Shanghai wall-clock time. Accepts Date objects
 * (exceljs turns date-formatted numbers into Dates whose UTC fields are the wall clock), Excel
 * serial numbers (1–2958465), and text: 2023年9月1日, 2023年9月1日 8时30分, 2023/9/1, 2023.09.01,
 * 2023-9-1 8:30, 2023-09-01T08:30:00, 20230901, 2023-09-01 08:30:15, with full-width digits.
 * Returns null when the value is not a real date.
 */
export function parseDateCell(v: RawCell): number | null {
  if (v === null || v === undefined || v === '') {
    return null;
  }
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? null : t - BUSINESS_OFFSET_MS;
  }
  if (typeof v === 'number') {
    return fromSerial(v);
  }
  if (typeof v === 'boolean') {
    return null;
  }
  const s = folded(v);
  if (/^\d+(\.\d+)?$/.test(s) && s.length !== 8) {
    return fromSerial(Number(s));
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (compact) {
    return wallClock(+compact[1]!, +compact[2]!, +compact[3]!, 0, 0, 0);
  }
  const m =
    /^(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*(?:日|号)?(?:\s*(?:T|\s)?\s*(?:(上午|下午|晚上)\s*)?(\d{1,2})\s*(?:[:：]|时|点)\s*(\d{1,2})?\s*(?:分)?(?:\s*[:：]?\s*(\d{1,2})\s*秒?)?(?:\.\d+)?)?\s*(?:Z|[+-]08:?00)?$/.exec(
      s,
    );
  if (!m) {
    return null;
  }
  let hour = m[5] ? +m[5] : 0;
  if ((m[4] === '下午' || m[4] === '晚上') && hour < 12) {
    hour += 12;
  }
  return wallClock(+m[1]!, +m[2]!, +m[3]!, hour, m[6] ? +m[6] : 0, m[7] ? +m[7] : 0);
}

function fromSerial(n: number): number | null {
  if (!Number.isFinite(n) || n < 1 || n > 2_958_465) {
    return null;
  }
  return EXCEL_EPOCH_MS + Math.round(n * DAY) - BUSINESS_OFFSET_MS;
}

function wallClock(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return null; // 2023-02-30 and the like
  }
  return t - BUSINESS_OFFSET_MS;
}

/** The local day (YYYY-MM-DD) of a date cell, or null. */
export function parseDayCell(v: RawCell): string | null {
  const t = parseDateCell(v);
  return t === null ? null : new Date(t + BUSINESS_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * A mainland phone number in canonical form: mobile 1xxxxxxxxxx (a +86/86 prefix and spaces or
 * dashes dropped) or landline 0xxx-xxxxxxx. Null when it is not one.
 */
export function parsePhone(v: RawCell): string | null {
  const s = folded(cellText(v)).replace(/[\s()（）]/g, '');
  const mobile = /^(?:\+?86-?)?(1[3-9]\d)-?(\d{4})-?(\d{4})$/.exec(s);
  if (mobile) {
    return `${mobile[1]}${mobile[2]}${mobile[3]}`;
  }
  const landline = /^(0\d{2,3})-?(\d{7,8})$/.exec(s);
  return landline ? `${landline[1]}-${landline[2]}` : null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-digit resident identity number (GB 11643) with a valid birth date and check digit. */
export function parseIdNumber(v: RawCell): string | null {
  const s = folded(cellText(v)).toUpperCase().replace(/\s/g, '');
  if (!/^\d{17}[\dX]$/.test(s)) {
    return null;
  }
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  if (ID_CHECK[sum % 11] !== s[17]) {
    return null;
  }
  const birth = wallClock(+s.slice(6, 10), +s.slice(10, 12), +s.slice(12, 14), 0, 0, 0);
  return birth === null ? null : s;
}

/** A whole number from a cell (full-width digits and thousands separators allowed). */
export function parseInteger(v: RawCell): number | null {
  if (typeof v === 'number') {
    return Number.isInteger(v) ? v : null;
  }
  const s = folded(cellText(v))
    .replace(/[,，\s]/g, '')
    .replace(/人$/, '');
  return /^-?\d{1,9}$/.test(s) ? Number(s) : null;
}
