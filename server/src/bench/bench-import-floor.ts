import { fileURLToPath } from 'node:url';

import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import pg from 'pg';

import { createDatabase, type DbSettings } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { DB } from '../db/schema';
import { importBatchSizer } from '../modules/imports/import-run';
import { troubleContribution, type TroubleFacts } from '../modules/indices/contributions';

/**
 * The floor of the commit (`npx fannao bench import`, docs/import-export.md "Benchmark"): the
 * rows our commit wrote for the bench file — troubles, their timeline events, natural keys,
 * aggregate cells and the job's counters — written again into a fresh, identically migrated
 * database by nothing but the driver (better-sqlite3 or pg): prepared multi-row INSERTs of
 * FLOOR_ROWS rows, the aggregate cells as the same multi-row upserts, one transaction per batch
 * of the commit (importBatchSizer), SQLite with the commit's PRAGMAs. No query builder, no
 * validation, no stage, no encryption, no ids: what is left is the database's own work for this
 * schema, which no import code can go below.
 */

/** Rows per multi-row INSERT: what the product's bulkInsert uses (import-target-repository.ts). */
export const FLOOR_ROWS = Number(process.env.FANNAO_BENCH_FLOOR_ROWS ?? 100);

export interface FloorInput {
  /** The database the commit wrote (rows are read from it before the clock starts). */
  source: DbSettings;
  /** A fresh database, migrated and holding the referenced rows (prepareFloorDatabase). */
  target: DbSettings;
  importId: string;
}

export interface FloorOutput {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  /** Troubles written. */
  rows: number;
  /** Rows written per table (equal to what the commit wrote: checked by the parent). */
  written: Record<string, number>;
  transactions: number;
}

type Row = Record<string, unknown>;

/** Migrates the floor's database and copies the rows the commit's rows refer to (untimed). */
export async function prepareFloorDatabase(
  source: Kysely<DB>,
  target: Kysely<DB>,
  importId: string,
): Promise<void> {
  await migrateToLatest(target);
  const copy = async (table: keyof DB, rows: Row[]) => {
    for (let i = 0; i < rows.length; i += 200) {
      await target
        .insertInto(table)
        .values(rows.slice(i, i + 200))
        .execute();
    }
  };
  await copy('counties', await source.selectFrom('counties').selectAll().execute());
  await copy('communities', await source.selectFrom('communities').selectAll().execute());
  await copy('enterprises', await source.selectFrom('enterprises').selectAll().execute());
  const categories = await source.selectFrom('categories').selectAll().execute();
  await copy(
    'categories',
    categories.filter((c) => c.parent_id === null),
  );
  await copy(
    'categories',
    categories.filter((c) => c.parent_id !== null),
  );
  const job = await source
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  await copy('import_jobs', [
    { ...job, status: 'committing', committed_rows: 0, committed_through_row: 0 },
  ]);
}

interface Batch {
  troubles: Row[];
  events: Row[];
  keys: Row[];
  days: Row[];
  months: Row[];
  dims: Row[];
  job: unknown[];
}

/** The commit's rows, in its batches (read back from the committed database, untimed). */
async function commitBatches(source: Kysely<DB>, importId: string): Promise<Batch[]> {
  const keys = await source
    .selectFrom('import_keys')
    .selectAll()
    .where('import_id', '=', importId)
    .orderBy('row_no')
    .execute();
  const ids = source
    .selectFrom('import_keys')
    .select('record_id')
    .where('import_id', '=', importId);
  const troubles = new Map<string, Row>();
  for (const t of await source
    .selectFrom('troubles')
    .selectAll()
    .where('id', 'in', ids)
    .execute()) {
    troubles.set(t.id, t);
  }
  const events = new Map<string, Row[]>();
  for (const e of await source
    .selectFrom('events')
    .selectAll()
    .where('entity_type', '=', 'trouble')
    .where('entity_id', 'in', ids)
    .orderBy('id')
    .execute()) {
    const list = events.get(e.entity_id) ?? [];
    list.push(e);
    events.set(e.entity_id, list);
  }
  const job = await source
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  const batches: Batch[] = [];
  let committed = 0;
  // The commit's transaction boundaries: its batch sizer with no other request (it starts small
  // and doubles up to IMPORT_BATCH).
  const sizer = importBatchSizer(true);
  for (let at = 0; at < keys.length; at += sizer.size, sizer.next()) {
    const batchKeys = keys.slice(at, at + sizer.size);
    const rows = batchKeys.map((k) => troubles.get(k.record_id)!);
    // The cells applyTroubleInserts upserts for this batch: contributions summed per cell.
    const days = new Map<string, Row>();
    const months = new Map<string, Row>();
    const dims = new Map<string, Row>();
    for (const r of rows) {
      const c = troubleContribution(r as unknown as TroubleFacts, 1);
      sum(days, `${c.day.day}|${c.day.category_id}`, c.day as unknown as Row);
      sum(months, `${c.month.month}|${c.month.category_id}`, c.month as unknown as Row);
      for (const d of c.dims) {
        sum(dims, `${d.month}|${d.dim}|${d.value}|${d.category_id}`, d as unknown as Row);
      }
    }
    committed += rows.length;
    batches.push({
      troubles: rows,
      events: rows.flatMap((r) => events.get(r.id as string) ?? []),
      keys: batchKeys,
      days: [...days.values()].map((c) => pick(c, DAY_COLUMNS)),
      months: [...months.values()].map((c) => pick(c, MONTH_COLUMNS)),
      dims: [...dims.values()].map((c) => pick(c, DIM_COLUMNS)),
      // The job's counters and resume point (commitBatch's updateJob).
      job: [
        job.good_rows,
        job.bad_rows,
        job.skipped_rows,
        committed,
        job.total_estimate,
        job.bytes_read,
        Date.now(),
        committed,
        batchKeys[batchKeys.length - 1]!.row_no,
        importId,
      ],
    });
  }
  return batches;
}

