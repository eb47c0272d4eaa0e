import type { Kysely } from 'kysely';

import { preparedRows } from '../../db/batch-sql';
import type { DB } from '../../db/schema';
import {
  type DayCell,
  type DimCell,
  type MonthCell,
  type ProblemCell,
  problemContribution,
  type ProblemFacts,
  troubleContribution,
  type TroubleFacts,
} from './contributions';

/**
 * Applies the change of one trouble to the aggregates, in the caller's transaction:
 * −contribution(before) +contribution(after). Either side may be null (insert).
 */
export async function applyTroubleChange(
  db: Kysely<DB>,
  before: TroubleFacts | null,
  after: TroubleFacts | null,
): Promise<void> {
  if (before && after && sameJson(troubleContribution(before, 1), troubleContribution(after, 1))) {
    return; // nothing the aggregates count has changed
  }
  const parts = [
    ...(before ? [troubleContribution(before, -1)] : []),
    ...(after ? [troubleContribution(after, 1)] : []),
  ];
  for (const part of parts) {
    await addDay(db, part.day);
    await addMonth(db, part.month);
    await addDims(db, part.dims);
  }
}

/**
 * Adds many new troubles to the aggregates at once (imports, intake batches): the same
 * contributions as applyTroubleChange(null, row) for each row, summed per cell first, so one
 * upsert per touched cell instead of five per row. Runs in the caller's transaction.
 */
export async function applyTroubleInserts(db: Kysely<DB>, rows: TroubleFacts[]): Promise<void> {
  const days = new Map<string, DayCell>();
  const months = new Map<string, MonthCell>();
  const dims = new Map<string, DimCell>();
  for (const row of rows) {
    // troubleContribution returns fresh cells: the first of a key is kept and summed into.
    const c = troubleContribution(row, 1);
    addWeights(days, `${c.day.community_id}|${c.day.day}|${c.day.category_id}`, c.day);
    addWeights(months, `${c.month.community_id}|${c.month.month}|${c.month.category_id}`, c.month);
    for (const d of c.dims) {
      const key = `${d.community_id}|${d.month}|${d.dim}|${d.value}|${d.category_id}`;
      const prior = dims.get(key);
      if (prior) {
        prior.troubles += d.troubles;
      } else {
        dims.set(key, d);
      }
    }
  }
  // Cells are unique per statement, so one multi-row upsert per table and chunk is safe on
  // both dialects (PostgreSQL refuses to touch a row twice in one statement). The SQL of each
  // chunk size is compiled once (db/batch-sql.ts): intake runs these for every batch.
  await upsertDays(db, [...days.values()]);
  await upsertMonths(db, [...months.values()]);
  await upsertDims(db, [...dims.values()]);
}

/** Sums a day or month cell into the map's cell under `key` (or keeps it as that cell). */
function addWeights<T extends DayCell | MonthCell>(map: Map<string, T>, key: string, cell: T) {
  const prior = map.get(key);
  if (prior) {
    prior.troubles += cell.troubles;
    prior.major += cell.major;
    prior.urgent += cell.urgent;
    prior.workers += cell.workers;
  } else {
    map.set(key, cell);
  }
}

const upsertDays = preparedRows<DayCell>({
  columns: ['community_id', 'day', 'category_id', 'troubles', 'major', 'urgent', 'workers'],
  build: (db, rows) => addDayQuery(db, rows as unknown as DayCell[]),
  maxChunk: 512,
});
const upsertMonths = preparedRows<MonthCell>({
  columns: ['community_id', 'month', 'category_id', 'troubles', 'major', 'urgent', 'workers'],
  build: (db, rows) => addMonthQuery(db, rows as unknown as MonthCell[]),
  maxChunk: 512,
});
const upsertDims = preparedRows<DimCell>({
  columns: ['community_id', 'month', 'category_id', 'dim', 'value', 'troubles'],
  build: (db, rows) => addDimsQuery(db, rows as unknown as DimCell[]),
  maxChunk: 512,
});

