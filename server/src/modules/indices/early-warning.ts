/**
 * Early warning v1 (docs/indices.md): a category's count in a month is compared with the same
 * category's trailing six months by a robust z-score,
 *   z = (x − median) / (1.4826 · MAD + 1),
 * where MAD is the median absolute deviation (1.4826·MAD estimates the standard deviation for
 * normal data; the +1 keeps small, steady counts from alarming on a single extra report).
 * A warning is raised when z ≥ 3.5 and x ≥ 5.
 */
export const EARLY_WARNING_VERSION = 'early-warning/1';
export const Z_THRESHOLD = 3.5;
export const MIN_COUNT = 5;

export function median(xs: number[]): number {
  if (xs.length === 0) {
    return 0;
  }
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function robustZ(x: number, trailing: number[]): { baseline: number; score: number } {
  const m = median(trailing);
  const mad = median(trailing.map((v) => Math.abs(v - m)));
  return { baseline: m, score: (x - m) / (1.4826 * mad + 1) };
}

export function isWarning(x: number, trailing: number[]): boolean {
  return x >= MIN_COUNT && robustZ(x, trailing).score >= Z_THRESHOLD;
}
