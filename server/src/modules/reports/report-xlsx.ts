import ExcelJS from 'exceljs';

import { BUSINESS_OFFSET_MS } from '../../shared/business-time';
import type { ReportData } from './report-data';
import {
  formatDateTime,
  monthLabel,
  priorityLabel,
  reportTitle,
  statusLabel,
} from './report-format';
import { promiseRates, rankingRows } from './report-summary';

type Cell = string | number | Date | null;

interface Column {
  header: string;
  width: number;
  /** Excel number format, e.g. '0.00' for percentages kept as numbers. */
  numFmt?: string;
}

const PCT = '0.00';
const DATE_TIME = 'yyyy-mm-dd hh:mm';
const DATE = 'yyyy-mm-dd';
const THIN = { style: 'thin' as const, color: { argb: 'FFB8C2D3' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Excel has no time zones: a local (Asia/Shanghai) wall-clock time written as a Date. */
function localDate(ms: number): Date {
  return new Date(ms + BUSINESS_OFFSET_MS);
}

/** Writes a header row and data rows from `startRow`; returns the next free row. */
function addTable(
  sheet: ExcelJS.Worksheet,
  startRow: number,
  columns: Column[],
  rows: Cell[][],
): number {
  columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(col.width ?? 0, c.width);
  });
  const header = sheet.getRow(startRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF2F5597' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  header.height = 22;
  rows.forEach((values, r) => {
    const row = sheet.getRow(startRow + 1 + r);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = values[i] ?? null;
      cell.border = BORDER;
      if (c.numFmt) {
        cell.numFmt = c.numFmt;
      }
      if (r % 2 === 1) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F5FA' } };
      }
      cell.alignment = { vertical: 'top', wrapText: typeof values[i] === 'string' };
    });
  });
  return startRow + 1 + rows.length;
}

function titleRows(sheet: ExcelJS.Worksheet, data: ReportData, span: number): void {
  sheet.mergeCells(1, 1, 1, span);
  const title = sheet.getCell(1, 1);
  title.value = reportTitle(data.community.name, data.month);
  title.font = { bold: true, size: 15, color: { argb: 'FFB00000' } };
  title.alignment = { horizontal: 'center' };
  sheet.getRow(1).height = 26;
  sheet.mergeCells(2, 1, 2, span);
  const sub = sheet.getCell(2, 1);
  sub.value = `${data.community.countyName} · 统计周期：${monthLabel(data.month)} · 生成时间：${formatDateTime(data.generatedAt)}`;
  sub.font = { size: 9, color: { argb: 'FF666666' } };
  sub.alignment = { horizontal: 'center' };
}

function overviewSheet(wb: ExcelJS.Workbook, data: ReportData): void {
  const sheet = wb.addWorksheet('概览');
  titleRows(sheet, data, 3);
  const { index, happiness } = data;
  const p = index.problems;
  const r = happiness.ratings;
  const rates = promiseRates(data);
  const rows: [string, number | null, string, string?][] = [
    ['烦恼总数', index.total, '件'],
    ['上月烦恼总数', index.previousTotal, '件'],
    ['较上月增减', index.total - index.previousTotal, '件'],
    ['类问题', p.total, '个，本月新立'],
    ['办结', p.resolved, '个，已解决或已答复'],
    ['24小时协调率（%）', rates.coordination, '按时协调的类问题 ÷ 本月类问题', PCT],
    ['7日办结率（%）', rates.resolution, '按时解决或答复的类问题 ÷ 本月类问题', PCT],
    ['逾期', p.overdue, '个，本月类问题中目前逾期'],
    ['幸福指数', happiness.value, happiness.value === null ? '本月无评价' : '0–100', PCT],
    ['满意', r.satisfied, '条'],
    ['基本满意', r.basicallySatisfied, '条'],
    ['不满意', r.dissatisfied, '条'],
  ];
  addTable(
    sheet,
    4,
    [
      { header: '指标', width: 22 },
      { header: '数值', width: 14 },
      { header: '说明', width: 40 },
    ],
    rows.map(([name, value, note]) => [name, value, note]),
  );
  rows.forEach(([, , , fmt], i) => {
    if (fmt) {
      sheet.getCell(5 + i, 2).numFmt = fmt;
    }
  });
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
}

