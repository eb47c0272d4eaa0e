import { renderAsync } from '@resvg/resvg-js';

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
import { enterpriseFontSize } from './poster-pdf';

/** 150 dpi: A4 becomes 1240 × 1754 pixels, plenty for an office printer. */
const ZOOM = 150 / 72;

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function svgOf(subject: PosterSubject, publicUrl: string, family: string): string {
  const url = reportUrl(publicUrl, subject.enterpriseId);
  const matrix = qrMatrix(url);
  const { moduleSize, box, origin } = qrGeometry(matrix);
  const mid = A4.width / 2;
  const text = (y: number, size: number, fill: string, body: string, weight = 400) =>
    `<text x="${mid}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="middle">${escape(body)}</text>`;
  const rects = qrRects(matrix, origin, moduleSize)
    .map((r) => `M${r.x} ${r.y}h${r.w}v${r.h}h${-r.w}z`)
    .join('');
  let y = box.y + box.size + 30 + 17;
  const steps = POSTER_TEXT.steps.map((step) => {
    const line = `<text x="90" y="${y}" font-size="17" fill="#1b1f24">${escape(step)}</text>`;
    y += 30;
    return line;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${A4.width}" height="${A4.height}" viewBox="0 0 ${A4.width} ${A4.height}" font-family="${escape(family)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<rect width="${A4.width}" height="150" fill="#0b5cad"/>`,
    text(84, 40, '#ffffff', POSTER_TEXT.heading, 700),
    text(122, 16, '#ffffff', POSTER_TEXT.subheading),
    text(206, enterpriseFontSize(subject.enterpriseName), '#1b1f24', subject.enterpriseName, 700),
    text(233, 15, '#4b5563', subject.communityName),
    `<rect x="${box.x}" y="${box.y}" width="${box.size}" height="${box.size}" fill="#fff" stroke="#0b5cad" stroke-width="2"/>`,
    `<path d="${rects}" fill="#1b1f24" shape-rendering="crispEdges"/>`,
    ...steps,
    text(y + 28, 14, '#0b5cad', POSTER_TEXT.promise, 700),
    text(A4.height - 40, 9, '#4b5563', url),
    '</svg>',
  ].join('');
}

/** The poster of one enterprise as an A4 PNG at 150 dpi. */
export async function renderPosterPng(
  subject: PosterSubject,
  fonts: ReportFonts,
  publicUrl: string,
): Promise<Buffer> {
  const image = await renderAsync(svgOf(subject, publicUrl, fonts.regular.family), {
    font: {
      fontFiles: [fonts.regular.file, fonts.bold.file],
      loadSystemFonts: false,
      defaultFontFamily: fonts.regular.family,
      sansSerifFamily: fonts.regular.family,
    },
    fitTo: { mode: 'zoom', value: ZOOM },
    background: '#ffffff',
  });
  return image.asPng();
}
