import type { TroubleIndex } from '../../../../common/indices-types';
import type { ReportData } from './report-data';
import { formatPercent, monthLabel } from './report-format';

export interface RankingRow {
  /** null for the unclassified row. */
  rank: number | null;
  name: string;
  count: number;
  share: number;
  previousCount: number;
  previousShare: number;
  change: number | null;
}

/**
 * The ranking table's rows (PDF and XLSX): first-level categories with troubles this month or
 * last month, ranked, then unclassified troubles if any.
 */
export function rankingRows(index: TroubleIndex): RankingRow[] {
  const rows: RankingRow[] = index.categories
    .filter((c) => c.count > 0 || c.previousCount > 0)
    .map((c) => ({
      rank: c.rank,
      name: c.name,
      count: c.count,
      share: c.share,
      previousCount: c.previousCount,
      previousShare: c.previousShare,
      change: c.change,
    }));
  if (index.unclassified.count > 0) {
    rows.push({
      rank: null,
      name: '未分类',
      count: index.unclassified.count,
      share: index.unclassified.share,
      previousCount: 0,
      previousShare: 0,
      change: null,
    });
  }
  return rows;
}

/** The promise rates of the month; null (shown as —) when no problem was opened. */
export function promiseRates(data: ReportData): {
  coordination: number | null;
  resolution: number | null;
} {
  const p = data.index.problems;
  return p.total === 0
    ? { coordination: null, resolution: null }
    : { coordination: p.coordinationOnTimeRate, resolution: p.resolutionOnTimeRate };
}

/** The overview paragraph of the report, in sentences (Chinese). */
export function overviewSentences(data: ReportData): string[] {
  const { index, happiness } = data;
  const p = index.problems;
  const diff = index.total - index.previousTotal;
  const change =
    diff === 0
      ? '与上月持平'
      : `较上月（${index.previousTotal} 件）${diff > 0 ? '增加' : '减少'} ${Math.abs(diff)} 件`;
  const rates = promiseRates(data);
  const out = [
    `${monthLabel(data.month)}，${data.community.name}共收集烦恼 ${index.total} 件，${change}。`,
    p.total === 0
      ? '本月无新立类问题。'
      : `本月新立类问题 ${p.total} 个，已办结 ${p.resolved} 个；24小时协调率 ${formatPercent(rates.coordination)}，` +
        `7日办结率 ${formatPercent(rates.resolution)}；本月类问题中目前逾期 ${p.overdue} 个。`,
  ];
  const top = index.categories.filter((c) => c.count > 0).slice(0, 3);
  if (top.length > 0) {
    out.push(
      `烦恼指数排名前${top.length === 1 ? '一' : top.length === 2 ? '二' : '三'}的类别为：` +
        `${top.map((c) => `${c.name}（${formatPercent(c.share)}）`).join('、')}。`,
    );
  }
  const r = happiness.ratings;
  const ratings = r.satisfied + r.basicallySatisfied + r.dissatisfied;
  out.push(
    happiness.value === null
      ? '本月暂无满意度评价，幸福指数暂不计算。'
      : `本月收到满意度评价 ${ratings} 条（满意 ${r.satisfied}、基本满意 ${r.basicallySatisfied}、` +
          `不满意 ${r.dissatisfied}），幸福指数 ${happiness.value.toFixed(2)}。`,
  );
  return out;
}
