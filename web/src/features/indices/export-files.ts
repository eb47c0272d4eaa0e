import type { ChartInstance } from '../../shared/charts/echarts-core';
import { downloadBlob, downloadUrl } from '../../shared/download';
import { buildCsv, exportFileName, type ExportTable, sheetName } from './export-table';

/** Downloads the table as UTF-8 CSV with BOM, named `<title>_<nameParts…>.csv`. */
export function exportCsv(table: ExportTable, nameParts: string[]): void {
  const blob = new Blob([buildCsv(table)], { type: 'text/csv;charset=utf-8' });
  downloadBlob(blob, exportFileName([table.title, ...nameParts], 'csv'));
}

/** Downloads the table as XLSX (`<title>_<nameParts…>.xlsx`); exceljs loads on first use. */
export async function exportXlsx(table: ExportTable, nameParts: string[]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Fannao 烦恼指数';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName(table.title));
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(row.map((cell) => cell ?? ''));
  }
  table.headers.forEach((header, index) => {
    const widest = Math.max(
      ...[header, ...table.rows.map((row) => row[index])].map((cell) => String(cell ?? '').length),
    );
    sheet.getColumn(index + 1).width = Math.min(60, Math.max(8, widest * 2 + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  downloadBlob(blob, exportFileName([table.title, ...nameParts], 'xlsx'));
}

/** Downloads the chart as a PNG (twice its screen resolution, white background); `nameParts` name the file. */
export function exportPng(chart: ChartInstance, nameParts: string[]): void {
  const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  downloadUrl(url, exportFileName(nameParts, 'png'));
}
