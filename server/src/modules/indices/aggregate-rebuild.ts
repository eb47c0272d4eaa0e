import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import {
  type DayCell,
  type DimCell,
  type MonthCell,
  type ProblemCell,
  problemContribution,
  troubleContribution,
} from './contributions';

const PAGE = 5000;
const INSERT_CHUNK = 400;

/**
 * Recomputes every index aggregate from the raw `troubles` and `problems` rows (the command
 * `npx fannao indices rebuild`). Reads in id order, page by page, so memory grows with the
 * aggregates, not with the raw tables. Run inside a transaction to swap atomically.
 */
export async function rebuildAggregates(
  db: Kysely<DB>,
): Promise<{ troubles: number; problems: number; cells: number }> {
  const days = new Map<string, DayCell>();
  const months = new Map<string, MonthCell>();
  const dims = new Map<string, DimCell>();
  const problemCells = new Map<string, ProblemCell>();
  let troubles = 0;
  let problems = 0;

  for (let after = ''; ;) {
    const rows = await db
      .selectFrom('troubles')
      .select([
        'id',
        'community_id',
        'received_at',
        'category_id',
        'severity',
        'urgency',
        'workers_affected',
        'enterprise_id',
        'channel',
        'reporter_type',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const t of rows) {
      const c = troubleContribution(t, 1);
      const dk = `${c.day.community_id}|${c.day.day}|${c.day.category_id}`;
      const d = days.get(dk);
      if (d) {
        d.troubles += c.day.troubles;
        d.major += c.day.major;
        d.urgent += c.day.urgent;
        d.workers += c.day.workers;
      } else {
        days.set(dk, { ...c.day });
      }
      const mk0 = `${c.month.community_id}|${c.month.month}|${c.month.category_id}`;
      const mo = months.get(mk0);
      if (mo) {
        mo.troubles += c.month.troubles;
        mo.major += c.month.major;
        mo.urgent += c.month.urgent;
        mo.workers += c.month.workers;
      } else {
        months.set(mk0, { ...c.month });
      }
      for (const m of c.dims) {
        const mk = `${m.community_id}|${m.month}|${m.dim}|${m.value}|${m.category_id}`;
        const e = dims.get(mk);
        if (e) {
          e.troubles += m.troubles;
        } else {
          dims.set(mk, { ...m });
        }
      }
    }
    troubles += rows.length;
    if (rows.length < PAGE) {
      break;
    }
    after = rows[rows.length - 1]!.id;
  }

  for (let after = ''; ;) {
    const rows = await db
      .selectFrom('problems')
      .select([
        'id',
        'community_id',
        'received_at',
        'category_id',
        'status',
        'coordinated_at',
        'coordination_due_at',
        'answered_at',
        'resolution_due_at',
        'overdue_kind',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const p of rows) {
      const cell = problemContribution(p, 1);
      if (!cell) {
        continue;
      }
      const k = `${cell.community_id}|${cell.day}|${cell.category_id}`;
      const e = problemCells.get(k);
      if (e) {
        e.problems += cell.problems;
        e.answered += cell.answered;
        e.closed += cell.closed;
        e.coordinated_on_time += cell.coordinated_on_time;
        e.answered_on_time += cell.answered_on_time;
        e.overdue += cell.overdue;
      } else {
        problemCells.set(k, { ...cell });
      }
    }
    problems += rows.length;
    if (rows.length < PAGE) {
      break;
    }
    after = rows[rows.length - 1]!.id;
  }

  await db.deleteFrom('agg_trouble_days').execute();
  await db.deleteFrom('agg_trouble_months').execute();
  await db.deleteFrom('agg_trouble_dims').execute();
  await db.deleteFrom('agg_problem_days').execute();
  await insertChunks(db, 'agg_trouble_days', [...days.values()]);
  await insertChunks(db, 'agg_trouble_months', [...months.values()]);
  await insertChunks(db, 'agg_trouble_dims', [...dims.values()]);
  await insertChunks(db, 'agg_problem_days', [...problemCells.values()]);
  return { troubles, problems, cells: days.size + months.size + dims.size + problemCells.size };
}

async function insertChunks<
  T extends 'agg_trouble_days' | 'agg_trouble_months' | 'agg_trouble_dims' | 'agg_problem_days',
>(db: Kysely<DB>, table: T, rows: DB[T][]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + INSERT_CHUNK) as never)
      .execute();
  }
}