function indexSheet(wb: ExcelJS.Workbook, data: ReportData): void {
  const sheet = wb.addWorksheet('烦恼指数');
  const rows = rankingRows(data.index);
  const shown = new Set(rows.map((r) => r.name));
  const quiet = data.index.categories.filter((c) => !shown.has(c.name));
  const next = addTable(
    sheet,
    1,
    [
      { header: '排名', width: 8 },
      { header: '类别', width: 22 },
      { header: '烦恼数（件）', width: 13 },
      { header: '占比（%）', width: 12, numFmt: PCT },
      { header: '上月烦恼数（件）', width: 16 },
      { header: '上月占比（%）', width: 14, numFmt: PCT },
      { header: '较上月（百分点）', width: 16, numFmt: PCT },
    ],
    [...rows, ...quiet.map((c) => ({ ...c, rank: c.rank }))].map((c) => [
      c.rank,
      c.name,
      c.count,
      c.share,
      c.previousCount,
      c.previousShare,
      c.change,
    ]),
  );
  const total = sheet.getRow(next);
  total.values = [
    null,
    '合计',
    data.index.total,
    data.index.total > 0 ? 100 : 0,
    data.index.previousTotal,
  ];
  total.font = { bold: true };
  total.getCell(4).numFmt = PCT;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function yearToDateSheet(wb: ExcelJS.Workbook, data: ReportData): void {
  const sheet = wb.addWorksheet('本年累计');
  const next = addTable(
    sheet,
    1,
    [
      { header: '排名', width: 8 },
      { header: '类别', width: 22 },
      { header: '烦恼数（件）', width: 13 },
      { header: '占比（%）', width: 12, numFmt: PCT },
    ],
    rankingRows(data.yearToDate).map((c) => [c.rank, c.name, c.count, c.share]),
  );
  const total = sheet.getRow(next);
  total.values = [null, '合计', data.yearToDate.total, data.yearToDate.total > 0 ? 100 : 0];
  total.font = { bold: true };
  total.getCell(4).numFmt = PCT;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function trendSheet(wb: ExcelJS.Workbook, data: ReportData): void {
  const sheet = wb.addWorksheet('月度趋势');
  const { months, series, totals } = data.trend;
  const next = addTable(
    sheet,
    1,
    [
      { header: '类别', width: 22 },
      ...months.map((m) => ({ header: monthLabel(m), width: 12 })),
      { header: '合计', width: 10 },
    ],
    series.map((s) => [s.name, ...s.counts, s.counts.reduce((a, b) => a + b, 0)]),
  );
  const total = sheet.getRow(next);
  total.values = [null, '合计', ...totals, totals.reduce((a, b) => a + b, 0)];
  total.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
}

function problemSheet(wb: ExcelJS.Workbook, data: ReportData): void {
  const sheet = wb.addWorksheet('类问题');
  addTable(
    sheet,
    1,
    [
      { header: '序号', width: 7 },
      { header: '编号', width: 16 },
      { header: '类问题', width: 40 },
      { header: '类别', width: 18 },
      { header: '优先级', width: 10 },
      { header: '状态', width: 12 },
      { header: '烦恼数（件）', width: 12 },
      { header: '受理时间', width: 17, numFmt: DATE_TIME },
      { header: '办理期限', width: 17, numFmt: DATE_TIME },
    ],
    data.topProblems.map((p, i) => [
      i + 1,
      p.code,
      p.title,
      p.category ?? '未分类',
      priorityLabel(p.priority),
      statusLabel(p.status),
      p.troubleCount,
      localDate(p.receivedAt),
      localDate(p.resolutionDueAt),
    ]),
  );
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function overdueSheet(wb: ExcelJS.Workbook, data: ReportData): void {
  const sheet = wb.addWorksheet('逾期');
  addTable(
    sheet,
    1,
    [
      { header: '编号', width: 16 },
      { header: '类问题', width: 40 },
      { header: '责任部门', width: 26 },
      { header: '状态', width: 12 },
      { header: '办理期限', width: 13, numFmt: DATE },
      { header: '逾期天数', width: 10 },
    ],
    data.overdue.map((p) => [
      p.code,
      p.title,
      p.departmentName ?? '社区自办',
      statusLabel(p.status),
      localDate(p.resolutionDueAt),
      p.daysOverdue,
    ]),
  );
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function ratesSheet(wb: ExcelJS.Workbook, data: ReportData): void {
  const sheet = wb.addWorksheet('三率');
  const columns = (first: string): Column[] => [
    { header: '排名', width: 8 },
    { header: first, width: 30 },
    { header: '类问题（个）', width: 13 },
    { header: '响应率（%）', width: 13, numFmt: PCT },
    { header: '解决率（%）', width: 13, numFmt: PCT },
    { header: '满意率（%）', width: 13, numFmt: PCT },
    { header: '评价（条）', width: 11 },
  ];
  const cells = (rows: ReportData['rates']['departments']): Cell[][] =>
    rows.map((d) => [
      d.rank,
      d.name,
      d.problems,
      d.responseRate,
      d.resolutionRate,
      d.satisfactionRate,
      d.ratings,
    ]);
  const next = addTable(sheet, 1, columns('职能部门'), cells(data.rates.departments));
  addTable(sheet, next + 2, columns('社区'), cells(data.rates.communities));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/**
 * Renders the monthly report as XLSX (exceljs): sheets 概览, 烦恼指数, 本年累计, 月度趋势, 类问题, 逾期,
 * 三率; counts and percentages are numbers (percentages formatted 0.00), times are local dates.
 */
export async function renderReportXlsx(data: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Fannao 烦恼指数';
  wb.title = reportTitle(data.community.name, data.month);
  wb.created = new Date(data.generatedAt);
  wb.modified = new Date(data.generatedAt);
  overviewSheet(wb, data);
  indexSheet(wb, data);
  yearToDateSheet(wb, data);
  trendSheet(wb, data);
  problemSheet(wb, data);
  overdueSheet(wb, data);
  ratesSheet(wb, data);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
