import fs from 'node:fs';

import type { RawCell } from './cell-values';
import type { SheetRow } from './sheet-reader';
import { readZipDirectory, type ZipEntry, zipEntryText } from './zip-directory';

/**
 * A streaming reader of the first worksheet of an XLSX that yields the cell values an import
 * needs — text, numbers, booleans and dates — and nothing else (no styles, fonts, merges or
 * cell objects). It exists because exceljs's streaming reader, which builds a Row and Cell
 * object per cell through a general SAX parser, cost more CPU than validating and storing the
 * rows (docs/import-export.md, benchmark).
 *
 * It reads the zip's central directory and inflates, in this order, the workbook (first sheet,
 * 1904 date system), its relationships, the styles (which cell formats are dates), the shared
 * strings (kept in memory, as exceljs does with `sharedStrings: 'cache'`) and then the sheet,
 * chunk by chunk: the sheet is never held in memory. Values follow exceljs's rules (shared,
 * inline and formula strings; date-formatted numbers become Dates whose UTC fields are the wall
 * clock; error cells are empty), so both readers give the import the same rows.
 *
 * A workbook whose parts it cannot find throws `XlsxLayoutUnknown` before the first row; the
 * caller then falls back to exceljs.
 */
export class XlsxLayoutUnknown extends Error {}

interface Tag {
  /** Local name (a namespace prefix such as `x:` dropped). */
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** The raw text of the tag, for attribute look-ups. */
  raw: string;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g;

function decodeEntities(s: string): string {
  if (!s.includes('&')) {
    return s;
  }
  return s.replace(ENTITY, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
    }
  });
}

/** The value of attribute `name` in a raw tag, entity-decoded, or undefined. */
function attribute(raw: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = raw.indexOf(name, from);
    if (at < 0) {
      return undefined;
    }
    from = at + name.length;
    const before = raw.charCodeAt(at - 1);
    // A whole attribute name: preceded by whitespace (or a prefix colon), followed by `=`.
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13 && before !== 58) {
      continue;
    }
    let p = from;
    while (raw.charCodeAt(p) === 32) {
      p++;
    }
    if (raw[p] !== '=') {
      continue;
    }
    p++;
    while (raw.charCodeAt(p) === 32) {
      p++;
    }
    const quote = raw[p];
    if (quote !== '"' && quote !== "'") {
      continue;
    }
    const end = raw.indexOf(quote, p + 1);
    return end < 0 ? undefined : decodeEntities(raw.slice(p + 1, end));
  }
}

/**
 * A minimal XML tokenizer over a stream of text chunks: calls `onTag` for each element tag and
 * `onText` for character data (entity-decoded; CDATA as is). Comments, processing instructions
 * and doctypes are skipped. Tags split across chunks are completed with the next chunk.
 */
class XmlScanner {
  private rest = '';

  constructor(
    private readonly onTag: (tag: Tag) => void,
    private readonly onText: (text: string) => void,
  ) {}

  write(chunk: string): void {
    const s = this.rest.length > 0 ? this.rest + chunk : chunk;
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        this.onText(decodeEntities(s.slice(i)));
        i = n;
        break;
      }
      if (lt > i) {
        this.onText(decodeEntities(s.slice(i, lt)));
      }
      const next = s.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) {
            i = lt;
            break;
          }
          this.onText(s.slice(lt + 9, end));
          i = end + 3;
          continue;
        }
        const closer = s.startsWith('<!--', lt) ? '-->' : '>';
        const end = s.indexOf(closer, lt + 2);
        if (end < 0) {
          i = lt;
          break;
        }
        i = end + closer.length;
        continue;
      }
      if (next === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) {
          i = lt;
          break;
        }
        i = end + 2;
        continue;
      }
      // The tag ends at the first `>` outside a quoted attribute value.
      let gt = s.indexOf('>', lt + 1);
      while (gt >= 0 && quotesOpen(s, lt, gt)) {
        gt = s.indexOf('>', gt + 1);
      }
      if (gt < 0) {
        i = lt;
        break;
      }
      const closing = next === 47; /* / */
      let p = closing ? lt + 2 : lt + 1;
      const nameStart = p;
      let colon = -1;
      for (; p < gt; p++) {
        const c = s.charCodeAt(p);
        if (c === 32 || c === 47 || c === 9 || c === 10 || c === 13) {
          break;
        }
        if (c === 58) {
          colon = p;
        }
      }
      this.onTag({
        name: s.slice(colon >= 0 ? colon + 1 : nameStart, p),
        closing,
        selfClosing: !closing && s.charCodeAt(gt - 1) === 47,
        raw: s.slice(lt, gt + 1),
      });
      i = gt + 1;
    }
    this.rest = i < n ? s.slice(i) : '';
  }
}

