import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { withBulkWrites } from '../../db/dialect';
import type { ImportKind } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { AppError, badRequest, forbidden, notFound, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { Locale } from '../../shared/messages';
import { checkImportFile, type FileKind, type ImportLimits } from './file-check';
import type { ColumnMap } from './header-map';
import { KIND_SPECS } from './import-fields';
import { createImportRepository, type ImportJob } from './import-repository';
import { runImport } from './import-run';
import { type RowError, rowErrorText } from './row-errors';

type ImportDeps = Pick<Deps, 'db' | 'dialect' | 'clock' | 'crypto' | 'config'> & {
  log?: { error(obj: unknown, msg: string): void };
};

/** A job whose worker has not written progress for this long is treated as interrupted. */
const STALE_MS = 120_000;

const ENCODING_LABELS: Record<string, string> = {
  'utf-8-bom': 'UTF-8 (BOM)',
  'utf-8': 'UTF-8',
  gb18030: 'GBK/GB18030',
  'utf-16le': 'UTF-16LE',
};

/**
 * Imports (issue 7, SPEC §9): upload → dry run (every bad row with its row, column and reason)
 * → commit of the good rows → bad rows as XLSX. Work runs in the background of the instance
 * that received the upload; its progress and result live in `import_jobs`, so any instance can
 * answer GET. Scope: staff import into their own community, admins into any community of their
 * county; departments are county-wide and admin-only.
 */
export function createImportService(deps: ImportDeps) {
  const { db, clock, crypto, config } = deps;
  const repo = createImportRepository(db);
  const running = new Set<Promise<void>>();
  const lookupKey = `fannao-lookup:${config.fieldKey}`;
  const limits: ImportLimits = {
    maxUncompressedBytes: config.imports.maxUncompressedBytes,
    maxZipEntries: config.imports.maxZipEntries,
    maxRows: config.imports.maxRows,
  };

  const lookupHash = (v: string) => createHmac('sha256', lookupKey).update(v).digest('hex');
  const filePath = (job: ImportJob) => path.join(config.imports.dir, job.storage_name);
  const stagePath = (job: ImportJob) => `${filePath(job)}.staged`;

  async function placement(actor: Actor, kind: ImportKind, community: string | undefined) {
    const spec = KIND_SPECS[kind];
    if (actor.role !== 'system' && !(spec.roles as readonly string[]).includes(actor.role)) {
      throw forbidden(`import.${kind}`);
    }
    if (!spec.perCommunity) {
      const countyId =
        actor.countyId ??
        (await db.selectFrom('counties').select('id').orderBy('created_at').executeTakeFirst())?.id;
      if (!countyId) {
        throw notFound('county', '');
      }
      return { countyId, communityId: null };
    }
    const wanted =
      community ?? (actor.role === 'staff' ? (actor.communityId ?? undefined) : undefined);
    if (!wanted) {
      throw badRequest('communityRequired');
    }
    const c = await db
      .selectFrom('communities')
      .select(['id', 'county_id'])
      .where((eb) => eb.or([eb('id', '=', wanted), eb('slug', '=', wanted)]))
      .executeTakeFirst();
    const visible =
      c !== undefined &&
      (actor.role === 'system' ||
        (actor.role === 'staff' ? c.id === actor.communityId : c.county_id === actor.countyId));
    if (!visible) {
      throw notFound('community', wanted);
    }
    return { countyId: c.county_id, communityId: c.id };
  }

  async function jobInScope(actor: Actor, id: string): Promise<ImportJob> {
    const job = await repo.findJob(id);
    const visible =
      job !== undefined &&
      (actor.role === 'system' ||
        (actor.role === 'admin' && job.county_id === actor.countyId) ||
        (actor.role === 'staff' &&
          job.community_id !== null &&
          job.community_id === actor.communityId));
    if (!visible) {
      throw notFound('import', id);
    }
    return job;
  }

  /** Runs a pass in the background; resolves `header` once the header row is settled. */
  function launch(
    job: ImportJob,
    actor: Actor,
    mode: 'dryRun' | 'commit',
    fileKind: FileKind,
    onProgress?: (job: ImportJob) => void,
  ) {
    let settle: (e: AppError | null) => void = () => undefined;
    const header = new Promise<AppError | null>((resolve) => (settle = resolve));
    const work = (async () => {
      try {
        const run = () =>
          runImport(db, {
            job,
            file: filePath(job),
            stageFile: stagePath(job),
            batches: config.imports.batches,
            fileKind,
            mode,
            limits,
            ctx: {
              db,
              crypto,
              lookupHash,
              actor,
              now: clock.now(),
              countyId: job.county_id,
              communityId: job.community_id,
              importId: job.id,
              fileName: job.file_name,
            },
            onHeader: settle,
            onProgress,
          });
        // A commit is a bulk write: SQLite gets a larger page cache meanwhile (db/dialect.ts).
        await (mode === 'commit' ? withBulkWrites(db, deps.dialect, run) : run());
        await repo.updateJob(job.id, {
          status: mode === 'dryRun' ? 'validated' : 'committed',
          ...(mode === 'dryRun' ? { validated_at: clock.now() } : { committed_at: clock.now() }),
          heartbeat_at: Date.now(),
        });
        if (mode === 'commit') {
          await fs.promises.rm(stagePath(job), { force: true });
        }
      } catch (error) {
        const failure =
          error instanceof AppError
            ? { code: error.code, params: error.params }
            : { code: 'INTERNAL', params: {} };
        if (!(error instanceof AppError)) {
          deps.log?.error({ err: error, importId: job.id }, 'import failed');
        }
        await repo.updateJob(job.id, { status: 'failed', failure: JSON.stringify(failure) });
        settle(error instanceof AppError ? error : new AppError('INTERNAL'));
      }
    })();
    const tracked = work.finally(() => running.delete(tracked));
    running.add(tracked);
    return { header, done: tracked };
  }

  function view(job: ImportJob, errors: { row_no: number; errors: string }[], locale: Locale) {
    const stale =
      (job.status === 'validating' || job.status === 'committing') &&
      job.heartbeat_at !== null &&
      Date.now() - job.heartbeat_at > STALE_MS;
    const failure = job.failure
      ? (JSON.parse(job.failure) as { code: string; params: Record<string, string | number> })
      : null;
    const list = job.columns ? (JSON.parse(job.columns) as ColumnMap[]) : [];
    return {
      id: job.id,
      kind: job.kind,
      status: stale ? ('interrupted' as const) : job.status,
      communityId: job.community_id,
      fileName: job.file_name,
      format: job.file_format,
      encoding: job.file_encoding
        ? (ENCODING_LABELS[job.file_encoding] ?? job.file_encoding)
        : null,
      headerRow: job.header_row,
      columns: list.map((c) => ({
        column: columnLetter(c.index),
        header: c.header,
        field: c.field,
      })),
      progress: {
        rowsRead: job.rows_read,
        totalEstimate: job.total_estimate,
        bytesRead: job.bytes_read,
        bytesTotal: job.file_bytes,
        percent:
          job.status === 'validated' || job.status === 'committed'
            ? 100
            : Math.min(99, Math.floor((job.bytes_read / Math.max(1, job.file_bytes)) * 100)),
      },
      counts: {
        good: job.good_rows,
        bad: job.bad_rows,
        skipped: job.skipped_rows,
        committed: job.committed_rows,
      },
      committedThroughRow: job.committed_through_row,
      errors: errors.flatMap((e) =>
        (JSON.parse(e.errors) as RowError[]).map((x) => ({
          row: e.row_no,
          column: x.column,
          field: x.field,
          code: x.code,
          message: rowErrorText(x, locale),
        })),
      ),
      failure: failure
        ? {
            code: failure.code,
            message: new AppError(failure.code as never, failure.params).detail(locale),
          }
        : null,
      createdAt: job.created_at,
      validatedAt: job.validated_at,
      committedAt: job.committed_at,
    };
  }

  return {
    /**
     * Takes an uploaded file (moved into DATA_DIR/imports), checks its type by content and the
     * zip-bomb limits, and starts the dry run; answers once the header is known (a file without
     * the required columns is refused at once). `wait` also waits for the whole dry run.
     */
    async start(input: {
      actor: Actor;
      kind: ImportKind;
      community?: string;
      tempFile: string;
      fileName: string;
      wait?: boolean;
      locale?: Locale;
      onProgress?: (job: ImportJob) => void;
    }) {
      try {
        const place = await placement(input.actor, input.kind, input.community);
        const fileKind = await checkImportFile(input.tempFile, limits);
        const id = newId();
        const storage = `${id}.${fileKind.format}`;
        await fs.promises.mkdir(config.imports.dir, { recursive: true });
        const target = path.join(config.imports.dir, storage);
        const hash = createHash('sha256');
        await pipeline(fs.createReadStream(input.tempFile), hash);
        await fs.promises.copyFile(input.tempFile, target);
        const { size } = await fs.promises.stat(target);
        const job: ImportJob = {
          id,
          kind: input.kind,
          county_id: place.countyId,
          community_id: place.communityId,
          created_by: input.actor.userId,
          file_name: input.fileName.slice(0, 200),
          file_format: fileKind.format,
          file_encoding: fileKind.encoding,
          file_bytes: size,
          file_sha256: hash.digest('hex'),
          storage_name: storage,
          status: 'validating',
          header_row: null,
          columns: null,
          rows_read: 0,
          total_estimate: null,
          bytes_read: 0,
          good_rows: 0,
          bad_rows: 0,
          skipped_rows: 0,
          committed_rows: 0,
          committed_through_row: 0,
          failure: null,
          heartbeat_at: Date.now(),
          created_at: clock.now(),
          validated_at: null,
          committed_at: null,
        };
        await repo.insertJob(job);
        const { header, done } = launch(job, input.actor, 'dryRun', fileKind, input.onProgress);
        const headerError = await header;
        if (headerError) {
          await done;
          throw headerError;
        }
        if (input.wait) {
          await done;
        }
        return this.get(input.actor, id, { locale: input.locale });
      } finally {
        await fs.promises.rm(input.tempFile, { force: true });
      }
    },

    /** Commits the good rows of a validated import (or resumes an interrupted commit). */
    async commit(input: {
      actor: Actor;
      id: string;
      wait?: boolean;
      locale?: Locale;
      onProgress?: (job: ImportJob) => void;
    }) {
      const job = await jobInScope(input.actor, input.id);
      if (
        input.actor.role !== 'system' &&
        !(KIND_SPECS[job.kind].roles as readonly string[]).includes(input.actor.role)
      ) {
        throw forbidden(`import.${job.kind}`);
      }
      const resumable =
        job.validated_at !== null && (job.status === 'failed' || job.status === 'committing');
      const claimed =
        job.status === 'validated'
          ? await repo.claimCommit(job.id, 'validated', null)
          : resumable
            ? await repo.claimCommit(
                job.id,
                job.status,
                job.status === 'committing' ? Date.now() - STALE_MS : null,
              )
            : false;
      if (!claimed) {
        throw ruleViolation('importNotCommittable', { status: job.status });
      }
      const fresh = (await repo.findJob(job.id))!;
      const fileKind = await checkImportFile(filePath(fresh), limits);
      const { done } = launch(
        { ...fresh, status: 'committing' },
        input.actor,
        'commit',
        fileKind,
        input.onProgress,
      );
      if (input.wait) {
        await done;
      }
      return this.get(input.actor, job.id, { locale: input.locale });
    },

    /** Status, counts, progress and the first `errorLimit` reasons. */
    async get(actor: Actor, id: string, o: { errorLimit?: number; locale?: Locale } = {}) {
      const job = await jobInScope(actor, id);
      const errors = await repo.errorsPage(job.id, 0, o.errorLimit ?? 100);
      return view(job, errors, o.locale ?? 'zh-CN');
    },

    /** The job (scope-checked) and a keyset reader over its bad rows, for the errors file. */
    async badRows(actor: Actor, id: string) {
      const job = await jobInScope(actor, id);
      const columns = job.columns ? (JSON.parse(job.columns) as ColumnMap[]) : [];
      return {
        job,
        headers: columns.map((c) => c.header),
        async *rows() {
          for (let after = 0; ;) {
            const page = await repo.errorsPage(job.id, after, 500);
            for (const r of page) {
              yield {
                rowNo: r.row_no,
                cells: JSON.parse(r.cells) as string[],
                errors: JSON.parse(r.errors) as RowError[],
              };
            }
            if (page.length < 500) {
              return;
            }
            after = page[page.length - 1]!.row_no;
          }
        },
      };
    },

    /** Waits for every background pass of this instance (graceful shutdown, tests). */
    async drain(): Promise<void> {
      while (running.size > 0) {
        await Promise.allSettled([...running]);
      }
    },
  };
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

export type ImportService = ReturnType<typeof createImportService>;
export type ImportJobView = Awaited<ReturnType<ImportService['get']>>;
