import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';

/**
 * The good rows of a dry run, staged on disk for the commit (docs/import-export.md, "Dry run,
 * stage, commit"). One JSON array per line — `[rowNo, key, value, cells]`: the row number, the
 * hashed natural key, the validated value and the row's cell texts (for the errors file, should
 * the row turn bad at commit time) — between a header line naming the job and the source file's
 * SHA-256 and a trailer line with the row count and the SHA-256 of everything before it. A file
 * whose trailer is missing or wrong (a crash while writing, a truncated disk) is not used: the
 * commit then reads and validates the source file again.
 */
export interface StagedRow {
  rowNo: number;
  key: string;
  value: unknown;
  cells: string[];
}

interface StageHeader {
  stage: 1;
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

/** Appends staged rows with backpressure (a slow disk slows the dry run, not memory). */
export class StageWriter {
  private readonly out: fs.WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private rows = 0;
  private failure: Error | null = null;

  constructor(
    readonly file: string,
    header: { importId: string; sourceSha256: string },
  ) {
    this.out = fs.createWriteStream(file, { highWaterMark: 256 * 1024 });
    this.out.on('error', (e) => (this.failure = e));
    this.line(JSON.stringify({ stage: 1, ...header } satisfies StageHeader));
  }

  private line(text: string): boolean {
    const data = `${text}\n`;
    this.hash.update(data);
    return this.out.write(data);
  }

  async write(rows: StagedRow[]): Promise<void> {
    let ok = true;
    for (const r of rows) {
      ok = this.line(JSON.stringify([r.rowNo, r.key, r.value, r.cells]));
      this.rows++;
    }
    if (this.failure) {
      throw this.failure;
    }
    if (!ok) {
      await once(this.out, 'drain');
    }
  }

  /** Writes the trailer and closes the file (fsync'd: the job is marked validated after this). */
  async finish(rowsRead: number): Promise<void> {
    const trailer: StageTrailer = {
      end: true,
      rows: this.rows,
      rowsRead,
      sha256: this.hash.digest('hex'),
    };
    this.out.write(`${JSON.stringify(trailer)}\n`);
    await new Promise<void>((resolve, reject) => {
      this.out.end((e?: Error | null) => (e ? reject(e) : resolve()));
    });
    if (this.failure) {
      throw this.failure;
    }
    const fd = await fs.promises.open(this.file, 'r+');
    try {
      await fd.sync();
    } finally {
      await fd.close();
    }
  }

  /** Drops a stage that will not be finished (the dry run failed). */
  async abandon(): Promise<void> {
    this.out.destroy();
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
          h.stage !== 1 ||
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

/** The staged rows in file order (call `stageIsComplete` first). */
export async function* readStage(file: string): AsyncGenerator<StagedRow> {
  let first = true;
  for await (const line of lines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (line[0] === OPEN_BRACE) {
      return; // the trailer
    }
    const [rowNo, key, value, cells] = JSON.parse(line.toString('utf8')) as [
      number,
      string,
      unknown,
      string[],
    ];
    yield { rowNo, key, value, cells };
  }
}
