import PDFDocument from 'pdfkit';

import type { ReportFonts } from '../reports';
import {
  A4,
  POSTER_TEXT,
  type PosterSubject,
  qrGeometry,
  qrMatrix,
  qrRects,
  reportUrl,
} from './poster-layout';

const BLUE = '#0b5cad';
const INK = '#1b1f24';
const MUTED = '#4b5563';

function drawPoster(doc: PDFKit.PDFDocument, subject: PosterSubject, publicUrl: string): void {
  const url = reportUrl(publicUrl, subject.enterpriseId);
  const width = A4.width - 112;
  doc.rect(0, 0, A4.width, 150).fill(BLUE);
  doc
    .font('bold')
    .fontSize(40)
    .fillColor('#ffffff')
    .text(POSTER_TEXT.heading, 56, 42, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(16)
    .text(POSTER_TEXT.subheading, 56, 100, { width, align: 'center' });
  doc
    .font('bold')
    .fontSize(enterpriseFontSize(subject.enterpriseName))
    .fillColor(INK)
    .text(subject.enterpriseName, 56, 176, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(15)
    .fillColor(MUTED)
    .text(subject.communityName, 56, 214, { width, align: 'center' });

  const matrix = qrMatrix(url);
  const { moduleSize, box, origin } = qrGeometry(matrix);
  doc.rect(box.x, box.y, box.size, box.size).lineWidth(2).strokeColor(BLUE).stroke();
  for (const r of qrRects(matrix, origin, moduleSize)) {
    // A hair of overlap closes the seams some viewers show between touching rectangles.
    doc.rect(r.x, r.y, r.w + 0.05, r.h + 0.05);
  }
  doc.fill(INK);

  let y = box.y + box.size + 30;
  doc.font('regular').fontSize(17).fillColor(INK);
  for (const step of POSTER_TEXT.steps) {
    doc.text(step, 90, y, { width: A4.width - 180 });
    y += 30;
  }
  doc
    .font('bold')
    .fontSize(14)
    .fillColor(BLUE)
    .text(POSTER_TEXT.promise, 56, y + 14, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(url, 56, A4.height - 50, { width, align: 'center' });
}

/** Long enterprise names get a smaller size so they stay on one or two lines. */
export function enterpriseFontSize(name: string): number {
  const chars = [...name].length;
  return chars <= 14 ? 28 : chars <= 20 ? 22 : 18;
}

/** A4 PDF with one poster page per enterprise (one page for a single enterprise). */
export function renderPostersPdf(
  subjects: PosterSubject[],
  fonts: ReportFonts,
  publicUrl: string,
  title: string,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: title, Author: '烦恼指数 Fannao', Subject: POSTER_TEXT.heading },
  });
  doc.registerFont('regular', fonts.regular.file, fonts.regular.pdfkitFace);
  doc.registerFont('bold', fonts.bold.file, fonts.bold.pdfkitFace);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const subject of subjects) {
    doc.addPage({ size: 'A4', margin: 0 });
    drawPoster(doc, subject, publicUrl);
  }
  doc.end();
  return done;
}
