import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { prepareDatabase } from '../bootstrap';
import type { Config } from '../config';
import { ensureCommunitySettings } from '../modules/promise';
import { systemClock } from '../shared/clock';
import { newId } from '../shared/ids';
import { BENCH_ENTERPRISES } from './bench-import-build';
import type { PhaseInput, PhaseOutput } from './bench-import-phase';
import { freshDatabase } from './bench-indices';

const execFileAsync = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The V8 heap bound `npx fannao import` runs with (bin/fannao.mjs, IMPORT_HEAP_MB): the import
 * phases get it too, so that they measure the command as users run it. The bare read does not.
 * FANNAO_BENCH_IMPORT_HEAP_MB=0 runs them without it.
 */
const IMPORT_HEAP_MB = Number(process.env.FANNAO_BENCH_IMPORT_HEAP_MB ?? 256);

/**
 * Runs one phase in a fresh Node process and returns its timing and its own peak RSS. With
 * FANNAO_BENCH_CPU_PROF=<dir>, each phase writes a V8 CPU profile there (`node --cpu-prof`);
 * FANNAO_BENCH_NODE_ARGS adds Node options to every phase (e.g. `--max-semi-space-size=32`).
 */
async function phase(input: PhaseInput): Promise<PhaseOutput> {
  const prof = process.env.FANNAO_BENCH_CPU_PROF;
  const extra = (process.env.FANNAO_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const heap =
    input.phase !== 'bare' && IMPORT_HEAP_MB > 0 ? [`--max-old-space-size=${IMPORT_HEAP_MB}`] : [];
  const out = await execFileAsync(
    process.execPath,
    [
      ...heap,
      ...extra,
      ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
      '--import',
      'tsx',
      path.join(here, 'bench-import-phase.ts'),
      JSON.stringify(input),
    ],
    { cwd: path.resolve(here, '../../..'), maxBuffer: 1024 * 1024 },
  );
  const lines = out.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as PhaseOutput;
}

/**
 * `npx fannao bench import`: builds an N-row troubles XLSX, then, each in a fresh process, times
 * exceljs's bare streaming read of it against our full import of it — the dry run (read,
 * validate, stage the good rows) plus the commit (write the staged rows) — and prints rows/s per
 * phase, the ratio full import / bare read (target ≥ 0.5) and each phase's peak RSS (target
 * < 300 MB).
 */
export async function benchImport(
  config: Config,
  opts: { rows: number; db: 'sqlite' | 'postgres' },
) {
  const { database, settings, cleanup } = await freshDatabase(opts.db, config);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-bench-import-'));
  const log = (s: string) => process.stdout.write(`${s}\n`);
  try {
    await prepareDatabase(database, systemClock);
    const now = systemClock.now();
    const countyId = newId();
    const communityId = newId();
    await database.db
      .insertInto('counties')
      .values({ id: countyId, name: '基准县', code: `bench-${countyId}`, created_at: now })
      .execute();
    await database.db
      .insertInto('communities')
      .values({
        id: communityId,
        county_id: countyId,
        slug: `bench-${communityId.toLowerCase()}`,
        name: '基准社区',
        code_prefix: 'BJ',
        created_at: now,
      })
      .execute();
    await ensureCommunitySettings(database.db, communityId, now);
    const enterprises = BENCH_ENTERPRISES;
    await database.db
      .insertInto('enterprises')
      .values(
        enterprises.map((name) => ({
          id: newId(),
          community_id: communityId,
          name,
          industry: '电子',
          size: 'small' as const,
          employee_count: 100,
          contact_name: null,
          contact_phone_enc: null,
          address: null,
          active: 1 as const,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    const file = path.join(dir, 'ledger.xlsx');
    // Every phase runs in its own child process (the build, two bare reads, the dry run, the
    // commit), so each peak RSS below is that phase's own and the bench keeps neither the file
    // nor any phase's rows in its own memory.
    const t0 = performance.now();
    const built = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'bench-import-build.ts'), file, String(opts.rows)],
      { cwd: path.resolve(here, '../../..'), maxBuffer: 1024 * 1024 },
    );
    log(
      `built ${opts.rows.toLocaleString('en')} rows (${built.stdout.trim()} bad) in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${(fs.statSync(file).size / 1048576).toFixed(1)} MB XLSX`,
    );

    const base = { file, db: settings, importsDir: path.join(dir, 'imports'), communityId };
    await phase({ ...base, phase: 'bare' }); // warm-up (page cache); not counted
    const bare1 = await phase({ ...base, phase: 'bare' });
    const temp = path.join(dir, 'upload.xlsx');
    fs.copyFileSync(file, temp); // the service moves the upload into its imports directory
    const dry = await phase({ ...base, phase: 'dryRun', file: temp });
    const commit = await phase({ ...base, phase: 'commit', importId: dry.importId });
    const bare2 = await phase({ ...base, phase: 'bare' });
    const stored = Number(
      (
        await database.db
          .selectFrom('troubles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

    const rows = bare1.rows;
    const bareMs = (bare1.ms + bare2.ms) / 2;
    const bareCpu = (bare1.cpuMs + bare2.cpuMs) / 2;
    const importMs = dry.ms + commit.ms;
    const importCpu = dry.cpuMs + commit.cpuMs;
    const rate = (ms: number) => Math.round((rows * 1000) / ms).toLocaleString('en');
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const ratio = bareMs / importMs;
    const peakRss = Math.max(dry.maxRssMb, commit.maxRssMb);
    log(
      `exceljs bare streaming read: ${rate(bareMs)} rows/s (${s(bare1.ms)}, ${s(bare2.ms)}; CPU ${s(bareCpu)})`,
    );
    log(
      `our dry run (read + validate + dedupe look-ups + stage good rows + bad rows): ${rate(dry.ms)} rows/s (${s(dry.ms)}; CPU ${s(dry.cpuMs)}; ${dry.good} good, ${dry.bad} bad)`,
    );
    log(
      `our commit (staged rows: re-check + write troubles, events, keys, aggregates): ${rate(commit.ms)} rows/s (${s(commit.ms)}; CPU ${s(commit.cpuMs)}; ${commit.committed} committed, ${stored} troubles stored) on ${settings.client}`,
    );
    log(
      `our full import = dry run + commit: ${rate(importMs)} rows/s (${s(importMs)}; CPU ${s(importCpu)})`,
    );
    log(
      `ratio full import / bare read: ${ratio.toFixed(2)} by wall time, ${(bareCpu / importCpu).toFixed(2)} by CPU time (target ≥ 0.5) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
    );
    log(
      `peak RSS per phase (own process, kernel maxRSS): bare read ${bare1.maxRssMb.toFixed(0)} MB, import phases ${IMPORT_HEAP_MB > 0 ? `with --max-old-space-size=${IMPORT_HEAP_MB}` : 'without a heap bound'}: dry run ${dry.maxRssMb.toFixed(0)} MB, commit ${commit.maxRssMb.toFixed(0)} MB; loaded app before reading ${dry.startRssMb.toFixed(0)} MB (target < 300 MB) ${peakRss < 300 ? 'OK' : 'ABOVE TARGET'}`,
    );
  } finally {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
