import fs from 'node:fs';

import { SaxesParser, type SaxesTagPlain } from 'saxes';

import { AppError } from '../../shared/errors';
import type { RawCell } from './cell-values';
import type { SheetRow } from './sheet-reader';
import { readZipDirectory, type ZipEntry, zipEntryText } from './zip-directory';

/**
 * A streaming reader of the first worksheet of an XLSX that yields the cell values an import
 * needs — text, numbers, booleans and dates — and nothing else (no styles, fonts, merges or
 * cell objects): exceljs's streaming reader builds a Row and Cell object per cell, which cost
 * more CPU than validating and storing the rows (docs/import-export.md, benchmark).
 *
 * The XML is parsed by `saxes` (the streaming parser exceljs itself uses); this file only knows
 * which parts and elements of a workbook carry the values. It reads the zip's central directory
 * and inflates, in this order, the workbook (first sheet, 1904 date system), its relationships,
 * the styles (which cell formats are dates), the shared strings (kept in memory, as exceljs does
 * with `sharedStrings: 'cache'`) and then the sheet, chunk by chunk: the sheet is never held in
 * memory. Values follow exceljs's rules (shared, inline and formula strings; date-formatted
 * numbers become Dates whose UTC fields are the wall clock; error cells are empty), so both
 * readers give the import the same rows.
 *
 * A workbook whose parts it cannot find throws `XlsxLayoutUnknown` before the first row; the
 * caller then falls back to exceljs. XML that is not well-formed is refused like a corrupt zip.
 */
export class XlsxLayoutUnknown extends Error {}

type Tag = SaxesTagPlain;
type Parser = SaxesParser<{ xmlns: false; position: false }>;

/** The local name of an element or attribute (`x:row` → `row`). */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Attribute `name` of a tag, or the first attribute whose local name is `name` (`r:id`). */
function attr(tag: Tag, name: string): string | undefined {
  const exact = tag.attributes[name];
  if (exact !== undefined) {
    return exact;
  }
  for (const key in tag.attributes) {
    if (key.endsWith(`:${name}`)) {
      return tag.attributes[key];
    }
  }
  return undefined;
}

const corrupt = () => new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: 'XLSX, CSV' });

interface XmlHandlers {
  open?: (name: string, tag: Tag) => void;
  close?: (name: string) => void;
  /** Character data, entity-decoded (CDATA sections as they are). */
  text?: (text: string) => void;
}