function quotesOpen(s: string, from: number, to: number): boolean {
  let open = 0; // 0, or the char code of the open quote
  for (let p = from; p < to; p++) {
    const c = s.charCodeAt(p);
    if (open === 0 && (c === 34 || c === 39)) {
      open = c;
    } else if (c === open) {
      open = 0;
    }
  }
  return open !== 0;
}

async function scan(
  file: string,
  handle: fs.promises.FileHandle,
  entry: ZipEntry,
  onTag: (tag: Tag) => void,
  onText: (text: string) => void = () => undefined,
): Promise<void> {
  const scanner = new XmlScanner(onTag, onText);
  for await (const chunk of zipEntryText(file, handle, entry)) {
    scanner.write(chunk);
  }
}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30 and the zh-CN ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** exceljs's test for a date format: y, m, d, h, s or b outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) {
    return target.slice(1);
  }
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') {
      parts.pop();
    } else if (seg !== '.' && seg !== '') {
      parts.push(seg);
    }
  }
  return parts.join('/');
}

/** Column index (A = 0) of a cell reference such as `AB12`, or -1. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      col = col * 26 + (c - 64);
    } else if (c >= 97 && c <= 122) {
      col = col * 26 + (c - 96);
    } else {
      break;
    }
  }
  return i === 0 ? -1 : col - 1;
}

/**
 * The rows of the first worksheet, in file order. `onBytes` reports the compressed bytes read
 * so far (the progress bar's numerator).
 */
