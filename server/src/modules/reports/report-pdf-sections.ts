import type { ReportCharts } from './report-charts';
import type { ReportData } from './report-data';
import {
  formatCountChange,
  formatDateTime,
  formatDay,
  formatPercent,
  formatPoints,
  monthLabel,
  priorityLabel,
  statusLabel,
} from './report-format';
import type { Column, Layout } from './report-pdf-layout';
import { overviewSentences, promiseRates, rankingRows } from './report-summary';

/** The numbered sections of the PDF report (一 … 七), in Chinese. */

/** A heading kept on one page with its table (up to most of a page), then the table. */
function tableSection(
  layout: Layout,
  heading: string,
  intro: string | null,
  columns: Column[],
  rows: string[][],
): void {
  layout.heading(heading, Math.min(layout.tableHeight(columns, rows) + (intro ? 16 : 0), 420));
  if (intro) {
    layout.note(intro);
  }
  layout.table(columns, rows);
}

/** 一、总体情况: a summary paragraph and the headline figures in boxes. */
export function overviewSection(layout: Layout, data: ReportData): void {
  const { index, happiness } = data;
  const p = index.problems;
  const top = index.categories.find((c) => c.count > 0);
  const r = happiness.ratings;
  const rates = promiseRates(data);
  layout.heading('一、总体情况');
  layout.paragraph(overviewSentences(data).join(''));
  layout.paragraph(' ');
  layout.figureBoxes([
    {
      label: '烦恼总数（件）',
      value: String(index.total),
      note: `较上月 ${formatCountChange(index.total, index.previousTotal)}（上月 ${index.previousTotal}）`,
    },
    { label: '类问题（个）', value: String(p.total), note: '本月新立' },
    { label: '办结（个）', value: String(p.resolved), note: '已解决或已答复' },
    { label: '24小时协调率', value: formatPercent(rates.coordination), note: '按时协调' },
    { label: '7日办结率', value: formatPercent(rates.resolution), note: '按时解决或答复' },
    { label: '逾期（个）', value: String(p.overdue), note: '本月类问题中', alert: p.overdue > 0 },
    {
      label: '幸福指数',
      value: happiness.value === null ? '—' : happiness.value.toFixed(2),
      note: `本月评价 ${r.satisfied + r.basicallySatisfied + r.dissatisfied} 条`,
    },
    {
      label: '首位烦恼',
      value: top ? top.name : '—',
      note: top ? `占比 ${formatPercent(top.share)}` : '本月暂无烦恼',
    },
  ]);
}

/** 二、烦恼指数排行: the ranking table, the ranking chart and the share pie. */
export function rankingSection(layout: Layout, data: ReportData, charts: ReportCharts): void {
  const rows = rankingRows(data.index).map((r) => [
    r.rank === null ? '' : String(r.rank),
    r.name,
    String(r.count),
    r.share.toFixed(2),
    r.previousShare.toFixed(2),
    formatPoints(r.change),
  ]);
  const total = data.index.total;
  rows.push(['', '合计', String(total), total > 0 ? '100.00' : '0.00', '', '']);
  tableSection(
    layout,
    '二、烦恼指数排行',
    null,
    [
      { header: '排名', weight: 0.7, align: 'center' },
      { header: '类别', weight: 2.6 },
      { header: '烦恼数（件）', weight: 1.2, align: 'right' },
      { header: '占比（%）', weight: 1.1, align: 'right' },
      { header: '上月占比（%）', weight: 1.3, align: 'right' },
      { header: '较上月（百分点）', weight: 1.5, align: 'right' },
    ],
    rows,
  );
  layout.note(
    '注：占比 = 该类烦恼数 ÷ 本月烦恼总数 × 100%，保留两位小数；较上月为占比的变化（百分点）。',
  );
  if (total === 0) {
    layout.paragraph('本月暂无烦恼，不绘制排行榜和占比图。');
    return;
  }
  layout.figure(charts.ranking.png, charts.ranking, '图1  烦恼指数排行榜（件数与占比）');
  layout.figure(charts.pie.png, charts.pie, '图2  烦恼类别占比', layout.width * 0.72);
  yearToDateTable(layout, data);
}

/** 本年累计: the ranking from January to the report month (the chart the article shows). */
function yearToDateTable(layout: Layout, data: ReportData): void {
  const ytd = data.yearToDate;
  if (ytd.total === 0) {
    return;
  }
  const rows = rankingRows(ytd).map((r) => [
    r.rank === null ? '' : String(r.rank),
    r.name,
    String(r.count),
    r.share.toFixed(2),
  ]);
  rows.push(['', '合计', String(ytd.total), '100.00']);
  const month = Number(data.month.slice(5, 7));
  tableSection(
    layout,
    `本年累计烦恼指数（${data.month.slice(0, 4)}年1月至${month}月）`,
    `本年累计收集烦恼 ${ytd.total} 件，类问题 ${ytd.problems.total} 个，已办结 ${ytd.problems.resolved} 个。`,
    [
      { header: '排名', weight: 0.7, align: 'center' },
      { header: '类别', weight: 2.6 },
      { header: '烦恼数（件）', weight: 1.2, align: 'right' },
      { header: '占比（%）', weight: 1.1, align: 'right' },
    ],
    rows,
  );
}

