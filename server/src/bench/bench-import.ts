import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import type { Kysely } from 'kysely';

import { prepareDatabase } from '../bootstrap';
import type { Config } from '../config';
import type { DB } from '../db/schema';
import { ensureCommunitySettings } from '../modules/promise';
import { systemClock } from '../shared/clock';
import { newId } from '../shared/ids';
import { benchEnterpriseRows } from './bench-import-build';
import {
  FLOOR_ROWS,
  type FloorInput,
  type FloorOutput,
  prepareFloorDatabase,
} from './bench-import-floor';
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
  const heap =
    input.phase !== 'bare' && IMPORT_HEAP_MB > 0 ? [`--max-old-space-size=${IMPORT_HEAP_MB}`] : [];
  return child<PhaseOutput>('bench-import-phase.ts', input, heap);
}

/** Runs `script` (beside this file) in a fresh Node process; its last stdout line is the answer. */
async function child<T>(script: string, input: unknown, nodeArgs: string[] = []): Promise<T> {
  const prof = process.env.FANNAO_BENCH_CPU_PROF;
  const extra = (process.env.FANNAO_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const out = await execFileAsync(
    process.execPath,
    [
      ...nodeArgs,
      ...extra,
      ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
      '--import',
      'tsx',
      path.join(here, script),
      JSON.stringify(input),
    ],
    { cwd: path.resolve(here, '../../..'), maxBuffer: 1024 * 1024 },
  );
  const lines = out.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
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
  opts: { rows: number; db: 'sqlite' | 'postgres'; json?: boolean },
) {
  const { database, settings, cleanup } = await freshDatabase(opts.db, config);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-bench-import-'));
  const log = (s: string) => {
    if (!opts.json) {
      process.stdout.write(`${s}\n`);
    }
  };
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
    await database.db
      .insertInto('enterprises')
      .values(benchEnterpriseRows(communityId, now))
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

    // The floor: the commit's rows written again by the bare driver into a fresh database.
    const floorDb = await freshDatabase(opts.db, config);
    let floor: FloorOutput;
    let floorMatches: boolean;
    try {
      await prepareFloorDatabase(database.db, floorDb.database.db, dry.importId!);
      floor = await child<FloorOutput>('bench-import-floor.ts', {
        source: settings,
        target: floorDb.settings,
        importId: dry.importId!,
      } satisfies FloorInput);
      floorMatches = await sameRows(database.db, floorDb.database.db);
    } finally {
      await floorDb.cleanup();
    }

    const rows = bare1.rows;
    const bareMs = (bare1.ms + bare2.ms) / 2;
    const bareCpu = (bare1.cpuMs + bare2.cpuMs) / 2;
    const importMs = dry.ms + commit.ms;
    const importCpu = dry.cpuMs + commit.cpuMs;
    const rate = (ms: number, n = rows) => Math.round((n * 1000) / ms).toLocaleString('en');
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const ratio = bareMs / importMs;
    const peakRss = Math.max(dry.maxRssMb, commit.maxRssMb);
    // Rates per row of the file (as the bare read and the import), so that ratios compare times.
    const floorRatio = { wall: bareMs / floor.ms, cpu: bareCpu / floor.cpuMs };
    const commitVsFloor = { wall: floor.ms / commit.ms, cpu: floor.cpuMs / commit.cpuMs };
    // The best a full import could do if the dry run cost one bare read and the commit its floor.
    const bound = { wall: bareMs / (bareMs + floor.ms), cpu: bareCpu / (bareCpu + floor.cpuMs) };
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
      `floor (the commit's rows — ${Object.entries(floor.written)
        .map(([t, n]) => `${n.toLocaleString('en')} ${t}`)
        .join(
          ', ',
        )} — rewritten by the bare driver in ${floor.transactions} transactions, ${FLOOR_ROWS}-row INSERTs, into a fresh database; ${floorMatches ? 'same rows as the commit' : 'ROWS DIFFER FROM THE COMMIT'}): ${rate(floor.ms)} rows/s of the file (${s(floor.ms)}; CPU ${s(floor.cpuMs)}${settings.client === 'postgres' ? ' of the bench process; the server works on the same cores' : ''})`,
    );
    log(
      `floor / bare read: ${floorRatio.wall.toFixed(2)} by wall time, ${floorRatio.cpu.toFixed(2)} by CPU · our commit / floor: ${commitVsFloor.wall.toFixed(2)} by wall, ${commitVsFloor.cpu.toFixed(2)} by CPU · best full-import ratio with this schema (dry run = one bare read, commit = floor): ${bound.wall.toFixed(2)} by wall, ${bound.cpu.toFixed(2)} by CPU`,
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
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const phaseJson = (p: { ms: number; cpuMs: number }) => ({
      rowsPerSec: Math.round((rows * 1000) / p.ms),
      ms: Math.round(p.ms),
      cpuMs: Math.round(p.cpuMs),
    });
    const summary = {
      db: settings.client,
      rows,
      loadAverage: os.loadavg().map(r2),
      bare: { ...phaseJson({ ms: bareMs, cpuMs: bareCpu }), maxRssMb: Math.round(bare1.maxRssMb) },
      dryRun: {
        ...phaseJson(dry),
        maxRssMb: Math.round(dry.maxRssMb),
        good: dry.good,
        bad: dry.bad,
      },
      commit: {
        ...phaseJson(commit),
        maxRssMb: Math.round(commit.maxRssMb),
        committed: commit.committed,
      },
      floor: {
        ...phaseJson(floor),
        statementRows: FLOOR_ROWS,
        transactions: floor.transactions,
        written: floor.written,
        sameRowsAsCommit: floorMatches,
      },
      fullImport: phaseJson({ ms: importMs, cpuMs: importCpu }),
      ratio: { wall: r2(ratio), cpu: r2(bareCpu / importCpu) },
      floorVsBare: { wall: r2(floorRatio.wall), cpu: r2(floorRatio.cpu) },
      commitVsFloor: { wall: r2(commitVsFloor.wall), cpu: r2(commitVsFloor.cpu) },
      bestRatioWithThisSchema: { wall: r2(bound.wall), cpu: r2(bound.cpu) },
      importHeapMb: IMPORT_HEAP_MB,
    };
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    }
    return summary;
  } finally {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** True when the floor's database holds the same rows as the committed one (counts and sums). */
async function sameRows(a: Kysely<DB>, b: Kysely<DB>): Promise<boolean> {
  const facts = async (db: Kysely<DB>) =>
    JSON.stringify([
      await db
        .selectFrom('troubles')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('max')])
        .executeTakeFirst(),
      await db
        .selectFrom('events')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('max')])
        .executeTakeFirst(),
      await db
        .selectFrom('import_keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
      await db
        .selectFrom('agg_trouble_days')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('troubles').as('t')])
        .executeTakeFirst(),
      await db
        .selectFrom('agg_trouble_months')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('workers').as('w')])
        .executeTakeFirst(),
      await db
        .selectFrom('agg_trouble_dims')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('troubles').as('t')])
        .executeTakeFirst(),
    ]).replace(/"(\d+)"/g, '$1');
  return (await facts(a)) === (await facts(b));
}
