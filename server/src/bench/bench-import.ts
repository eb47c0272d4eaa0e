import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import ExcelJS from 'exceljs';

import { prepareDatabase } from '../bootstrap';
import type { Config } from '../config';
import { createDeps } from '../deps';
import { createImportService, XLSX_READER_OPTIONS } from '../modules/imports';
import { ensureCommunitySettings } from '../modules/promise';
import { systemActor } from '../shared/actor';
import { systemClock } from '../shared/clock';
import { newId } from '../shared/ids';
import { BENCH_ENTERPRISES } from './bench-import-build';
import { freshDatabase } from './bench-indices';

const execFileAsync = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/** Peak RSS while `fn` runs, sampled every 20 ms (and the process maximum from the kernel). */
async function measured<T>(fn: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  try {
    const result = await fn();
    return {
      result,
      ms: performance.now() - t0,
      peakMb: Math.max(peak, process.memoryUsage().rss) / 1048576,
    };
  } finally {
    clearInterval(timer);
  }
}

/** exceljs's own streaming read of the file: the baseline rate. */
async function bareRead(file: string): Promise<number> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, XLSX_READER_OPTIONS);
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

/**
 * `npx fannao bench import`: builds an N-row troubles XLSX, then in the same process times
 * exceljs's bare streaming read of it against our import (parse + validate + commit: the commit
 * pass re-reads and re-validates the file and writes the troubles, events, keys and aggregates),
 * and prints rows/s, the ratio (target ≥ 0.5) and the peak RSS (target < 300 MB).
 */
export async function benchImport(
  config: Config,
  opts: { rows: number; db: 'sqlite' | 'postgres' },
) {
  const { database, cleanup } = await freshDatabase(opts.db, config);
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
    // Built in a child process, so that the writer's memory does not count against the reader's.
    const gen = await measured(async () => {
      const out = await execFileAsync(
        process.execPath,
        ['--import', 'tsx', path.join(here, 'bench-import-build.ts'), file, String(opts.rows)],
        { cwd: path.resolve(here, '../../..'), maxBuffer: 1024 * 1024 },
      );
      return Number(out.stdout.trim());
    });
    log(
      `built ${opts.rows.toLocaleString('en')} rows (${gen.result} bad) in ${(gen.ms / 1000).toFixed(1)} s: ${(fs.statSync(file).size / 1048576).toFixed(1)} MB XLSX`,
    );

    await bareRead(file); // warm-up (JIT, page cache); not timed
    const bare1 = await measured(() => bareRead(file));
    const benchConfig = {
      ...config,
      imports: { ...config.imports, dir: path.join(dir, 'imports') },
    };
    const imports = createImportService(createDeps(benchConfig, database, systemClock));
    const temp = path.join(dir, 'upload.xlsx');
    fs.copyFileSync(file, temp);
    const dry = await measured(() =>
      imports.start({
        actor: systemActor,
        kind: 'troubles',
        community: communityId,
        tempFile: temp,
        fileName: 'ledger.xlsx',
        wait: true,
      }),
    );
    const commit = await measured(() =>
      imports.commit({ actor: systemActor, id: dry.result.id, wait: true }),
    );
    const bare2 = await measured(() => bareRead(file));
    const stored = Number(
      (
        await database.db
          .selectFrom('troubles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

    const rows = bare1.result;
    const bareMs = (bare1.ms + bare2.ms) / 2;
    const rate = (ms: number) => Math.round((rows * 1000) / ms);
    const ratio = bareMs / commit.ms;
    const peakRss = Math.max(bare1.peakMb, dry.peakMb, commit.peakMb, bare2.peakMb);
    log(
      `exceljs bare streaming read: ${rate(bareMs).toLocaleString('en')} rows/s (${(bare1.ms / 1000).toFixed(2)} s, ${(bare2.ms / 1000).toFixed(2)} s)`,
    );
    log(
      `our dry run (parse + validate):  ${rate(dry.ms).toLocaleString('en')} rows/s (${(dry.ms / 1000).toFixed(2)} s; ${dry.result.counts.good} good, ${dry.result.counts.bad} bad)`,
    );
    log(
      `our import (parse + validate + commit): ${rate(commit.ms).toLocaleString('en')} rows/s (${(commit.ms / 1000).toFixed(2)} s; ${commit.result.counts.committed} committed, ${stored} troubles stored) on ${database.dialect}`,
    );
    log(
      `ratio import / bare read: ${ratio.toFixed(2)} (target ≥ 0.5) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
    );
    log(`ratio dry run + commit / bare read: ${(bareMs / (dry.ms + commit.ms)).toFixed(2)}`);
    log(
      `peak RSS (sampled): bare read ${bare1.peakMb.toFixed(0)} MB, dry run ${dry.peakMb.toFixed(0)} MB, import ${commit.peakMb.toFixed(0)} MB; process maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB incl. building the file (target < 300 MB) ${peakRss < 300 ? 'OK' : 'ABOVE TARGET'}`,
    );
  } finally {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
