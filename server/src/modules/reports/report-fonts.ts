import fs from 'node:fs';
import path from 'node:path';

/** The CJK font of the monthly report (Debian package fonts-noto-cjk). */
export const DEFAULT_REPORT_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

export interface FontFace {
  file: string;
  postscriptName: string;
  /** What pdfkit needs to pick the face: its PostScript name inside a collection, else nothing. */
  pdfkitFace: string | undefined;
  /** Family name, as SVG text asks for it (resvg matches it against the loaded file). */
  family: string;
}

export interface ReportFonts {
  regular: FontFace;
  bold: FontFace;
}

function nameRecords(buf: Buffer, fontOffset: number): Map<number, string> {
  const numTables = buf.readUInt16BE(fontOffset + 4);
  const out = new Map<number, string>();
  for (let i = 0; i < numTables; i++) {
    const record = fontOffset + 12 + 16 * i;
    if (buf.toString('latin1', record, record + 4) !== 'name') {
      continue;
    }
    const table = buf.readUInt32BE(record + 8);
    const count = buf.readUInt16BE(table + 2);
    const strings = table + buf.readUInt16BE(table + 4);
    for (let j = 0; j < count; j++) {
      const r = table + 6 + 12 * j;
      const [platform, nameId] = [buf.readUInt16BE(r), buf.readUInt16BE(r + 6)];
      const [length, offset] = [buf.readUInt16BE(r + 8), buf.readUInt16BE(r + 10)];
      const raw = buf.subarray(strings + offset, strings + offset + length);
      // Windows (3) names are UTF-16BE; Macintosh (1) names are single-byte.
      const text =
        platform === 3 ? Buffer.from(raw).swap16().toString('utf16le') : raw.toString('latin1');
      if (!out.has(nameId) || platform === 3) {
        out.set(nameId, text);
      }
    }
  }
  return out;
}

/** The faces of a font file (.ttf, .otf or a .ttc/.otc collection), read from its name tables. */
export function readFontFaces(
  file: string,
): { postscriptName: string; family: string; inCollection: boolean }[] {
  const buf = fs.readFileSync(file);
  const inCollection = buf.toString('latin1', 0, 4) === 'ttcf';
  const offsets = inCollection
    ? Array.from({ length: buf.readUInt32BE(8) }, (_, i) => buf.readUInt32BE(12 + 4 * i))
    : [0];
  return offsets.map((offset) => {
    const names = nameRecords(buf, offset);
    return {
      postscriptName: names.get(6) ?? '',
      family: names.get(16) ?? names.get(1) ?? '',
      inCollection,
    };
  });
}

const cache = new Map<string, FontFace>();

/** The Simplified Chinese face of a font file (for collections), else its first face. */
function faceOf(file: string): FontFace {
  const known = cache.get(file);
  if (known) {
    return known;
  }
  let faces: ReturnType<typeof readFontFaces>;
  try {
    faces = readFontFaces(file);
  } catch (error) {
    throw new Error(`月报字体文件无法读取 / cannot read report font ${file}: ${String(error)}`);
  }
  const face =
    faces.find((f) => /sc-|SC\b|CN\b|GB/.test(f.postscriptName) || / SC$/.test(f.family)) ??
    faces[0];
  if (!face?.postscriptName || !face.family) {
    throw new Error(`月报字体文件不是可用的字体 / report font has no usable face: ${file}`);
  }
  const resolved: FontFace = {
    file,
    postscriptName: face.postscriptName,
    family: face.family,
    pdfkitFace: face.inCollection ? face.postscriptName : undefined,
  };
  cache.set(file, resolved);
  return resolved;
}

/**
 * Resolves the report fonts from the `REPORT_FONT` setting (a .ttf/.otf file or a .ttc
 * collection, whose Simplified Chinese face is used). The bold face is the sibling `…-Bold`
 * file when it exists, else the regular one. Fails with a clear message when the file is
 * missing, since a report without CJK glyphs would be unreadable.
 */
export function resolveReportFonts(setting: string | undefined): ReportFonts {
  const regularFile = path.resolve(setting ?? DEFAULT_REPORT_FONT);
  if (!fs.existsSync(regularFile)) {
    throw new Error(
      `月报字体文件不存在 / report font not found: ${regularFile} ` +
        '(set REPORT_FONT to a CJK font file, or install the Debian package fonts-noto-cjk)',
    );
  }
  const regular = faceOf(regularFile);
  const boldFile = regularFile.replace(/Regular(\.\w+)$/, 'Bold$1');
  const bold = boldFile !== regularFile && fs.existsSync(boldFile) ? faceOf(boldFile) : regular;
  return { regular, bold };
}
