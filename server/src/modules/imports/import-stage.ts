import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * The good rows of a dry run, staged on disk for the commit (docs/import-export.md, "Dry run,
 * stage, commit"). One line per row: the JSON array `[rowNo, key, value]` — the row number, the
 * hashed natural key and the validated value — a tab, and the JSON array of the row's cell texts
 * (for the errors file, should the row turn bad at commit time; JSON text never holds a raw tab,
 * so the first tab ends the first part). The commit parses the cells only of rows that turn bad.
 * The rows lie between a header line naming the job and the source file's SHA-256 and a trailer
 * line with the row count and the SHA-256 of everything before it. A file whose trailer is
 * missing or wrong (a crash while writing, a truncated disk), or of another format version (an
 * upgrade between dry run and commit), is not used: the commit then reads and validates the
 * source file again.
 */
export interface StagedRow {
  rowNo: number;
  key: string;
  value: unknown;
  /** The JSON text of the row's cell texts (`stagedCells` parses it). */
  cellsJson: string;
}

/** The cell texts of a staged row. */
export function stagedCells(row: StagedRow): string[] {
  return JSON.parse(row.cellsJson) as string[];
}

/** Stage format version: 2 = cells after a tab (1 had them inside the row's array). */
const STAGE_VERSION = 2;

interface StageHeader {
  stage: typeof STAGE_VERSION;
  importId: string;
  sourceSha256: string;
}

interface StageTrailer {
  end: true;
  /** Staged (good) rows. */
  rows: number;
  /** Data rows the dry run read from the file. */
  rowsRead: number;
  sha256: string;
}

/** What a complete stage holds. */
export interface StageSummary {
  rows: number;
  rowsRead: number;
}

/** Bytes of staged lines gathered before each write. */
const STAGE_BUFFER_BYTES = 256 * 1024;

/**
 * Appends staged rows through one reused buffer: the lines are encoded into it and written
 * (awaited) whenever it fills, so the dry run holds at most one buffer of staged rows, a slow
 * disk slows the dry run rather than growing memory, and no Buffer is allocated per row (per-row
 * Buffers outlived the young generation and were freed only by full collections).
 */
export class StageWriter {
  private readonly handle: Promise<fs.promises.FileHandle>;
  private readonly hash: Hash = createHash('sha256');
  private readonly buffer = Buffer.allocUnsafe(STAGE_BUFFER_BYTES);
  private used = 0;
  private rows = 0;

  constructor(
    readonly file: string,
    header: { importId: string; sourceSha256: string },
  ) {
    this.handle = fs.promises.open(file, 'w');
    this.handle.catch(() => undefined); // reported by the first write
    this.append(JSON.stringify({ stage: STAGE_VERSION, ...header } satisfies StageHeader));
  }

  /** Encodes `text` and a newline into the buffer; false when it might not fit. */
  private append(text: string): boolean {
    // At most 3 UTF-8 bytes per UTF-16 code unit.
    if (this.used + text.length * 3 + 1 > STAGE_BUFFER_BYTES) {
      return false;
    }
    this.used += this.buffer.write(text, this.used);
    this.buffer[this.used++] = 10;
    return true;
  }

  private async writeAll(data: Buffer): Promise<void> {
    const handle = await this.handle;
    for (let at = 0; at < data.length;) {
      at += (await handle.write(data, at, data.length - at)).bytesWritten;
    }
  }

  /** Writes the buffer's lines (hashed) and empties it. */
  private async flush(): Promise<void> {
    if (this.used > 0) {
      const data = this.buffer.subarray(0, this.used);
      this.hash.update(data);
      await this.writeAll(data);
      this.used = 0;
    }
  }

  async write(rows: { rowNo: number; key: string; value: unknown; cells: string[] }[]) {
    for (const r of rows) {
      const text = `${JSON.stringify([r.rowNo, r.key, r.value])}\t${JSON.stringify(r.cells)}`;
      if (!this.append(text)) {
        await this.flush();
        if (!this.append(text)) {
          // A line longer than the buffer (a row of very long cells): written by itself.
          const data = Buffer.from(`${text}\n`);
          this.hash.update(data);
          await this.writeAll(data);
        }
      }
      this.rows++;
    }
  }

  /** Writes the trailer and closes the file (fsync'd: the job is marked validated after this). */
  async finish(rowsRead: number): Promise<void> {
    await this.flush();
    const trailer: StageTrailer = {
      end: true,
      rows: this.rows,
      rowsRead,
      sha256: this.hash.digest('hex'),
    };
    await this.writeAll(Buffer.from(`${JSON.stringify(trailer)}\n`));
    const handle = await this.handle;
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Drops a stage that will not be finished (the dry run failed). */
  async abandon(): Promise<void> {
    await this.handle.then(
      (h) => h.close(),
      () => undefined,
    );
    await fs.promises.rm(this.file, { force: true });
  }
}

/** The lines of a file as byte slices (no decoding: the check only hashes them). */
async function* lines(file: string): AsyncGenerator<Buffer> {
  let rest: Buffer | null = null;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const data: Buffer = rest ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let from = 0;
    for (let nl = data.indexOf(10, from); nl >= 0; nl = data.indexOf(10, from)) {
      yield data.subarray(from, nl);
      from = nl + 1;
    }
    rest = from < data.length ? data.subarray(from) : null;
  }
  if (rest) {
    yield rest; // an unterminated last line: never a valid trailer
  }
}

const NEWLINE = Buffer.from('\n');
const OPEN_BRACE = 0x7b;

/**
 * The summary of `file` if it is a complete stage of this job and this source file — header,
 * rows and a trailer whose count and hash match — else null. Reads the file once (hashing runs
 * at hundreds of MB/s).
 */
export async function stageIsComplete(
  file: string,
  expect: { importId: string; sourceSha256: string },
): Promise<StageSummary | null> {
  if (!fs.existsSync(file)) {
    return null;
  }
  const hash = createHash('sha256');
  let n = -1;
  let trailer: StageTrailer | null = null;
  try {
    for await (const line of lines(file)) {
      if (trailer) {
        return null; // something after the trailer
      }
      if (n === -1) {
        const h = JSON.parse(line.toString('utf8')) as StageHeader;
        if (
          h.stage !== STAGE_VERSION ||
          h.importId !== expect.importId ||
          h.sourceSha256 !== expect.sourceSha256
        ) {
          return null;
        }
      } else if (line[0] === OPEN_BRACE) {
        trailer = JSON.parse(line.toString('utf8')) as StageTrailer;
        continue;
      }
      hash.update(line);
      hash.update(NEWLINE);
      n++;
    }
  } catch {
    return null;
  }
  return trailer !== null && trailer.rows === n && trailer.sha256 === hash.digest('hex')
    ? { rows: trailer.rows, rowsRead: trailer.rowsRead }
    : null;
}

/**
 * The staged rows in file order, `batch` at a time (call `stageIsComplete` first). Chunks are
 * decoded to text and cut at newlines as strings (no Buffer per line); a row's cells stay text.
 */
export async function* readStage(file: string, batch: number): AsyncGenerator<StagedRow[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let first = true;
  let rows: StagedRow[] = [];
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const text: string = rest + decoder.write(chunk as Buffer);
    let from = 0;
    for (let nl = text.indexOf('\n', from); nl >= 0; nl = text.indexOf('\n', from)) {
      const at = from;
      from = nl + 1;
      if (first) {
        first = false; // the header
        continue;
      }
      if (text.charCodeAt(at) === OPEN_BRACE) {
        // The trailer.
        if (rows.length > 0) {
          yield rows;
        }
        return;
      }
      const tab = text.indexOf('\t', at);
      const [rowNo, key, value] = JSON.parse(text.slice(at, tab)) as [number, string, unknown];
      rows.push({ rowNo, key, value, cellsJson: text.slice(tab + 1, nl) });
      if (rows.length >= batch) {
        yield rows;
        rows = [];
      }
    }
    rest = text.slice(from);
  }
  if (rows.length > 0) {
    yield rows;
  }
}
