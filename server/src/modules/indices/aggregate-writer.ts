import type { Kysely } from 'kysely';

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
  await db
    .insertInto('agg_trouble_days')
    .values(c)
    .onConflict((oc) =>
      oc.columns(['community_id', 'day', 'category_id']).doUpdateSet((eb) => ({
        troubles: eb('agg_trouble_days.troubles', '+', eb.ref('excluded.troubles')),
        major: eb('agg_trouble_days.major', '+', eb.ref('excluded.major')),
        urgent: eb('agg_trouble_days.urgent', '+', eb.ref('excluded.urgent')),
        workers: eb('agg_trouble_days.workers', '+', eb.ref('excluded.workers')),
      })),
    )
    .execute();
}

async function addMonth(db: Kysely<DB>, c: MonthCell): Promise<void> {
  await db
    .insertInto('agg_trouble_months')
    .values(c)
    .onConflict((oc) =>
      oc.columns(['community_id', 'month', 'category_id']).doUpdateSet((eb) => ({
        troubles: eb('agg_trouble_months.troubles', '+', eb.ref('excluded.troubles')),
        major: eb('agg_trouble_months.major', '+', eb.ref('excluded.major')),
        urgent: eb('agg_trouble_months.urgent', '+', eb.ref('excluded.urgent')),
        workers: eb('agg_trouble_months.workers', '+', eb.ref('excluded.workers')),
      })),
    )
    .execute();
}

/** All dimension cells of one trouble in one statement (their keys differ by `dim`). */
async function addDims(db: Kysely<DB>, cells: DimCell[]): Promise<void> {
  if (cells.length === 0) {
    return;
  }
  await db
    .insertInto('agg_trouble_dims')
    .values(cells)
    .onConflict((oc) =>
      oc.columns(['community_id', 'month', 'dim', 'value', 'category_id']).doUpdateSet((eb) => ({
        troubles: eb('agg_trouble_dims.troubles', '+', eb.ref('excluded.troubles')),
      })),
    )
    .execute();
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
