import fs from 'node:fs';

import { AppError, badRequest } from '../../shared/errors';
import { readZipDirectory } from './zip-directory';

export type FileFormat = 'xlsx' | 'csv';
/** How a CSV file was decoded; told to the user (ecosystem notes §8). */
export type TextEncoding = 'utf-8-bom' | 'utf-8' | 'gb18030' | 'utf-16le';

export interface FileKind {
  format: FileFormat;
  encoding: TextEncoding | null;
  /** CSV field separator sniffed from the first line. */
  delimiter: string;
}

export interface ImportLimits {
  /** Largest uncompressed size of all XLSX parts together (zip-bomb guard). */
  maxUncompressedBytes: number;
  /** Most zip entries an XLSX may have. */
  maxZipEntries: number;
  /** Most data rows a file may have (checked while streaming). */
  maxRows: number;
}

const ZIP_LOCAL = 0x04034b50;
/** An entry that inflates more than this many times its stored size is refused (XLSX XML ~10–20×). */
const MAX_RATIO = 200;

/**
 * Decides what an uploaded file is by its content, never its name: an XLSX (a zip holding
 * xl/workbook.xml, whose central directory passes the zip-bomb limits) or a CSV (text without
 * NUL bytes). Legacy .xls (OLE2) and anything else are refused with 415.
 */
export async function checkImportFile(file: string, limits: ImportLimits): Promise<FileKind> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) {
      throw badRequest('importEmptyFile');
    }
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
    if (head.length >= 4 && head.readUInt32LE(0) === ZIP_LOCAL) {
      await checkZip(handle, size, limits);
      return { format: 'xlsx', encoding: null, delimiter: ',' };
    }
    if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0) {
      throw badRequest('importLegacyXls');
    }
    if (head[0] === 0xff && head[1] === 0xfe) {
      return { format: 'csv', encoding: 'utf-16le', delimiter: '\t' };
    }
    if (head.includes(0)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: 'XLSX, CSV' });
    }
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
      return { format: 'csv', encoding: 'utf-8-bom', delimiter: sniffDelimiter(head) };
    }
    const encoding = (await detectUtf8(file)) ? 'utf-8' : 'gb18030';
    return { format: 'csv', encoding, delimiter: sniffDelimiter(head) };
  } finally {
    await handle.close();
  }
}

/**
 * The separator that occurs most often outside quotes in the first line: comma, tab or
 * semicolon (ASCII bytes, the same in UTF-8 and GBK, whose trail bytes are ≥ 0x40).
 */
function sniffDelimiter(head: Buffer): string {
  const counts = new Map<number, number>([
    [0x2c, 0],
    [0x09, 0],
    [0x3b, 0],
  ]);
  let quoted = false;
  for (const b of head) {
    if (b === 0x22) {
      quoted = !quoted;
    } else if (!quoted && (b === 0x0a || b === 0x0d)) {
      break;
    } else if (!quoted && counts.has(b)) {
      counts.set(b, counts.get(b)! + 1);
    }
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? String.fromCharCode(best[0]) : ',';
}

/** Strict UTF-8 over the whole file (streamed); otherwise the file is GBK/GB18030. */
async function detectUtf8(file: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

async function checkZip(handle: fs.promises.FileHandle, size: number, limits: ImportLimits) {
  const entries = await readZipDirectory(handle, size, limits.maxZipEntries);
  let total = 0;
  let workbook = false;
  for (const e of entries) {
    if (e.uncompressedSize === 0xffffffff || e.compressedSize === 0xffffffff) {
      throw badRequest('importZipLimits');
    }
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > e.compressedSize * MAX_RATIO) {
      throw badRequest('importZipLimits');
    }
    total += e.uncompressedSize;
    workbook ||= e.name === 'xl/workbook.xml';
  }
  if (total > limits.maxUncompressedBytes) {
    throw badRequest('importZipLimits');
  }
  if (!workbook) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: 'XLSX, CSV' });
  }
}