export async function* readXlsxRows(
  file: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<SheetRow> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const entries = new Map(
      (await readZipDirectory(handle, size, 100_000)).map((e) => [e.name, e] as const),
    );
    const part = (name: string) => entries.get(name);

    // Workbook: the first sheet's relationship id and the date system.
    const workbookEntry = part('xl/workbook.xml');
    if (!workbookEntry) {
      throw new XlsxLayoutUnknown('no xl/workbook.xml');
    }
    let sheetRel: string | undefined;
    let date1904 = false;
    await scan(file, handle, workbookEntry, (t) => {
      if (t.closing) {
        return;
      }
      if (t.name === 'sheet' && sheetRel === undefined) {
        sheetRel = attribute(t.raw, 'r:id') ?? attribute(t.raw, 'id');
      } else if (t.name === 'workbookPr') {
        const v = attribute(t.raw, 'date1904');
        date1904 = v === '1' || v === 'true';
      }
    });
    const relsEntry = part('xl/_rels/workbook.xml.rels');
    if (!sheetRel || !relsEntry) {
      throw new XlsxLayoutUnknown('no first sheet');
    }
    let sheetPath: string | undefined;
    let stylesPath: string | undefined;
    let stringsPath: string | undefined;
    await scan(file, handle, relsEntry, (t) => {
      if (t.closing || t.name !== 'Relationship') {
        return;
      }
      const target = attribute(t.raw, 'Target');
      const type = attribute(t.raw, 'Type') ?? '';
      if (!target) {
        return;
      }
      if (attribute(t.raw, 'Id') === sheetRel) {
        sheetPath = resolvePart('xl/workbook.xml', target);
      } else if (type.endsWith('/styles')) {
        stylesPath = resolvePart('xl/workbook.xml', target);
      } else if (type.endsWith('/sharedStrings')) {
        stringsPath = resolvePart('xl/workbook.xml', target);
      }
    });
    const sheetEntry = sheetPath ? part(sheetPath) : undefined;
    if (!sheetEntry) {
      throw new XlsxLayoutUnknown('first sheet part missing');
    }

    // Styles: which cell formats (cellXfs index) display a date.
    const dateStyles = new Set<number>();
    const stylesEntry = stylesPath ? part(stylesPath) : undefined;
    if (stylesEntry) {
      const custom = new Map<number, string>();
      const xfFormats: number[] = [];
      let inCellXfs = false;
      await scan(file, handle, stylesEntry, (t) => {
        if (t.name === 'cellXfs') {
          inCellXfs = !t.closing && !t.selfClosing;
        } else if (!t.closing && t.name === 'numFmt') {
          custom.set(Number(attribute(t.raw, 'numFmtId')), attribute(t.raw, 'formatCode') ?? '');
        } else if (!t.closing && inCellXfs && t.name === 'xf') {
          xfFormats.push(Number(attribute(t.raw, 'numFmtId') ?? 0));
        }
      });
      xfFormats.forEach((id, index) => {
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) {
          dateStyles.add(index);
        }
      });
    }

    // Shared strings: the text of each <si>, rich-text runs joined, phonetic runs left out.
    const strings: string[] = [];
    const stringsEntry = stringsPath ? part(stringsPath) : undefined;
    let readBefore = 0;
    if (stringsEntry) {
      let current = '';
      let inT = false;
      let inPhonetic = false;
      await scan(
        file,
        handle,
        stringsEntry,
        (t) => {
          switch (t.name) {
            case 'si':
              if (t.closing || t.selfClosing) {
                strings.push(t.selfClosing ? '' : current);
              }
              current = '';
              break;
            case 't':
              inT = !t.closing && !t.selfClosing && !inPhonetic;
              break;
            case 'rPh':
              inPhonetic = !t.closing && !t.selfClosing;
              break;
          }
        },
        (text) => {
          if (inT) {
            current += text;
          }
        },
      );
      readBefore = stringsEntry.compressedSize;
      onBytes?.(readBefore);
    }

    // The sheet, streamed: one SheetRow per <row>.
    const ready: SheetRow[] = [];
    let rowNo = 0;
    let cells: RawCell[] = [];
    let col = -1;
    let type: string | undefined;
    let style = 0;
    let text = '';
    let capture = false;
    let hasValue = false;
    let inInline = false;
    let inPhonetic = false;
    let inRow = false;
    const finishRow = () => {
      for (let k = 0; k < cells.length; k++) {
        if (cells[k] === undefined) {
          cells[k] = null;
        }
      }
      ready.push({ rowNo, cells });
      inRow = false;
    };
    const value = (): RawCell => {
      if (!hasValue) {
        return null;
      }
      switch (type ?? 'n') {
        case 's':
          return strings[parseInt(text, 10)] || null;
        case 'str':
        case 'inlineStr':
          return text || null;
        case 'b':
          return parseInt(text, 10) !== 0;
        case 'e':
          return null;
        case 'd': {
          const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
          return Number.isNaN(t) ? text : new Date(t);
        }
        default: {
          if (text.trim() === '') {
            return null;
          }
          const n = Number(text);
          if (Number.isNaN(n)) {
            return text;
          }
          return style > 0 && dateStyles.has(style)
            ? new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 86_400_000))
            : n;
        }
      }
    };
    const scanner = new XmlScanner(
      (t) => {
        switch (t.name) {
          case 'row':
            if (t.closing) {
              if (inRow) {
                finishRow();
              }
            } else {
              const r = attribute(t.raw, 'r');
              rowNo = r ? parseInt(r, 10) : rowNo + 1;
              cells = [];
              col = -1;
              inRow = true;
              if (t.selfClosing) {
                finishRow();
              }
            }
            break;
          case 'c':
            if (t.closing) {
              if (col >= 0) {
                cells[col] = value();
              }
            } else {
              const ref = attribute(t.raw, 'r');
              const at = ref ? columnOf(ref) : -1;
              col = at >= 0 ? at : col + 1;
              type = attribute(t.raw, 't');
              const s = attribute(t.raw, 's');
              style = s ? parseInt(s, 10) : 0;
              text = '';
              hasValue = false;
              inInline = false;
              if (t.selfClosing) {
                cells[col] = null;
              }
            }
            break;
          case 'v':
            if (!inInline) {
              capture = !t.closing && !t.selfClosing;
              if (!t.closing) {
                text = '';
                hasValue = true;
              }
            }
            break;
          case 'is':
            inInline = !t.closing && !t.selfClosing;
            if (!t.closing) {
              text = '';
              hasValue = true;
            }
            break;
          case 'rPh':
            inPhonetic = !t.closing && !t.selfClosing;
            break;
          case 't':
            if (inInline) {
              capture = !t.closing && !t.selfClosing && !inPhonetic;
            }
            break;
        }
      },
      (chars) => {
        if (capture) {
          text += chars;
        }
      },
    );
    for await (const chunk of zipEntryText(file, handle, sheetEntry, (b) =>
      onBytes?.(readBefore + b),
    )) {
      scanner.write(chunk);
      if (ready.length > 0) {
        const batch = ready.splice(0);
        for (const row of batch) {
          yield row;
        }
      }
    }
    onBytes?.(size);
  } finally {
    await handle.close();
  }
}
