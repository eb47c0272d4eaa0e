import { hash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';

import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import { AppError, badRequest } from '../../shared/errors';
import { cellText, isBlankCell, type RawCell } from './cell-values';
import type { FileKind, ImportLimits } from './file-check';
import { type ColumnMap, detectHeader, HEADER_SEARCH_ROWS } from './header-map';
import { otherRequestsWithin } from './import-activity';
import { KIND_SPECS } from './import-fields';
import {
  type Candidate,
  createKindHandler,
  type KindContext,
  type KindHandler,
} from './import-kinds';
import { createImportRepository, type ImportJob } from './import-repository';
import {
  readStage,
  stagedCells,
  type StagedRow,
  stageIsComplete,
  type StageSummary,
  StageWriter,
} from './import-stage';
import type { RowError } from './row-errors';
import { RowReader } from './row-reader';
import { readSheetRows, type SheetRow } from './sheet-reader';

/**
 * Rows validated (and, when committing, written) per batch; one transaction per batch. A batch
 * holds the SQLite writer for ~0.1–0.3 s (docs/import-export.md, "Transactions").
 */
export const IMPORT_BATCH = 5000;

/**
 * Rows per batch (one transaction each) while the server is serving other requests (intake …):
 * a batch holds the event loop (and on SQLite its one connection) for ~15–30 ms instead of
 * ~0.2–0.5 s.
 */
export const IMPORT_BATCH_CONTENDED = 250;

/** How long after another request an import keeps its batches small. */
export const QUIET_MS = 1000;

/**
 * The size of a commit's batches, and the pause between an import's batches. A batch's work —
 * building its rows, and on SQLite (better-sqlite3 is synchronous) its whole transaction — runs
 * without giving the event loop back, and so do the awaits between batches that resolve at once,
 * so an import would answer no request until its next file read: every request that comes in
 * meanwhile waits for the batch. On PostgreSQL intake of the same community and month also waits
 * for the aggregate rows the batch's transaction has locked. So an import yields to the event
 * loop after every batch (`pause`), and while the server has received other requests within
 * QUIET_MS (`otherRequestsWithin`, noted by import-routes; not the import page's progress polls)
 * a commit's batches have IMPORT_BATCH_CONTENDED rows; otherwise they double, up to
 * IMPORT_BATCH. A commit starts with IMPORT_BATCH_CONTENDED rows, so an import alone (the CLI)
 * reaches full batches after five. `adapt` false (the dry run, whose small batches measured no
 * better for intake) and the setting IMPORT_BATCHES=fixed (`config.imports.batches`: import
 * throughput over intake latency; the "before" of `npx fannao bench import --with-intake`):
 * IMPORT_BATCH throughout.
 * docs/import-export.md, "Transactions" and "Benchmark".
 */
export function importBatchSizer(adapt: boolean) {
  const adaptive = adapt;
  let size = adaptive ? IMPORT_BATCH_CONTENDED : IMPORT_BATCH;
  return {
    get size() {
      return size;
    },
    /** Sizes the next batch. */
    next(): void {
      if (adaptive) {
        size = otherRequestsWithin(QUIET_MS)
          ? IMPORT_BATCH_CONTENDED
          : Math.min(IMPORT_BATCH, size * 2);
      }
    },
    /** After each batch: lets the event loop run (requests waiting), then sizes the next. */
    async pause(): Promise<void> {
      await setImmediate();
      this.next();
    },
  };
}

export interface RunInput {
  job: ImportJob;
  file: string;
  fileKind: FileKind;
  mode: 'dryRun' | 'commit';
  ctx: KindContext;
  limits: ImportLimits;
  /** Called once the header is known (or has failed), before the data rows are read. */
  onHeader?: (error: AppError | null) => void;
  /** Progress after every batch. */
  onProgress?: (job: ImportJob) => void;
  /**
   * Where the dry run stages its good rows and the commit reads them back (`import-stage.ts`);
   * without it the commit reads and validates the source file again.
   */
  stageFile?: string;
  /** `fixed`: full batches even while other requests come in (IMPORT_BATCHES). */
  batches?: 'adaptive' | 'fixed';
}

/** A natural key, hashed: 128 bits of SHA-256 (collisions are not a practical concern). */
export function keyHash(parts: unknown[]): string {
  // One-shot hash: no Hash object and Buffer per row.
  return hash('sha256', JSON.stringify(parts), 'base64url').slice(0, 22);
}

/**
 * One pass over an import file. A dry run validates every row and records the bad ones; a
 * commit validates again (the database may have changed since) and writes each batch of good
 * rows, their natural keys, the batch's bad rows and the job's counters and resume point in one
 * transaction — so after a crash the commit resumes after the last committed row, and no good
 * row is lost and no bad row slips in. Rows whose key an earlier import committed are skipped.
 */
export async function runImport(db: Kysely<DB>, input: RunInput): Promise<ImportJob> {
  const { mode, ctx, limits } = input;
  const job = { ...input.job };
  const repo = createImportRepository(db);
  const spec = KIND_SPECS[job.kind];
  const handler = await createKindHandler(job.kind, ctx);
  const staged =
    mode === 'commit' && input.stageFile
      ? await stageIsComplete(input.stageFile, {
          importId: job.id,
          sourceSha256: job.file_sha256,
        })
      : null;
  if (staged) {
    return commitStaged(db, { ...input, job, stageFile: input.stageFile! }, handler, staged);
  }
  const stage =
    mode === 'dryRun' && input.stageFile
      ? new StageWriter(input.stageFile, { importId: job.id, sourceSha256: job.file_sha256 })
      : null;
  const resumeAfter = mode === 'commit' ? job.committed_through_row : 0;
  if (resumeAfter === 0) {
    Object.assign(job, { good_rows: 0, bad_rows: 0, skipped_rows: 0, committed_rows: 0 });
  }
  Object.assign(job, { rows_read: 0, bytes_read: 0 });
  await repo.deleteErrors(job.id, resumeAfter);
  if (resumeAfter > 0) {
    // The bad rows after the resume point are found again below.
    job.bad_rows = await repo.countErrors(job.id);
  }

  // The dry run validates in full batches (small ones measured no better for intake, and cost
  // a transaction each); both passes pause for the event loop after every batch.
  const sizer = importBatchSizer(mode === 'commit' && input.batches !== 'fixed');
  let bytes = 0;
  const rows = readSheetRows({
    file: input.file,
    kind: input.fileKind,
    onBytes: (b) => (bytes = b),
  });
  const head: SheetRow[] = [];
  let columns: ColumnMap[] = [];
  let headerRowNo = 0;
  const seen = new Map<string, number>();
  let candidates: Candidate<unknown>[] = [];
  let bad: { rowNo: number; errors: RowError[]; cells: string[] }[] = [];
  const cellsOf = new Map<number, RawCell[]>();
  let mapped: ColumnMap[] = [];
  const headers = new Map<string, string>();
  let lastRowNo = 0;

  const flush = async () => {
    const { fresh, good, duplicates } = await screenCandidates(repo, handler, job.kind, candidates);
    for (const c of duplicates) {
      bad.push({
        rowNo: c.rowNo,
        errors: [duplicateError(handler, columnOf)],
        cells: columns.map((col) => cellText(cellsOf.get(c.rowNo)?.[col.index] ?? null)),
      });
    }
    bad.sort((a, b) => a.rowNo - b.rowNo);
    const counts = {
      good_rows: job.good_rows + good.length,
      bad_rows: job.bad_rows + bad.length,
      skipped_rows: job.skipped_rows + (candidates.length - fresh.length),
    };
    const progress = {
      rows_read: job.rows_read,
      bytes_read: bytes,
      total_estimate: estimate(job.rows_read, bytes, job.file_bytes),
      heartbeat_at: Date.now(),
    };
    if (mode === 'commit') {
      await commitBatch(db, job, handler, ctx, {
        good,
        bad,
        counts,
        progress,
        committedThrough: lastRowNo,
      });
      await sizer.pause();
    } else {
      await stage?.write(
        good.map((c) => ({
          rowNo: c.rowNo,
          key: c.key,
          value: c.value,
          cells: columns.map((col) => cellText(cellsOf.get(c.rowNo)?.[col.index] ?? null)),
        })),
      );
      await db.transaction().execute(async (trx) => {
        const r = createImportRepository(trx);
        await r.insertErrors(job.id, bad);
        await r.updateJob(job.id, { ...counts, ...progress });
      });
      Object.assign(job, counts, progress);
    }
    candidates = [];
    bad = [];
    cellsOf.clear();
    input.onProgress?.(job);
    if (mode === 'dryRun') {
      await sizer.pause();
    }
  };

  const columnOf = (field: string) =>
    columns.find((c) => c.field === field)?.header ??
    spec.fields.find((f) => f.key === field)?.zh ??
    field;

  const cells = new Map<string, RawCell>();
  const handleRow = (row: SheetRow) => {
    if (row.rowNo <= headerRowNo || row.cells.every(isBlankCell)) {
      return;
    }
    job.rows_read++;
    if (job.rows_read > limits.maxRows) {
      throw badRequest('importTooManyRows', { max: limits.maxRows });
    }
    lastRowNo = row.rowNo;
    if (row.rowNo <= resumeAfter) {
      return;
    }
    // One map for every row: the reader is done with it when handler.read returns.
    cells.clear();
    for (const c of mapped) {
      cells.set(c.field!, row.cells[c.index] ?? null);
    }
    const texts = () => columns.map((c) => cellText(row.cells[c.index] ?? null));
    const reader = new RowReader(cells, headers, ctx.now);
    const result = handler.read(reader);
    if (!result) {
      bad.push({ rowNo: row.rowNo, errors: reader.errors, cells: texts() });
      return;
    }
    const key = keyHash([job.kind, ...result.keyParts]);
    const first = seen.get(key);
    if (first !== undefined) {
      bad.push({
        rowNo: row.rowNo,
        errors: [
          {
            field: handler.duplicateField,
            column: columnOf(handler.duplicateField),
            code: 'duplicate_in_file',
            params: { row: first },
          },
        ],
        cells: texts(),
      });
      return;
    }
    seen.set(key, row.rowNo);
    cellsOf.set(row.rowNo, row.cells);
    candidates.push({ rowNo: row.rowNo, key, value: result.value });
  };

  let headerKnown = false;
  try {
    for await (const row of rows) {
      if (!headerKnown) {
        if (!row.cells.every(isBlankCell)) {
          head.push(row);
        }
        if (head.length < HEADER_SEARCH_ROWS) {
          continue;
        }
        ({ columns, headerRowNo } = settleHeader(head, job, input));
        mapped = columns.filter((c) => c.field !== null);
        mapped.forEach((c) => headers.set(c.field!, c.header));
        headerKnown = true;
        await repo.updateJob(job.id, { header_row: headerRowNo, columns: JSON.stringify(columns) });
        for (const h of head) {
          handleRow(h);
        }
      } else {
        handleRow(row);
      }
      if (candidates.length + bad.length >= sizer.size) {
        await flush();
      }
    }
    if (!headerKnown) {
      ({ columns, headerRowNo } = settleHeader(head, job, input));
      mapped = columns.filter((c) => c.field !== null);
      mapped.forEach((c) => headers.set(c.field!, c.header));
      headerKnown = true;
      await repo.updateJob(job.id, { header_row: headerRowNo, columns: JSON.stringify(columns) });
      head.forEach(handleRow);
    }
    lastRowNo = Math.max(lastRowNo, resumeAfter);
    await flush();
    await stage?.finish(job.rows_read);
  } catch (error) {
    await stage?.abandon();
    if (!headerKnown) {
      input.onHeader?.(error instanceof AppError ? error : new AppError('INTERNAL'));
    }
    throw error;
  }
  return job;
}

/**
 * Splits a batch's candidates: rows an earlier import already committed (skipped, by their key),
 * rows equal to a record that exists (bad: duplicate_existing) and the good rest.
 */
async function screenCandidates<C extends Candidate<unknown>>(
  repo: ReturnType<typeof createImportRepository>,
  handler: KindHandler<unknown>,
  kind: ImportJob['kind'],
  candidates: C[],
): Promise<{ fresh: C[]; good: C[]; duplicates: C[] }> {
  const done = await repo.committedKeys(
    kind,
    candidates.map((c) => c.key),
  );
  const fresh = candidates.filter((c) => !done.has(c.key));
  const existing = await handler.findExisting(fresh);
  return {
    fresh,
    good: fresh.filter((c) => !existing.has(c.rowNo)),
    duplicates: fresh.filter((c) => existing.has(c.rowNo)),
  };
}

function duplicateError(
  handler: KindHandler<unknown>,
  column: (field: string) => string,
): RowError {
  return {
    field: handler.duplicateField,
    column: column(handler.duplicateField),
    code: 'duplicate_existing',
  };
}

function settleHeader(head: SheetRow[], job: ImportJob, input: RunInput) {
  const spec = KIND_SPECS[job.kind];
  const found = detectHeader(head, spec.fields);
  if (!found || found.missing.length > 0) {
    const missing = found ? found.missing : spec.fields.filter((f) => f.required);
    throw badRequest('importMissingColumns', {
      columns: missing.map((f) => f.zh).join('、'),
      columnsEn: missing.map((f) => f.en).join(', '),
    });
  }
  job.header_row = found.headerRowNo;
  job.columns = JSON.stringify(found.columns);
  input.onHeader?.(null);
  return { columns: found.columns, headerRowNo: found.headerRowNo };
}

/** Rows expected in the whole file, from the share of its bytes read so far. */
function estimate(rows: number, bytesRead: number, bytesTotal: number): number | null {
  if (bytesRead <= 0 || rows === 0) {
    return null;
  }
  return bytesRead >= bytesTotal ? rows : Math.round((rows * bytesTotal) / bytesRead);
}

/**
 * One commit batch in one transaction: the good rows (records, timeline events, aggregate cells
 * — `handler.insert`), their natural keys, the batch's bad rows, and the job's counters and
 * resume point. After a crash the commit resumes after `committedThrough`.
 */
async function commitBatch(
  db: Kysely<DB>,
  job: ImportJob,
  handler: KindHandler<unknown>,
  ctx: KindContext,
  b: {
    good: Candidate<unknown>[];
    bad: { rowNo: number; errors: RowError[]; cells: string[] }[];
    counts: Pick<ImportJob, 'good_rows' | 'bad_rows' | 'skipped_rows'>;
    progress: Partial<ImportJob>;
    committedThrough: number;
  },
): Promise<void> {
  const committed = {
    committed_rows: job.committed_rows + b.good.length,
    committed_through_row: b.committedThrough,
  };
  await db.transaction().execute(async (trx) => {
    const ids = b.good.length > 0 ? await handler.insert(trx, b.good) : [];
    const r = createImportRepository(trx);
    await r.insertKeys(
      b.good.map((c, i) => ({
        kind: job.kind,
        key_hash: c.key,
        record_id: ids[i]!,
        import_id: job.id,
        row_no: c.rowNo,
        created_at: ctx.now,
      })),
    );
    await r.insertErrors(job.id, b.bad);
    await r.updateJob(job.id, { ...b.counts, ...b.progress, ...committed });
  });
  Object.assign(job, b.counts, b.progress, committed);
}

/**
 * The commit of a dry run's staged rows: no second read or validation of the file. What can
 * have changed since the dry run is checked again per batch — a referenced enterprise or
 * category that is no longer active (`handler.recheck`), keys another import has committed since
 * (skipped), records created since that equal a row (`duplicate_existing`) — and such rows become
 * bad rows with their reason, as in the dry run. Counters: the dry run's bad and skipped rows
 * stay; good and committed rows are counted again.
 */
async function commitStaged(
  db: Kysely<DB>,
  input: RunInput & { stageFile: string },
  handler: KindHandler<unknown>,
  summary: StageSummary,
): Promise<ImportJob> {
  const { ctx } = input;
  const job = { ...input.job };
  const repo = createImportRepository(db);
  const columns = job.columns ? (JSON.parse(job.columns) as ColumnMap[]) : [];
  const headerOf = (field: string) =>
    columns.find((c) => c.field === field)?.header ??
    KIND_SPECS[job.kind].fields.find((f) => f.key === field)?.zh ??
    field;
  const cellOf = (row: StagedRow, field: string) => {
    const at = columns.findIndex((c) => c.field === field);
    return at >= 0 ? (stagedCells(row)[at] ?? '') : '';
  };
  const resumeAfter = job.committed_through_row;
  const staged = summary.rows;
  const fileRows = summary.rowsRead;
  if (resumeAfter === 0) {
    Object.assign(job, { good_rows: 0, committed_rows: 0 });
  }
  let done = 0;
  let batch: StagedRow[] = [];
  const sizer = importBatchSizer(input.batches !== 'fixed');

  const flush = async () => {
    if (batch.length === 0) {
      return;
    }
    const bad: { rowNo: number; errors: RowError[]; cells: string[] }[] = [];
    const current: (Candidate<unknown> & { row: StagedRow })[] = [];
    for (const row of batch) {
      const problems = handler.recheck(row.value);
      if (problems.length > 0) {
        bad.push({
          rowNo: row.rowNo,
          errors: problems.map((p) => ({
            field: p.field,
            column: headerOf(p.field),
            code: p.code,
            params: { value: cellOf(row, p.field).slice(0, 40) },
          })),
          cells: stagedCells(row),
        });
      } else {
        current.push({ rowNo: row.rowNo, key: row.key, value: row.value, row });
      }
    }
    const screened = await screenCandidates(repo, handler, job.kind, current);
    const { fresh } = screened;
    for (const c of screened.duplicates) {
      bad.push({
        rowNo: c.rowNo,
        errors: [duplicateError(handler, headerOf)],
        cells: stagedCells(c.row),
      });
    }
    const good: Candidate<unknown>[] = screened.good;
    bad.sort((a, b) => a.rowNo - b.rowNo);
    await commitBatch(db, job, handler, ctx, {
      good,
      bad,
      counts: {
        good_rows: job.good_rows + good.length,
        bad_rows: job.bad_rows + bad.length,
        skipped_rows: job.skipped_rows + (current.length - fresh.length),
      },
      progress: {
        rows_read: done,
        total_estimate: staged,
        bytes_read: Math.round((job.file_bytes * done) / Math.max(1, staged)),
        heartbeat_at: Date.now(),
      },
      committedThrough: batch[batch.length - 1]!.rowNo,
    });
    batch = [];
    await sizer.pause();
    input.onProgress?.(job);
  };

  // Parsed IMPORT_BATCH_CONTENDED rows at a time: no long stretch without a pause.
  for await (const rows of readStage(input.stageFile, IMPORT_BATCH_CONTENDED)) {
    for (const row of rows) {
      done++;
      if (row.rowNo <= resumeAfter) {
        continue;
      }
      batch.push(row);
      if (batch.length >= sizer.size) {
        await flush();
      }
    }
  }
  await flush();
  Object.assign(job, { rows_read: fileRows, total_estimate: fileRows, bytes_read: job.file_bytes });
  await repo.updateJob(job.id, {
    rows_read: job.rows_read,
    total_estimate: job.total_estimate,
    bytes_read: job.bytes_read,
  });
  return job;
}