export async function applyProblemChange(
  db: Kysely<DB>,
  before: ProblemFacts | null,
  after: ProblemFacts | null,
): Promise<void> {
  if (before && after && sameJson(problemContribution(before, 1), problemContribution(after, 1))) {
    return;
  }
  const cells = [
    before ? problemContribution(before, -1) : null,
    after ? problemContribution(after, 1) : null,
  ];
  for (const cell of cells) {
    if (cell) {
      await addProblem(db, cell);
    }
  }
}

async function addDay(db: Kysely<DB>, c: DayCell): Promise<void> {
  await addDayQuery(db, c).execute();
}

function addDayQuery(db: Kysely<DB>, c: DayCell | DayCell[]) {
  return db
    .insertInto('agg_trouble_days')
    .values(c)
    .onConflict((oc) =>
      oc.columns(['community_id', 'day', 'category_id']).doUpdateSet((eb) => ({
        troubles: eb('agg_trouble_days.troubles', '+', eb.ref('excluded.troubles')),
        major: eb('agg_trouble_days.major', '+', eb.ref('excluded.major')),
        urgent: eb('agg_trouble_days.urgent', '+', eb.ref('excluded.urgent')),
        workers: eb('agg_trouble_days.workers', '+', eb.ref('excluded.workers')),
      })),
    );
}

async function addMonth(db: Kysely<DB>, c: MonthCell): Promise<void> {
  await addMonthQuery(db, c).execute();
}

function addMonthQuery(db: Kysely<DB>, c: MonthCell | MonthCell[]) {
  return db
    .insertInto('agg_trouble_months')
    .values(c)
    .onConflict((oc) =>
      oc.columns(['community_id', 'month', 'category_id']).doUpdateSet((eb) => ({
        troubles: eb('agg_trouble_months.troubles', '+', eb.ref('excluded.troubles')),
        major: eb('agg_trouble_months.major', '+', eb.ref('excluded.major')),
        urgent: eb('agg_trouble_months.urgent', '+', eb.ref('excluded.urgent')),
        workers: eb('agg_trouble_months.workers', '+', eb.ref('excluded.workers')),
      })),
    );
}

/** All dimension cells of one trouble in one statement (their keys differ by `dim`). */
async function addDims(db: Kysely<DB>, cells: DimCell[]): Promise<void> {
  if (cells.length === 0) {
    return;
  }
  await addDimsQuery(db, cells).execute();
}

function addDimsQuery(db: Kysely<DB>, cells: DimCell[]) {
  return db
    .insertInto('agg_trouble_dims')
    .values(cells)
    .onConflict((oc) =>
      oc.columns(['community_id', 'month', 'dim', 'value', 'category_id']).doUpdateSet((eb) => ({
        troubles: eb('agg_trouble_dims.troubles', '+', eb.ref('excluded.troubles')),
      })),
    );
}

async function addProblem(db: Kysely<DB>, c: ProblemCell): Promise<void> {
  await db
    .insertInto('agg_problem_days')
    .values(c)
    .onConflict((oc) =>
      oc.columns(['community_id', 'day', 'category_id']).doUpdateSet((eb) => ({
        problems: eb('agg_problem_days.problems', '+', eb.ref('excluded.problems')),
        answered: eb('agg_problem_days.answered', '+', eb.ref('excluded.answered')),
        closed: eb('agg_problem_days.closed', '+', eb.ref('excluded.closed')),
        coordinated_on_time: eb(
          'agg_problem_days.coordinated_on_time',
          '+',
          eb.ref('excluded.coordinated_on_time'),
        ),
        answered_on_time: eb(
          'agg_problem_days.answered_on_time',
          '+',
          eb.ref('excluded.answered_on_time'),
        ),
        overdue: eb('agg_problem_days.overdue', '+', eb.ref('excluded.overdue')),
      })),
    )
    .execute();
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
