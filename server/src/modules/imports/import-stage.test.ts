import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testConfig } from '../../../test/build-test-app';
import { buildEnterprise, buildWorld } from '../../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { writeLedger } from '../../bench/bench-import-build';
import { createDeps, type Deps } from '../../deps';
import { systemActor } from '../../shared/actor';
import { FakeClock } from '../../shared/clock';
import { rebuildAggregates } from '../indices';
import { noteRequest } from './import-activity';
import { IMPORT_BATCH, IMPORT_BATCH_CONTENDED, QUIET_MS } from './import-run';
import { createImportService, type ImportService } from './import-service';

/** The dry run stages its good rows; the commit writes them (and resumes, and falls back). */
let database: TestDatabase;
let deps: Deps;
let sut: ImportService;
let world: Awaited<ReturnType<typeof buildWorld>>;
let names: string[];
const clock = new FakeClock(Date.parse('2024-03-01T02:00:00Z'));
const ROWS = IMPORT_BATCH + 700;

beforeAll(async () => {
  database = await createTestDatabase({ clock });
  deps = createDeps(testConfig(database.dataDir), database, clock);
  sut = createImportService(deps);
  world = await buildWorld(database.db, clock.now());
  const more = [];
  for (let i = 0; i < 3; i++) {
    more.push(await buildEnterprise(database.db, world.community.id, clock.now()));
  }
  names = [world.enterprise.name, ...more.map((e) => e.name)];
});

afterAll(async () => {
  await sut.drain();
  await deps.committer.close();
  await database.destroy();
});

async function ledger(rows: number): Promise<{ file: string; bad: number }> {
  const file = path.join(os.tmpdir(), `import-stage-${Math.random().toString(36).slice(2)}.xlsx`);
  const bad = await writeLedger(file, rows, names);
  return { file, bad };
}

const count = async (table: 'troubles' | 'import_keys') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function dryRun(file: string) {
  return sut.start({
    actor: systemActor,
    kind: 'troubles',
    community: world.community.id,
    tempFile: file,
    fileName: 'ledger.xlsx',
    wait: true,
  });
}

const stageOf = async (id: string) => {
  const job = await database.db
    .selectFrom('import_jobs')
    .select('storage_name')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return path.join(testConfig(database.dataDir).imports.dir, `${job.storage_name}.staged`);
};

describe('dry run, stage, commit', () => {
  it('resumes a commit that stopped after its first batch: every good row once, none twice', async () => {
    const { file, bad } = await ledger(ROWS);
    const dry = await dryRun(file);
    expect(dry.counts).toEqual({ good: ROWS - bad, bad, skipped: 0, committed: 0 });
    expect(fs.existsSync(await stageOf(dry.id))).toBe(true);

    // The process "dies" right after the first batch's transaction has committed.
    let batches = 0;
    const failed = await sut.commit({
      actor: systemActor,
      id: dry.id,
      wait: true,
      onProgress: () => {
        if (++batches === 1) {
          throw new Error('crash');
        }
      },
    });
    expect(failed.status).toBe('failed');
    const partial = await count('troubles');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ROWS - bad);
    expect(failed.counts.committed).toBe(partial);

    const done = await sut.commit({ actor: systemActor, id: dry.id, wait: true });
    expect(done.status).toBe('committed');
    expect(done.counts).toEqual({ good: ROWS - bad, bad, skipped: 0, committed: ROWS - bad });
    expect(await count('troubles')).toBe(ROWS - bad);
    expect(await count('import_keys')).toBe(ROWS - bad);
    expect(fs.existsSync(await stageOf(dry.id))).toBe(false);
    const months = async () =>
      (await database.db.selectFrom('agg_trouble_months').selectAll().execute())
        .filter((r) => r.troubles !== 0)
        .map((r) => JSON.stringify(Object.entries(r).sort()))
        .sort();
    const incremental = await months();
    await database.db.transaction().execute((trx) => rebuildAggregates(trx));
    expect(await months()).toEqual(incremental);

    // The same file again: nothing new.
    const again = await dryRun((await ledger(ROWS)).file);
    expect(again.counts).toEqual({ good: 0, bad, skipped: ROWS - bad, committed: 0 });
    const none = await sut.commit({ actor: systemActor, id: again.id, wait: true });
    expect(none.counts.committed).toBe(0);
    expect(await count('troubles')).toBe(ROWS - bad);
  });

  it('re-checks what can change after the dry run: rows of a deactivated enterprise turn bad', async () => {
    const gone = await buildEnterprise(database.db, world.community.id, clock.now());
    names = [gone.name];
    const { file, bad } = await ledger(40);
    const dry = await dryRun(file);
    expect(dry.counts.good).toBe(40 - bad);
    await database.db
      .updateTable('enterprises')
      .set({ active: 0 })
      .where('id', '=', gone.id)
      .execute();
    const before = await count('troubles');
    const view = await sut.commit({ actor: systemActor, id: dry.id, wait: true });
    expect(view.status).toBe('committed');
    expect(view.counts).toEqual({ good: 0, bad: 40, skipped: 0, committed: 0 });
    expect(await count('troubles')).toBe(before);
    const reasons = new Set(view.errors.map((e) => e.code));
    expect(reasons.has('unknown_enterprise')).toBe(true);
    const rows = [];
    for await (const r of (await sut.badRows(systemActor, view.id)).rows()) {
      rows.push(r);
    }
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.cells.includes(gone.name) || r.errors[0]!.code === 'bad_date')).toBe(
      true,
    );
  });

  it('without a complete stage (truncated file) the commit reads and validates the file again', async () => {
    names = [(await buildEnterprise(database.db, world.community.id, clock.now())).name];
    const { file, bad } = await ledger(60);
    const dry = await dryRun(file);
    const stage = await stageOf(dry.id);
    const text = fs.readFileSync(stage, 'utf8');
    fs.writeFileSync(stage, text.slice(0, Math.floor(text.length / 2)));
    const before = await count('troubles');
    const view = await sut.commit({ actor: systemActor, id: dry.id, wait: true });
    expect(view.status).toBe('committed');
    expect(view.counts).toEqual({ good: 60 - bad, bad, skipped: 0, committed: 60 - bad });
    expect(await count('troubles')).toBe(before + 60 - bad);
  });

  it('does not use a stage of another format version: the commit validates the file again', async () => {
    names = [(await buildEnterprise(database.db, world.community.id, clock.now())).name];
    const { file, bad } = await ledger(30);
    const dry = await dryRun(file);
    const stage = await stageOf(dry.id);
    const lines = fs.readFileSync(stage, 'utf8').split('\n');
    lines[0] = lines[0]!.replace('"stage":2', '"stage":1');
    fs.writeFileSync(stage, lines.join('\n'));
    const before = await count('troubles');
    const view = await sut.commit({ actor: systemActor, id: dry.id, wait: true });
    expect(view.status).toBe('committed');
    expect(view.counts).toEqual({ good: 30 - bad, bad, skipped: 0, committed: 30 - bad });
    expect(await count('troubles')).toBe(before + 30 - bad);
  });
});