function sum(map: Map<string, Row>, key: string, cell: Row) {
  const prior = map.get(key);
  if (!prior) {
    map.set(key, { ...cell });
    return;
  }
  for (const k of ['troubles', 'major', 'urgent', 'workers']) {
    if (k in cell) {
      prior[k] = (prior[k] as number) + (cell[k] as number);
    }
  }
}

const DAY_COLUMNS = [
  'community_id',
  'day',
  'category_id',
  'troubles',
  'major',
  'urgent',
  'workers',
];
const MONTH_COLUMNS = [
  'community_id',
  'month',
  'category_id',
  'troubles',
  'major',
  'urgent',
  'workers',
];
const DIM_COLUMNS = ['community_id', 'month', 'category_id', 'dim', 'value', 'troubles'];

function pick(row: Row, columns: string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c]]));
}

const JOB_UPDATE =
  'update "import_jobs" set "good_rows" = ?, "bad_rows" = ?, "skipped_rows" = ?, "rows_read" = ?, "total_estimate" = ?, "bytes_read" = ?, "heartbeat_at" = ?, "committed_rows" = ?, "committed_through_row" = ? where "id" = ?';

/** What one table's rows look like as statements: columns and the upsert clause, if any. */
interface TableShape {
  table: string;
  columns: string[];
  conflict?: string;
}

function shapes(batch: Batch): TableShape[] {
  const add = (t: string, cols: string[]) =>
    cols.map((c) => `"${c}" = "${t}"."${c}" + excluded."${c}"`).join(', ');
  return [
    { table: 'troubles', columns: Object.keys(batch.troubles[0]!) },
    {
      table: 'agg_trouble_days',
      columns: DAY_COLUMNS,
      conflict: `on conflict ("community_id", "day", "category_id") do update set ${add('agg_trouble_days', ['troubles', 'major', 'urgent', 'workers'])}`,
    },
    {
      table: 'agg_trouble_months',
      columns: MONTH_COLUMNS,
      conflict: `on conflict ("community_id", "month", "category_id") do update set ${add('agg_trouble_months', ['troubles', 'major', 'urgent', 'workers'])}`,
    },
    {
      table: 'agg_trouble_dims',
      columns: DIM_COLUMNS,
      conflict: `on conflict ("community_id", "month", "dim", "value", "category_id") do update set ${add('agg_trouble_dims', ['troubles'])}`,
    },
    { table: 'events', columns: Object.keys(batch.events[0]!) },
    { table: 'import_keys', columns: Object.keys(batch.keys[0]!) },
  ];
}

function rowsOf(batch: Batch, table: string): Row[] {
  switch (table) {
    case 'troubles':
      return batch.troubles;
    case 'agg_trouble_days':
      return batch.days;
    case 'agg_trouble_months':
      return batch.months;
    case 'agg_trouble_dims':
      return batch.dims;
    case 'events':
      return batch.events;
    default:
      return batch.keys;
  }
}

/** `insert into t (cols) values (…), … [on conflict …]` for `n` rows; `?` or `$n` placeholders. */
function statementText(shape: TableShape, n: number, numbered: boolean): string {
  const cols = shape.columns.map((c) => `"${c}"`).join(', ');
  const tuples: string[] = [];
  for (let r = 0; r < n; r++) {
    const base = r * shape.columns.length;
    tuples.push(
      `(${shape.columns.map((_, c) => (numbered ? `$${base + c + 1}` : '?')).join(', ')})`,
    );
  }
  return `insert into "${shape.table}" (${cols}) values ${tuples.join(', ')}${shape.conflict ? ` ${shape.conflict}` : ''}`;
}

