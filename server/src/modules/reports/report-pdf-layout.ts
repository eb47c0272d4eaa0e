/** Layout primitives of the PDF report: headings, paragraphs, bordered tables, figures. */

export const COLORS = {
  title: '#b00000',
  rule: '#c00000',
  heading: '#1f3864',
  text: '#222222',
  muted: '#666666',
  headerFill: '#2f5597',
  zebra: '#f2f5fa',
  border: '#b8c2d3',
  boxFill: '#f6f8fb',
};

export interface Column {
  header: string;
  /** Relative width; the columns share the content width in proportion. */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

const PAD_X = 4;
const PAD_Y = 3.5;

/** Wraps a pdfkit document with the report's layout rules (fonts registered as regular/bold). */
export function createPdfLayout(doc: PDFKit.PDFDocument) {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  /** Starts a new page unless `height` points still fit on this one. */
  function ensure(height: number): void {
    if (doc.y + height > bottom()) {
      doc.addPage();
    }
  }

  /** A numbered section heading, kept on one page with the next `keep` points of content. */
  function heading(text: string, keep = 90): void {
    ensure(keep + 30);
    doc.moveDown(0.6);
    const y = doc.y;
    doc.rect(left, y + 2, 3.5, 14).fill(COLORS.rule);
    doc
      .font('bold')
      .fontSize(13)
      .fillColor(COLORS.heading)
      .text(text, left + 10, y, { width });
    doc.x = left;
    doc.moveDown(0.35);
  }

  function paragraph(text: string, options: { size?: number; color?: string } = {}): void {
    doc
      .font('regular')
      .fontSize(options.size ?? 10.5)
      .fillColor(options.color ?? COLORS.text)
      .text(text, left, doc.y, { width, lineGap: 3 });
    doc.x = left;
  }

  function note(text: string): void {
    paragraph(text, { size: 8.5, color: COLORS.muted });
  }

  function rowHeight(cells: string[], widths: number[], fontSize: number, font: string): number {
    doc.font(font).fontSize(fontSize);
    const heights = cells.map((c, i) =>
      doc.heightOfString(c || ' ', { width: (widths[i] ?? 0) - 2 * PAD_X }),
    );
    return Math.max(...heights) + 2 * PAD_Y;
  }

  function drawRow(
    cells: string[],
    columns: Column[],
    widths: number[],
    y: number,
    h: number,
    style: { fill: string | null; font: string; color: string; fontSize: number },
  ): void {
    if (style.fill) {
      doc.rect(left, y, width, h).fill(style.fill);
    }
    let x = left;
    doc.lineWidth(0.5).strokeColor(COLORS.border);
    for (let i = 0; i < columns.length; i++) {
      const w = widths[i] ?? 0;
      doc.rect(x, y, w, h).stroke();
      doc
        .font(style.font)
        .fontSize(style.fontSize)
        .fillColor(style.color)
        .text(cells[i] ?? '', x + PAD_X, y + PAD_Y, {
          width: w - 2 * PAD_X,
          align: style.font === 'bold' ? 'center' : (columns[i]?.align ?? 'left'),
        });
      x += w;
    }
  }

  function widthsOf(columns: Column[]): number[] {
    const total = columns.reduce((s, c) => s + c.weight, 0);
    return columns.map((c) => (c.weight / total) * width);
  }

  /** The height a table will take (to keep a heading with a short table). */
  function tableHeight(columns: Column[], rows: string[][], fontSize = 9): number {
    const widths = widthsOf(columns);
    return [columns.map((c) => c.header), ...rows].reduce(
      (sum, cells, i) => sum + rowHeight(cells, widths, fontSize, i === 0 ? 'bold' : 'regular'),
      0,
    );
  }

  /** A bordered table with a coloured header (repeated after page breaks) and zebra rows. */
  function table(columns: Column[], rows: string[][], options: { fontSize?: number } = {}): void {
    const fontSize = options.fontSize ?? 9;
    const widths = widthsOf(columns);
    const headers = columns.map((c) => c.header);
    const headerHeight = rowHeight(headers, widths, fontSize, 'bold');
    const header = { fill: COLORS.headerFill, font: 'bold', color: '#ffffff', fontSize };
    const firstRow = rows[0] ? rowHeight(rows[0], widths, fontSize, 'regular') : 0;
    ensure(headerHeight + firstRow);
    let y = doc.y;
    drawRow(headers, columns, widths, y, headerHeight, header);
    y += headerHeight;
    rows.forEach((cells, r) => {
      const h = rowHeight(cells, widths, fontSize, 'regular');
      if (y + h > bottom()) {
        doc.addPage();
        y = doc.y;
        drawRow(headers, columns, widths, y, headerHeight, header);
        y += headerHeight;
      }
      const fill = r % 2 === 1 ? COLORS.zebra : null;
      drawRow(cells, columns, widths, y, h, {
        fill,
        font: 'regular',
        color: COLORS.text,
        fontSize,
      });
      y += h;
    });
    doc.x = left;
    doc.y = y + 6;
  }

  /** A PNG chart scaled to the content width (or `maxWidth`), centred, with a caption. */
  function figure(
    png: Buffer,
    size: { width: number; height: number },
    caption: string,
    maxWidth = width,
  ): void {
    const w = Math.min(width, maxWidth);
    const h = (size.height / size.width) * w;
    ensure(h + 24);
    doc.image(png, left + (width - w) / 2, doc.y, { width: w, height: h });
    doc.y += h + 3;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text(caption, left, doc.y, { width, align: 'center' });
    doc.x = left;
    doc.moveDown(0.5);
  }

  /** Headline figures in boxes, four per row: big value, label, small note. */
  function figureBoxes(items: { label: string; value: string; note?: string; alert?: boolean }[]) {
    const perRow = 4;
    const gap = 8;
    const boxW = (width - gap * (perRow - 1)) / perRow;
    const boxH = 62;
    for (let i = 0; i < items.length; i += perRow) {
      ensure(boxH + gap);
      const y = doc.y;
      items.slice(i, i + perRow).forEach((item, j) => {
        const x = left + j * (boxW + gap);
        doc.rect(x, y, boxW, boxH).fillAndStroke(COLORS.boxFill, COLORS.border);
        doc.rect(x, y, boxW, 2.5).fill(item.alert ? COLORS.rule : COLORS.headerFill);
        // Long values (a category name) shrink until they fit the box.
        let size = 17;
        doc.font('bold').fontSize(size);
        while (size > 9 && doc.widthOfString(item.value) > boxW - 8) {
          size -= 1;
          doc.fontSize(size);
        }
        doc
          .fillColor(item.alert ? COLORS.title : COLORS.heading)
          .text(item.value, x, y + 9 + (17 - size) * 0.6, {
            width: boxW,
            align: 'center',
            lineBreak: false,
          });
        doc
          .font('regular')
          .fontSize(9)
          .fillColor(COLORS.text)
          .text(item.label, x, y + 33, { width: boxW, align: 'center', lineBreak: false });
        if (item.note) {
          doc
            .fontSize(7.5)
            .fillColor(COLORS.muted)
            .text(item.note, x + 2, y + 46, { width: boxW - 4, align: 'center', lineBreak: false });
        }
      });
      doc.x = left;
      doc.y = y + boxH + gap;
    }
  }

  return { left, width, ensure, heading, paragraph, note, table, tableHeight, figure, figureBoxes };
}

export type Layout = ReturnType<typeof createPdfLayout>;