/** 三、近六个月趋势: monthly totals in words and the stacked trend chart. */
export function trendSection(layout: Layout, data: ReportData, charts: ReportCharts): void {
  const { months, totals } = data.trend;
  const figureHeight = (charts.trend.height / charts.trend.width) * layout.width;
  const sentence =
    `近六个月（${monthLabel(months[0] ?? data.month)}—${monthLabel(data.month)}）烦恼数依次为：` +
    `${months.map((m, i) => `${Number(m.slice(5))}月 ${totals[i] ?? 0} 件`).join('，')}。`;
  if (totals.every((n) => n === 0)) {
    layout.heading('三、近六个月趋势');
    layout.paragraph(sentence);
    return;
  }
  layout.heading('三、近六个月趋势', figureHeight + 40);
  layout.figure(charts.trend.png, charts.trend, '图3  近六个月烦恼数量（按类别堆叠）');
  layout.paragraph(sentence);
}

/** 四、重点类问题: the month's problems with the most troubles. */
export function topProblemsSection(layout: Layout, data: ReportData): void {
  if (data.topProblems.length === 0) {
    layout.heading('四、重点类问题');
    layout.paragraph('本月无新立类问题。');
    return;
  }
  tableSection(
    layout,
    '四、重点类问题',
    `本月新立类问题中关联烦恼最多者（同数按优先级），前 ${data.topProblems.length} 个。`,
    [
      { header: '序号', weight: 0.6, align: 'center' },
      { header: '编号', weight: 1.5 },
      { header: '类问题', weight: 3.7 },
      { header: '类别', weight: 1.9 },
      { header: '优先级', weight: 1.1, align: 'center' },
      { header: '状态', weight: 1.2, align: 'center' },
      { header: '烦恼数', weight: 0.9, align: 'right' },
    ],
    data.topProblems.map((p, i) => [
      String(i + 1),
      p.code,
      p.title,
      p.category ?? '未分类',
      priorityLabel(p.priority),
      statusLabel(p.status),
      String(p.troubleCount),
    ]),
  );
}

/** 五、逾期类问题: problems overdue when the report was generated. */
export function overdueSection(layout: Layout, data: ReportData): void {
  const at = formatDateTime(data.generatedAt);
  if (data.overdue.length === 0) {
    layout.heading('五、逾期类问题');
    layout.paragraph(`截至 ${at}，本社区无逾期类问题。`);
    return;
  }
  tableSection(
    layout,
    '五、逾期类问题',
    `截至 ${at} 仍处于逾期状态的类问题，逾期时间最长者在前。`,
    [
      { header: '编号', weight: 1.5 },
      { header: '类问题', weight: 3.9 },
      { header: '责任部门', weight: 2.8 },
      { header: '办理期限', weight: 1.5, align: 'center' },
      { header: '逾期天数', weight: 1.1, align: 'right' },
    ],
    data.overdue.map((p) => [
      p.code,
      p.title,
      p.departmentName ?? '社区自办',
      formatDay(p.resolutionDueAt),
      String(p.daysOverdue),
    ]),
  );
}

/** 六、职能部门三率: departments ranked, then this community's own rates. */
export function ratesSection(layout: Layout, data: ReportData): void {
  const own = data.rates.communities.find((c) => c.id === data.community.id);
  if (data.rates.departments.length === 0) {
    layout.heading('六、职能部门三率');
    layout.paragraph('本月无交办职能部门的类问题。');
  } else {
    tableSection(
      layout,
      '六、职能部门三率',
      null,
      [
        { header: '排名', weight: 0.7, align: 'center' },
        { header: '职能部门', weight: 3.6 },
        { header: '类问题（个）', weight: 1.3, align: 'right' },
        { header: '响应率（%）', weight: 1.3, align: 'right' },
        { header: '解决率（%）', weight: 1.3, align: 'right' },
        { header: '满意率（%）', weight: 1.3, align: 'right' },
        { header: '评价（条）', weight: 1.1, align: 'right' },
      ],
      data.rates.departments.map((d) => [
        String(d.rank),
        d.name,
        String(d.problems),
        d.responseRate.toFixed(2),
        d.resolutionRate.toFixed(2),
        d.satisfactionRate === null ? '—' : d.satisfactionRate.toFixed(2),
        String(d.ratings),
      ]),
    );
  }
  if (own && own.problems === 0) {
    layout.paragraph('本社区本月无新立类问题。');
  } else if (own) {
    layout.paragraph(
      `本社区：类问题 ${own.problems} 个，响应率 ${formatPercent(own.responseRate)}，` +
        `解决率 ${formatPercent(own.resolutionRate)}，满意率 ${formatPercent(own.satisfactionRate)}。`,
    );
  }
  layout.note(
    '注：响应率 = 在协调时限内签收或答复的交办数 ÷ 交办数；解决率 = 已解决或已答复的交办数 ÷ 交办数；' +
      '满意率 = 满意与基本满意的评价 ÷ 全部评价；按三率均值排名。',
  );
}

/** 七、说明: definitions and formula versions. */
export function notesSection(layout: Layout, data: ReportData): void {
  layout.heading('七、说明', 70);
  for (const line of [
    '1. 统计口径：烦恼按受理时间、类问题按立项时间（北京时间）计入当月；办结指已解决或已答复。',
    '2. 24小时协调率、7日办结率按社区承诺时限计算，以本月新立类问题为分母。',
    '3. 幸福指数 = 100 × (满意 + 0.6 × 基本满意) ÷ 本月评价总数，无评价时不计算。',
    `4. 指标版本：${data.index.formulaVersion}、${data.rates.formulaVersion}、${data.happiness.formulaVersion}。`,
    '本报告由烦恼指数系统根据存储记录自动生成。',
  ]) {
    layout.note(line);
  }
}
