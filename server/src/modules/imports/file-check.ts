import fs from 'node:fs';

import { AppError, badRequest } from '../../shared/errors';

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
const ZIP_EOCD = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;
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
  const tailLength = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === ZIP_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: 'XLSX, CSV' });
  }
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff || entries > limits.maxZipEntries) {
    throw badRequest('importZipLimits');
  }
  if (cdOffset + cdSize > size) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: 'XLSX, CSV' });
  }
  const cd = Buffer.alloc(cdSize);
  await handle.read(cd, 0, cdSize, cdOffset);
  let total = 0;
  let workbook = false;
  for (let p = 0, n = 0; n < entries; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== ZIP_CENTRAL) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: 'XLSX, CSV' });
    }
    const compressed = cd.readUInt32LE(p + 20);
    const uncompressed = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    if (uncompressed === 0xffffffff || compressed === 0xffffffff) {
      throw badRequest('importZipLimits');
    }
    if (uncompressed > 1024 * 1024 && uncompressed > compressed * MAX_RATIO) {
      throw badRequest('importZipLimits');
    }
    total += uncompressed;
    workbook ||= name === 'xl/workbook.xml';
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  if (total > limits.maxUncompressedBytes) {
    throw badRequest('importZipLimits');
  }
  if (!workbook) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: 'XLSX, CSV' });
  }
}
