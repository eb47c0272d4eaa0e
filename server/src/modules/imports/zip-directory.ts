import fs from 'node:fs';
import { type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';

import { AppError, badRequest } from '../../shared/errors';

const ZIP_LOCAL = 0x04034b50;
const ZIP_EOCD = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;

/** One member of a zip file, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const notZip = () => new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: 'XLSX, CSV' });

/**
 * Reads the central directory of a zip file (no ZIP64: an XLSX never needs it, and refusing it
 * bounds what a crafted file can claim). At most `maxEntries` entries.
 */
export async function readZipDirectory(
  handle: fs.promises.FileHandle,
  size: number,
  maxEntries: number,
): Promise<ZipEntry[]> {
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
    throw notZip();
  }
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || count > maxEntries) {
    throw badRequest('importZipLimits');
  }
  if (cdOffset + cdSize > size) {
    throw notZip();
  }
  const cd = Buffer.alloc(cdSize);
  await handle.read(cd, 0, cdSize, cdOffset);
  const entries: ZipEntry[] = [];
  for (let p = 0, n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== ZIP_CENTRAL) {
      throw notZip();
    }
    const nameLength = cd.readUInt16LE(p + 28);
    entries.push({
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * The text of one zip member, decoded as UTF-8, chunk by chunk (never the whole member in
 * memory). Inflates at most the size the central directory declares: a member that inflates to
 * more is refused (zip-bomb guard; the declared sizes were checked by `checkImportFile`).
 * `onBytes` reports compressed bytes read so far.
 */
export async function* zipEntryText(
  file: string,
  handle: fs.promises.FileHandle,
  entry: ZipEntry,
  onBytes?: (compressedBytes: number) => void,
): AsyncGenerator<string> {
  if ((entry.flags & 1) !== 0 || (entry.method !== 0 && entry.method !== 8)) {
    throw notZip(); // encrypted, or a compression an XLSX does not use
  }
  const local = Buffer.alloc(30);
  await handle.read(local, 0, 30, entry.localHeaderOffset);
  if (local.readUInt32LE(0) !== ZIP_LOCAL) {
    throw notZip();
  }
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.compressedSize === 0) {
    return;
  }
  const raw = fs.createReadStream(file, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: 128 * 1024,
  });
  let compressed = 0;
  raw.on('data', (b: Buffer | string) => {
    compressed += b.length;
    onBytes?.(compressed);
  });
  // 64 KB chunks: a chunk's text stays below V8's large-object size (~128 KB), so it dies in the
  // young generation instead of waiting for a full collection.
  const source: Readable =
    entry.method === 8 ? raw.pipe(zlib.createInflateRaw({ chunkSize: 64 * 1024 })) : raw;
  raw.on('error', (e) => source.destroy(e));
  const decoder = new StringDecoder('utf8');
  let inflated = 0;
  let first = true;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > entry.uncompressedSize) {
        throw badRequest('importZipLimits');
      }
      let text = decoder.write(chunk);
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) {
          text = text.slice(1);
        }
      }
      if (text.length > 0) {
        yield text;
      }
    }
    const end = decoder.end();
    if (end.length > 0) {
      yield end;
    }
  } catch (error) {
    if (error instanceof AppError) {
      throw error;
    }
    throw notZip(); // corrupt deflate data
  } finally {
    raw.destroy();
    source.destroy();
  }
}
