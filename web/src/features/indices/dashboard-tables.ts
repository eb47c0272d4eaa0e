/**
 * The export tables of the dashboard cards, built from the API answers as they are (no index
 * maths in the browser). Header texts come from the caller (locale files).
 */
import type { Language } from '../../shared/i18n';
import type { Cell, ExportTable } from './export-table';
import { categoryLabel } from './format';
import type { RateRow, TroubleIndex, TroubleTrend } from './indices-types';

/** Rank, category, count, share %, previous share %, change in pp; children as "parent / child". */
export function rankingTable(
  index: TroubleIndex,
  language: Language,
  text: { title: string; headers: [string, string, string, string, string, string] },
): ExportTable {
  const rows: Cell[][] = [];
  for (const parent of [...index.categories].sort((a, b) => a.rank - b.rank)) {
    const name = categoryLabel(parent, language);
    rows.push([parent.rank, name, parent.count, parent.share, parent.previousShare, parent.change]);
    for (const child of [...parent.children].sort((a, b) => a.rank - b.rank)) {
      rows.push([
        null,
        `${name} / ${categoryLabel(child, language)}`,
        child.count,
        child.share,
        child.previousShare,
        child.change,
      ]);
    }
  }
  return { title: text.title, headers: text.headers, rows };
}

/** One row per category, one column per month, plus a totals row. */
export function trendTable(
  trend: TroubleTrend,
  text: {
    title: string;
    categoryHeader: string;
    totalLabel: string;
    series: (series: TroubleTrend['series'][number]) => string;
  },
): ExportTable {
  return {
    title: text.title,
    headers: [text.categoryHeader, ...trend.months],
    rows: [
      ...trend.series.map((s) => [text.series(s), ...s.counts]),
      [text.totalLabel, ...trend.totals],
    ],
  };
}

/** Rank, name, problems, response %, resolution %, satisfaction %, ratings. */
export function ratesTable(rows: RateRow[], title: string, headers: string[]): ExportTable {
  return {
    title,
    headers,
    rows: rows.map((r) => [
      r.rank,
      r.name,
      r.problems,
      r.responseRate,
      r.resolutionRate,
      r.satisfactionRate,
      r.ratings,
    ]),
  };
}
