import type { CategoryShare, TroubleIndex } from '../../../../common/indices-types';

export const TROUBLE_INDEX_VERSION = 'trouble-index/1';

export interface CategoryNode {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string;
  sort: number;
}

/** Rounds to 2 decimals (half away from zero), as the article prints shares (13.94 %). */
export function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : round2((part / whole) * 100);
}

/** Competition ranking by count, descending: equal counts share a rank (1, 2, 2, 4). */
export function rankByCount<T extends { count: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.count - a.count);
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((x) => x.count === r.count) + 1 }));
}

/**
 * 烦恼指数 v1 (docs/indices.md): for each first-level category the number of troubles received
 * in the period, its share of all troubles in percent (2 decimals), its rank, and the change of
 * the share against the previous period in percentage points. Second-level items the same way
 * (shares of the same total). Pure: inputs are counts per leaf category id ('' = none).
 */
export function buildTroubleIndex(input: {
  categories: CategoryNode[];
  current: Map<string, number>;
  previous: Map<string, number>;
}): Pick<TroubleIndex, 'total' | 'previousTotal' | 'categories' | 'unclassified'> {
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const total = sum(input.current);
  const previousTotal = sum(input.previous);
  const share = (node: CategoryNode, leafIds: string[]): Omit<CategoryShare, 'rank'> => {
    const count = leafIds.reduce((s, id) => s + (input.current.get(id) ?? 0), 0);
    const previousCount = leafIds.reduce((s, id) => s + (input.previous.get(id) ?? 0), 0);
    const s = percent(count, total);
    const ps = percent(previousCount, previousTotal);
    return {
      id: node.id,
      code: node.code,
      name: node.name,
      nameEn: node.nameEn,
      count,
      share: s,
      previousCount,
      previousShare: ps,
      change: previousTotal === 0 ? null : round2(s - ps),
    };
  };
  const tops = input.categories.filter((c) => c.parentId === null).sort((a, b) => a.sort - b.sort);
  const rows = tops.map((top) => {
    const children = input.categories
      .filter((c) => c.parentId === top.id)
      .sort((a, b) => a.sort - b.sort);
    // Troubles may carry a first-level category directly; they count for the top only.
    const leafIds = [top.id, ...children.map((c) => c.id)];
    return { ...share(top, leafIds), children: rankByCount(children.map((c) => share(c, [c.id]))) };
  });
  const unclassified = input.current.get('') ?? 0;
  return {
    total,
    previousTotal,
    categories: rankByCount(rows),
    unclassified: { count: unclassified, share: percent(unclassified, total) },
  };
}