/** Flat parameters of `rows` in `columns` order (built before the clock starts). */
function params(rows: Row[], columns: string[]): unknown[] {
  const out: unknown[] = [];
  for (const r of rows) {
    for (const c of columns) {
      out.push(r[c] ?? null);
    }
  }
  return out;
}

interface Prepared {
  text: (n: number) => string;
  chunks: { n: number; values: unknown[] }[];
}

/** Every statement of every batch, its parameters bound in advance: the timed loop only runs. */
function prepare(batches: Batch[], numbered: boolean): { table: string; prepared: Prepared }[][] {
  const texts = new Map<string, string>();
  return batches.map((batch) =>
    shapes(batch).map((shape) => {
      const rows = rowsOf(batch, shape.table);
      const chunks: Prepared['chunks'] = [];
      for (let i = 0; i < rows.length; i += FLOOR_ROWS) {
        const part = rows.slice(i, i + FLOOR_ROWS);
        chunks.push({ n: part.length, values: params(part, shape.columns) });
      }
      return {
        table: shape.table,
        prepared: {
          chunks,
          text: (n: number) => {
            const key = `${shape.table}|${n}`;
            let t = texts.get(key);
            if (t === undefined) {
              t = statementText(shape, n, numbered);
              texts.set(key, t);
            }
            return t;
          },
        },
      };
    }),
  );
}

function sqliteValue(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

async function runFloor(input: FloorInput): Promise<FloorOutput> {
  const source = createDatabase(input.source);
  let batches: Batch[];
  try {
    batches = await commitBatches(source.db, input.importId);
  } finally {
    await source.close();
  }
  const written: Record<string, number> = {};
  for (const b of batches) {
    for (const [t, n] of [
      ['troubles', b.troubles.length],
      ['events', b.events.length],
      ['import_keys', b.keys.length],
      ['agg_trouble_days', b.days.length],
      ['agg_trouble_months', b.months.length],
      ['agg_trouble_dims', b.dims.length],
    ] as const) {
      written[t] = (written[t] ?? 0) + n;
    }
  }
  const numbered = input.target.client === 'postgres';
  const plan = prepare(batches, numbered);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let ms: number;
  let cpuMs: number;
  if (input.target.client === 'sqlite') {
    // The connection as db/database.ts opens it, with the commit's bulk PRAGMAs (withBulkWrites).
    const handle = new SQLite(input.target.file);
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = FULL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    handle.pragma('cache_size = -16000');
    handle.pragma('wal_autocheckpoint = 10000');
    const statements = new Map<string, SQLite.Statement>();
    const stmt = (text: string) => {
      let s = statements.get(text);
      if (!s) {
        s = handle.prepare(text);
        statements.set(text, s);
      }
      return s;
    };
    const begin = handle.prepare('begin');
    const commit = handle.prepare('commit');
    const jobUpdate = handle.prepare(JOB_UPDATE);
    for (const steps of plan) {
      for (const { prepared } of steps) {
        for (const c of prepared.chunks) {
          c.values = c.values.map(sqliteValue);
          stmt(prepared.text(c.n)); // prepared before the clock, as the product's cache would be
        }
      }
    }
    const c0 = cpu();
    const t0 = performance.now();
    plan.forEach((steps, i) => {
      begin.run();
      for (const { prepared } of steps) {
        for (const c of prepared.chunks) {
          stmt(prepared.text(c.n)).run(c.values);
        }
      }
      jobUpdate.run(batches[i]!.job);
      commit.run();
    });
    ms = performance.now() - t0;
    cpuMs = cpu() - c0;
    handle.close();
  } else {
    const client = new pg.Client({
      connectionString: input.target.url,
      ...(input.target.schema ? { options: `-c search_path=${input.target.schema}` } : {}),
    });
    await client.connect();
    const jobUpdate = JOB_UPDATE.split('?').reduce(
      (a, part, i) => (i === 0 ? part : `${a}$${i}${part}`),
      '',
    );
    try {
      const c0 = cpu();
      const t0 = performance.now();
      for (let i = 0; i < plan.length; i++) {
        await client.query('begin');
        for (const { prepared } of plan[i]!) {
          for (const c of prepared.chunks) {
            await client.query(prepared.text(c.n), c.values);
          }
        }
        await client.query(jobUpdate, batches[i]!.job);
        await client.query('commit');
      }
      ms = performance.now() - t0;
      cpuMs = cpu() - c0;
    } finally {
      await client.end();
    }
  }
  return {
    ms,
    cpuMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rows: written.troubles ?? 0,
    written,
    transactions: batches.length,
  };
}

// `node --import tsx bench-import-floor.ts '<json>'` (spawned by `npx fannao bench import`).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await runFloor(JSON.parse(process.argv[2]!) as FloorInput);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
