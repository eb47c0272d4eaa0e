import { type ExpressionBuilder, type Kysely, sql } from 'kysely';

import type { DB } from '../../db/schema';
import { localDayStart } from '../../shared/business-time';
import { splitByMonths } from './period';
import type { CategoryNode } from './trouble-index';

export interface DimFilter {
  dim: 'enterprise' | 'channel' | 'reporter';
  values: string[];
}

/** One month × leaf category of the index aggregates. */
interface Cell {
  month: string;
  categoryId: string;
  troubles: number;
  major: number;
  urgent: number;
  workers: number;
}

/** The summed measures of an aggregate table (monthly and daily tables share the columns). */
function sumColumns(eb: ExpressionBuilder<DB, 'agg_trouble_months' | 'agg_trouble_days'>) {
  return [
    eb.fn.sum<number>('troubles').as('troubles'),
    eb.fn.sum<number>('major').as('major'),
    eb.fn.sum<number>('urgent').as('urgent'),
    eb.fn.sum<number>('workers').as('workers'),
  ];
}

/** Sums come back as strings from PostgreSQL, numbers from SQLite. */
function toCell(r: {
  month: string;
  category_id: string;
  troubles: number | string;
  major: number | string;
  urgent: number | string;
  workers: number | string;
}): Cell {
  return {
    month: r.month,
    categoryId: r.category_id,
    troubles: Number(r.troubles),
    major: Number(r.major),
    urgent: Number(r.urgent),
    workers: Number(r.workers),
  };
}

/**
 * Reads of the index aggregates. Every query is bounded by the period and the communities —
 * it reads aggregate cells, never the raw troubles table — so its cost does not grow with the
 * number of troubles stored.
 */
export function createIndexReadModel(db: Kysely<DB>) {
  /**
   * Aggregate cells per month × leaf category for [from, to): whole months from the monthly
   * table, partial months from the daily one.
   */
  async function cellSums(communityIds: string[], from: string, to: string) {
    if (communityIds.length === 0) {
      return [];
    }
    const { months, dayRanges } = splitByMonths(from, to);
    const cells: Cell[] = [];
    if (months.length > 0) {
      const rows = await db
        .selectFrom('agg_trouble_months')
        .select(['month', 'category_id'])
        .select(sumColumns)
        .where('community_id', 'in', communityIds)
        .where('month', 'in', months)
        .groupBy(['month', 'category_id'])
        .execute();
      cells.push(...rows.map(toCell));
    }
    for (const [a, b] of dayRanges) {
      const month = sql<string>`substr(day, 1, 7)`;
      const rows = await db
        .selectFrom('agg_trouble_days')
        .select([month.as('month'), 'category_id'])
        .select(sumColumns)
        .where('community_id', 'in', communityIds)
        .where('day', '>=', a)
        .where('day', '<', b)
        .groupBy([month, 'category_id'])
        .execute();
      cells.push(...rows.map(toCell));
    }
    return cells;
  }

  return {
    async categories(): Promise<CategoryNode[]> {
      const rows = await db
        .selectFrom('categories')
        .select(['id', 'parent_id', 'code', 'name', 'name_en', 'sort'])
        .execute();
      return rows.map((r) => ({
        id: r.id,
        parentId: r.parent_id,
        code: r.code,
        name: r.name,
        nameEn: r.name_en,
        sort: r.sort,
      }));
    },

    /** Troubles per leaf category in [from, to) (local days). */
    async countsByCategory(
      communityIds: string[],
      from: string,
      to: string,
    ): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (const c of await cellSums(communityIds, from, to)) {
        out.set(c.categoryId, (out.get(c.categoryId) ?? 0) + c.troubles);
      }
      return out;
    },

    /** Troubles per leaf category in whole months, restricted to one dimension's values. */
    async countsByCategoryForDim(
      communityIds: string[],
      months: string[],
      filter: DimFilter,
    ): Promise<Map<string, number>> {
      if (communityIds.length === 0 || months.length === 0 || filter.values.length === 0) {
        return new Map();
      }
      const rows = await db
        .selectFrom('agg_trouble_dims')
        .select(['category_id'])
        .select((eb) => eb.fn.sum<number>('troubles').as('n'))
        .where('community_id', 'in', communityIds)
        .where('month', 'in', months)
        .where('dim', '=', filter.dim)
        .where('value', 'in', filter.values)
        .groupBy('category_id')
        .execute();
      return new Map(rows.map((r) => [r.category_id, Number(r.n)]));
    },

    /** Troubles per month × leaf category in [from, to). */
    async monthlyByCategory(communityIds: string[], from: string, to: string) {
      return (await cellSums(communityIds, from, to)).map((c) => ({
        month: c.month,
        categoryId: c.categoryId,
        count: c.troubles,
      }));
    },

    /** Severity, urgency and affected workers per leaf category in [from, to). */
    async weightsByCategory(communityIds: string[], from: string, to: string) {
      const out = new Map<
        string,
        { categoryId: string; troubles: number; major: number; urgent: number; workers: number }
      >();
      for (const c of await cellSums(communityIds, from, to)) {
        const e = out.get(c.categoryId) ?? {
          categoryId: c.categoryId,
          troubles: 0,
          major: 0,
          urgent: 0,
          workers: 0,
        };
        e.troubles += c.troubles;
        e.major += c.major;
        e.urgent += c.urgent;
        e.workers += c.workers;
        out.set(c.categoryId, e);
      }
      return [...out.values()];
    },

    /** Problem figures of the problems received in [from, to). */
    async problemFigures(communityIds: string[], from: string, to: string) {
      const empty = {
        problems: 0,
        answered: 0,
        closed: 0,
        coordinated: 0,
        answeredOnTime: 0,
        overdue: 0,
      };
      if (communityIds.length === 0) {
        return empty;
      }
      const r = await db
        .selectFrom('agg_problem_days')
        .select((eb) => [
          eb.fn.sum<number>('problems').as('problems'),
          eb.fn.sum<number>('answered').as('answered'),
          eb.fn.sum<number>('closed').as('closed'),
          eb.fn.sum<number>('coordinated_on_time').as('coordinated'),
          eb.fn.sum<number>('answered_on_time').as('answered_on_time'),
          eb.fn.sum<number>('overdue').as('overdue'),
        ])
        .where('community_id', 'in', communityIds)
        .where('day', '>=', from)
        .where('day', '<', to)
        .executeTakeFirst();
      if (!r) {
        return empty;
      }
      return {
        problems: Number(r.problems ?? 0),
        answered: Number(r.answered ?? 0),
        closed: Number(r.closed ?? 0),
        coordinated: Number(r.coordinated ?? 0),
        answeredOnTime: Number(r.answered_on_time ?? 0),
        overdue: Number(r.overdue ?? 0),
      };
    },

    /** Problems received in [from, to), for the bounded per-problem figures (intensity, 三率). */
    async problemsInPeriod(communityIds: string[], from: string, to: string) {
      if (communityIds.length === 0) {
        return [];
      }
      return db
        .selectFrom('problems')
        .select([
          'id',
          'community_id',
          'category_id',
          'status',
          'received_at',
          'coordination_due_at',
          'coordinated_at',
          'answered_at',
          'resolution_due_at',
        ])
        .where('community_id', 'in', communityIds)
        .where('received_at', '>=', localDayStart(from))
        .where('received_at', '<', localDayStart(to))
        .where('status', '!=', 'merged')
        .execute();
    },
  };
}

export type IndexReadModel = ReturnType<typeof createIndexReadModel>;