/** Rows committed by each batch of a commit (from its progress callbacks). */
async function commitBatches(id: string, during?: () => Promise<void>) {
  const sizes: number[] = [];
  let last = 0;
  let done = false;
  // Each query of the load comes in a macrotask of its own, as requests do.
  const load = (async () => {
    while (during && !done) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await during();
    }
  })();
  const view = await sut.commit({
    actor: systemActor,
    id,
    wait: true,
    onProgress: (job) => {
      sizes.push(job.committed_rows - last);
      last = job.committed_rows;
    },
  });
  done = true;
  await load;
  return { view, sizes };
}

describe('commit batches: small while other requests come in', () => {
  it('start small and double while no other request comes in, up to IMPORT_BATCH', async () => {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    names = [(await buildEnterprise(database.db, world.community.id, clock.now())).name];
    const { file, bad } = await ledger(IMPORT_BATCH + 3000);
    const dry = await dryRun(file);
    const before = await count('troubles');
    const { view, sizes } = await commitBatches(dry.id);
    expect(view.counts.committed).toBe(IMPORT_BATCH + 3000 - bad);
    const expected: number[] = [];
    for (let size = IMPORT_BATCH_CONTENDED, left = IMPORT_BATCH + 3000 - bad; left > 0;) {
      expected.push(Math.min(size, left));
      left -= size;
      size = Math.min(IMPORT_BATCH, size * 2);
    }
    // Bad rows are not staged, so each batch commits exactly its staged (good) rows.
    expect(sizes).toEqual(expected);
    expect(await count('troubles')).toBe(before + IMPORT_BATCH + 3000 - bad);
  });

  it('write small transactions while requests are being served; every row once', async () => {
    names = [(await buildEnterprise(database.db, world.community.id, clock.now())).name];
    const { file, bad } = await ledger(3000);
    const dry = await dryRun(file);
    const before = await count('troubles');
    let queries = 0;
    // A stand-in for intake: a request comes in (and queries) every millisecond.
    const { view, sizes } = await commitBatches(dry.id, async () => {
      queries++;
      noteRequest('/api/v1/troubles');
      await database.db.selectFrom('communities').select('id').limit(1).execute();
    });
    expect(view.status).toBe('committed');
    expect(view.counts.committed).toBe(3000 - bad);
    expect(queries).toBeGreaterThan(sizes.length);
    // The first batch is decided before the first request; every later one is small.
    expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(IMPORT_BATCH_CONTENDED);
    expect(sizes.length).toBeGreaterThan(10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(3000 - bad);
    expect(await count('troubles')).toBe(before + 3000 - bad);
    expect(await count('import_keys')).toBe(await count('troubles'));
    const months = async () =>
      (await database.db.selectFrom('agg_trouble_months').selectAll().execute())
        .filter((r) => r.troubles !== 0)
        .map((r) => JSON.stringify(Object.entries(r).sort()))
        .sort();
    const incremental = await months();
    await database.db.transaction().execute((trx) => rebuildAggregates(trx));
    expect(await months()).toEqual(incremental);
  });
});
it('validates in full batches while requests come in (dry run)', async () => {
  names = [(await buildEnterprise(database.db, world.community.id, clock.now())).name];
  const { file } = await ledger(2000);
  const steps: number[] = [];
  let last = 0;
  let done = false;
  const load = (async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      noteRequest('/api/v1/troubles');
    }
  })();
  const view = await sut.start({
    actor: systemActor,
    kind: 'troubles',
    community: world.community.id,
    tempFile: file,
    fileName: 'ledger.xlsx',
    wait: true,
    onProgress: (job) => {
      steps.push(job.rows_read - last);
      last = job.rows_read;
    },
  });
  done = true;
  await load;
  expect(view.status).toBe('validated');
  expect(view.progress.rowsRead).toBe(2000);
  expect(Math.max(...steps.slice(1))).toBeLessThanOrEqual(IMPORT_BATCH_CONTENDED);
});
