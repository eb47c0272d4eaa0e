import type { TestDatabase } from './test-db';

/** Every non-zero aggregate cell, in a canonical order. */
export async function aggregateSnapshot(database: TestDatabase) {
  const days = await database.db
    .selectFrom('agg_trouble_days')
    .selectAll()
    .orderBy(['community_id', 'day', 'category_id'])
    .execute();
  const months = await database.db
    .selectFrom('agg_trouble_months')
    .selectAll()
    .orderBy(['community_id', 'month', 'category_id'])
    .execute();
  const dims = await database.db
    .selectFrom('agg_trouble_dims')
    .selectAll()
    .orderBy(['community_id', 'month', 'dim', 'value', 'category_id'])
    .execute();
  const problems = await database.db
    .selectFrom('agg_problem_days')
    .selectAll()
    .orderBy(['community_id', 'day', 'category_id'])
    .execute();
  const nonZero = <T extends Record<string, unknown>>(rows: T[], keys: string[]) =>
    rows
      .filter((r) => keys.some((k) => Number(r[k]) !== 0))
      .map((r) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)]),
          ),
        ),
      );
  return {
    days: nonZero(days, ['troubles', 'major', 'urgent', 'workers']),
    months: nonZero(months, ['troubles', 'major', 'urgent', 'workers']),
    dims: nonZero(dims, ['troubles']),
    problems: nonZero(problems, [
      'problems',
      'answered',
      'closed',
      'coordinated_on_time',
      'answered_on_time',
      'overdue',
    ]),
  };
}