/** A saxes parser (no namespace or position tracking) calling `h` with local names. */
function xmlParser(h: XmlHandlers): Parser {
  const parser: Parser = new SaxesParser({ xmlns: false, position: false });
  const { open, close, text } = h;
  if (open) {
    parser.on('opentag', (tag) => open(local(tag.name), tag));
  }
  if (close) {
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  return parser;
}

/** Writes one chunk; a well-formedness error becomes the corrupt-file error. */
function feed(parser: Parser, chunk: string | null): void {
  try {
    if (chunk === null) {
      parser.close();
    } else {
      parser.write(chunk);
    }
  } catch (error) {
    if (error instanceof AppError) {
      throw error;
    }
    throw corrupt();
  }
}

/** Parses one (small) part: workbook, relationships, styles or shared strings. */
async function parsePart(
  file: string,
  handle: fs.promises.FileHandle,
  entry: ZipEntry,
  h: XmlHandlers,
): Promise<void> {
  const parser = xmlParser(h);
  for await (const chunk of zipEntryText(file, handle, entry)) {
    feed(parser, chunk);
  }
  feed(parser, null);
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
    await parsePart(file, handle, workbookEntry, {
      open: (name, t) => {
        if (name === 'sheet' && sheetRel === undefined) {
          sheetRel = attr(t, 'id');
        } else if (name === 'workbookPr') {
          const v = attr(t, 'date1904');
          date1904 = v === '1' || v === 'true';
        }
      },
    });
    const relsEntry = part('xl/_rels/workbook.xml.rels');
    if (!sheetRel || !relsEntry) {
      throw new XlsxLayoutUnknown('no first sheet');
    }
    let sheetPath: string | undefined;
    let stylesPath: string | undefined;
    let stringsPath: string | undefined;
    await parsePart(file, handle, relsEntry, {
      open: (name, t) => {
        const target = name === 'Relationship' ? attr(t, 'Target') : undefined;
        if (!target) {
          return;
        }
        const type = attr(t, 'Type') ?? '';
        if (attr(t, 'Id') === sheetRel) {
          sheetPath = resolvePart('xl/workbook.xml', target);
        } else if (type.endsWith('/styles')) {
          stylesPath = resolvePart('xl/workbook.xml', target);
        } else if (type.endsWith('/sharedStrings')) {
          stringsPath = resolvePart('xl/workbook.xml', target);
        }
      },
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
      await parsePart(file, handle, stylesEntry, {
        open: (name, t) => {
          if (name === 'cellXfs') {
            inCellXfs = true;
          } else if (name === 'numFmt') {
            custom.set(Number(attr(t, 'numFmtId')), attr(t, 'formatCode') ?? '');
          } else if (inCellXfs && name === 'xf') {
            xfFormats.push(Number(attr(t, 'numFmtId') ?? 0));
          }
        },
        close: (name) => {
          if (name === 'cellXfs') {
            inCellXfs = false;
          }
        },
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
      await parsePart(file, handle, stringsEntry, {
        open: (name) => {
          if (name === 'si') {
            current = '';
          } else if (name === 't') {
            inT = !inPhonetic;
          } else if (name === 'rPh') {
            inPhonetic = true;
          }
        },
        close: (name) => {
          if (name === 'si') {
            strings.push(current);
          } else if (name === 't') {
            inT = false;
          } else if (name === 'rPh') {
            inPhonetic = false;
          }
        },
        text: (text) => {
          if (inT) {
            current += text;
          }
        },
      });
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
    const parser = xmlParser({
      open: (name, t) => {
        switch (name) {
          case 'row': {
            const r = t.attributes.r;
            rowNo = r ? parseInt(r, 10) : rowNo + 1;
            cells = [];
            col = -1;
            break;
          }
          case 'c': {
            const ref = t.attributes.r;
            const at = ref ? columnOf(ref) : -1;
            col = at >= 0 ? at : col + 1;
            type = t.attributes.t;
            const s = t.attributes.s;
            style = s ? parseInt(s, 10) : 0;
            text = '';
            hasValue = false;
            inInline = false;
            break;
          }
          case 'v':
            if (!inInline) {
              capture = true;
              text = '';
              hasValue = true;
            }
            break;
          case 'is':
            inInline = true;
            text = '';
            hasValue = true;
            break;
          case 'rPh':
            inPhonetic = true;
            break;
          case 't':
            if (inInline) {
              capture = !inPhonetic;
            }
            break;
        }
      },
      close: (name) => {
        switch (name) {
          case 'row':
            for (let k = 0; k < cells.length; k++) {
              if (cells[k] === undefined) {
                cells[k] = null;
              }
            }
            ready.push({ rowNo, cells });
            break;
          case 'c':
            if (col >= 0) {
              cells[col] = value();
            }
            break;
          case 'v':
          case 't':
            capture = false;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            inPhonetic = false;
            break;
        }
      },
      text: (chars) => {
        if (capture) {
          text += chars;
        }
      },
    });
    for await (const chunk of zipEntryText(file, handle, sheetEntry, (b) =>
      onBytes?.(readBefore + b),
    )) {
      feed(parser, chunk);
      if (ready.length > 0) {
        const batch = ready.splice(0);
        for (const row of batch) {
          yield row;
        }
      }
    }
    feed(parser, null);
    yield* ready.splice(0);
    onBytes?.(size);
  } finally {
    await handle.close();
  }
}
