import { fileURLToPath } from 'node:url';

import type ExcelJS from 'exceljs';

import { loadConfig } from '../config';
import { createDatabase, type DbSettings } from '../db/database';
import { createDeps } from '../deps';
// What `npx fannao import` needs, not the imports module's index (routes, errors-file writer).
import { createImportService } from '../modules/imports/import-service';
import { XLSX_READER_OPTIONS } from '../modules/imports/sheet-reader';
import { systemActor } from '../shared/actor';
import { systemClock } from '../shared/clock';

/** What the parent tells a phase process (one JSON argument). */
export interface PhaseInput {
  phase: 'bare' | 'dryRun' | 'commit';
  file: string;
  db: DbSettings;
  importsDir: string;
  communityId: string;
  /** The dry run's job, for the commit phase. */
  importId?: string;
}

/** What a phase process prints (one JSON line). */
export interface PhaseOutput {
  ms: number;
  /** CPU time (user + system) of the phase, ms: steadier than wall time on a loaded machine. */
  cpuMs: number;
  /** The process's peak resident set (kernel maxRSS), MB: the phase's own memory. */
  maxRssMb: number;
  /** RSS once the app is loaded and the database open, before the phase starts, MB. */
  startRssMb: number;
  rows: number;
  importId?: string;
  good?: number;
  bad?: number;
  committed?: number;
}

/** exceljs's own streaming read of the file: the baseline rate. */
async function bareRead(exceljs: typeof ExcelJS, file: string): Promise<number> {
  let n = 0;
  const reader = new exceljs.stream.xlsx.WorkbookReader(file, XLSX_READER_OPTIONS);
  for await (const sheet of reader) {
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      if ((row.values as unknown[]).length > 0) {
        n++;
      }
    }
    break;
  }
  return n;
}

async function runPhase(input: PhaseInput): Promise<PhaseOutput> {
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let c0 = cpuMs();
  let startRssMb = process.memoryUsage().rss / 1048576;
  const done = (
    t0: number,
    rest: Omit<PhaseOutput, 'ms' | 'cpuMs' | 'maxRssMb' | 'startRssMb'>,
  ): PhaseOutput => ({
    ms: performance.now() - t0,
    cpuMs: cpuMs() - c0,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    startRssMb,
    ...rest,
  });
  if (input.phase === 'bare') {
    // Loaded before the clock starts, as the static import did: only this phase needs exceljs.
    const { default: exceljs } = await import('exceljs');
    c0 = cpuMs();
    startRssMb = process.memoryUsage().rss / 1048576;
    const t0 = performance.now();
    const rows = await bareRead(exceljs, input.file);
    return done(t0, { rows });
  }
  const config = loadConfig(process.env);
  const database = createDatabase(input.db);
  try {
    const imports = createImportService(
      createDeps(
        { ...config, imports: { ...config.imports, dir: input.importsDir } },
        database,
        systemClock,
      ),
    );
    startRssMb = process.memoryUsage().rss / 1048576;
    c0 = cpuMs();
    const t0 = performance.now();
    if (input.phase === 'dryRun') {
      const job = await imports.start({
        actor: systemActor,
        kind: 'troubles',
        community: input.communityId,
        tempFile: input.file,
        fileName: 'ledger.xlsx',
        wait: true,
      });
      return done(t0, {
        rows: job.progress.rowsRead,
        importId: job.id,
        good: job.counts.good,
        bad: job.counts.bad,
      });
    }
    const job = await imports.commit({ actor: systemActor, id: input.importId!, wait: true });
    return done(t0, {
      rows: job.progress.rowsRead,
      committed: job.counts.committed,
      good: job.counts.good,
      bad: job.counts.bad,
    });
  } finally {
    await database.close();
  }
}

// `node --import tsx bench-import-phase.ts '<json>'` (spawned by `npx fannao bench import`, one
// process per phase so that each phase's peak RSS is its own).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await runPhase(JSON.parse(process.argv[2]!) as PhaseInput);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
