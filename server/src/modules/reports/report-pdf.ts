import PDFDocument from 'pdfkit';

import type { ReportCharts } from './report-charts';
import type { ReportData } from './report-data';
import type { ReportFonts } from './report-fonts';
import { formatDateTime, monthEndLabel, monthLabel, reportTitle } from './report-format';
import { COLORS, createPdfLayout, type Layout } from './report-pdf-layout';
import {
  notesSection,
  overdueSection,
  overviewSection,
  rankingSection,
  ratesSection,
  topProblemsSection,
  trendSection,
} from './report-pdf-sections';

function titleBlock(doc: PDFKit.PDFDocument, layout: Layout, data: ReportData): void {
  const { left, width } = layout;
  doc.y = doc.page.margins.top + 6;
  doc
    .font('bold')
    .fontSize(20)
    .fillColor(COLORS.title)
    .text(reportTitle(data.community.name, data.month), left, doc.y, { width, align: 'center' });
  doc.moveDown(0.4);
  doc
    .font('regular')
    .fontSize(9.5)
    .fillColor(COLORS.muted)
    .text(
      `${data.community.countyName} · 统计周期：${monthLabel(data.month)}1日—${monthEndLabel(data.month)} · ` +
        `生成时间：${formatDateTime(data.generatedAt)}`,
      left,
      doc.y,
      { width, align: 'center' },
    );
  const y = doc.y + 8;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(1.8)
    .strokeColor(COLORS.rule)
    .stroke();
  doc
    .moveTo(left, y + 3.5)
    .lineTo(left + width, y + 3.5)
    .lineWidth(0.6)
    .stroke();
  doc.x = left;
  doc.y = y + 10;
}

function pageFurniture(doc: PDFKit.PDFDocument, layout: Layout, data: ReportData): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = { ...doc.page.margins };
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    if (i > range.start) {
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(COLORS.muted)
        .text(reportTitle(data.community.name, data.month), layout.left, 34, {
          width: layout.width,
          align: 'right',
          lineBreak: false,
        });
      doc
        .moveTo(layout.left, 46)
        .lineTo(layout.left + layout.width, 46)
        .lineWidth(0.5)
        .strokeColor(COLORS.border)
        .stroke();
    }
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text(
        `第 ${i - range.start + 1} 页 / 共 ${range.count} 页`,
        layout.left,
        doc.page.height - 40,
        {
          width: layout.width,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins = margins;
  }
}

/**
 * Renders the monthly report as an A4 PDF (pdfkit) with the CJK font embedded (subset): title,
 * headline figures, the 烦恼指数 ranking with charts, the trend, top and overdue problems, the
 * departments' 三率, and page numbers.
 */
export function renderReportPdf(
  data: ReportData,
  charts: ReportCharts,
  fonts: ReportFonts,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 60, left: 56, right: 56 },
    bufferPages: true,
    info: {
      Title: reportTitle(data.community.name, data.month),
      Author: data.community.name,
      Subject: '烦恼指数月报',
      Creator: 'Fannao 烦恼指数',
      CreationDate: new Date(data.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular.file, fonts.regular.pdfkitFace);
  doc.registerFont('bold', fonts.bold.file, fonts.bold.pdfkitFace);
  const layout = createPdfLayout(doc);
  titleBlock(doc, layout, data);
  overviewSection(layout, data);
  rankingSection(layout, data, charts);
  trendSection(layout, data, charts);
  topProblemsSection(layout, data);
  overdueSection(layout, data);
  ratesSection(layout, data);
  notesSection(layout, data);
  pageFurniture(doc, layout, data);
  doc.end();
  return done;
}
