import QRCode from 'qrcode';

/**
 * The QR poster (扫码反映烦恼) of one enterprise, laid out once in A4 points (595 × 842) and
 * drawn both as PDF (pdfkit) and as PNG (SVG rendered by resvg), so the two always match.
 */
export const A4 = { width: 595.28, height: 841.89 };

export interface PosterSubject {
  enterpriseId: string;
  enterpriseName: string;
  communityName: string;
}

export const POSTER_TEXT = {
  heading: '职工烦恼 扫码反映',
  subheading: '有烦心事，告诉社区 · 可以匿名',
  steps: [
    '① 用微信或手机相机扫描上方二维码',
    '② 写下您的烦恼，可以拍照，可以匿名',
    '③ 提交后记下查询码，随时查看办理进度并评价',
  ],
  promise: '社区承诺：24 小时内协调落实，7 天内解决或正式答复',
};

/** The URL the poster's QR code opens: the worker report form with the enterprise filled in. */
export function reportUrl(publicUrl: string, enterpriseId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/report?enterprise=${encodeURIComponent(enterpriseId)}`;
}

export interface QrMatrix {
  size: number;
  /** Row-major: `dark[y * size + x]`. */
  dark: boolean[];
}

/** The QR symbol for `text` (error correction M: survives a bit of wear on a canteen wall). */
export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const dark = Array.from({ length: size * size }, (_, i) => qr.modules.data[i] === 1);
  return { size, dark };
}

/** Placement of the QR code on the page (points), quiet zone included in the white box. */
export const QR_BOX = { size: 330, top: 250 };

/** Runs of dark modules per row, so both renderers draw few, wide rectangles. */
export function qrRects(
  matrix: QrMatrix,
  origin: { x: number; y: number },
  moduleSize: number,
): { x: number; y: number; w: number; h: number }[] {
  const rects: { x: number; y: number; w: number; h: number }[] = [];
  for (let y = 0; y < matrix.size; y++) {
    let x = 0;
    while (x < matrix.size) {
      if (!matrix.dark[y * matrix.size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < matrix.size && matrix.dark[y * matrix.size + x]) {
        x++;
      }
      rects.push({
        x: origin.x + start * moduleSize,
        y: origin.y + y * moduleSize,
        w: (x - start) * moduleSize,
        h: moduleSize,
      });
    }
  }
  return rects;
}

/** The QR modules' geometry inside QR_BOX: 4 modules of quiet zone on each side. */
export function qrGeometry(matrix: QrMatrix) {
  const moduleSize = QR_BOX.size / (matrix.size + 8);
  const left = (A4.width - QR_BOX.size) / 2;
  return {
    moduleSize,
    box: { x: left, y: QR_BOX.top, size: QR_BOX.size },
    origin: { x: left + 4 * moduleSize, y: QR_BOX.top + 4 * moduleSize },
  };
}
