import { rng } from '../classifier-linear';

export interface ClassScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Accuracy, macro-F1 and per-class precision/recall/F1 over the labels of `gold`. */
export function classificationScores(
  gold: readonly string[],
  predicted: readonly string[],
  labels: readonly string[] = [...new Set(gold)].sort(),
): { accuracy: number; macroF1: number; perClass: ClassScores[] } {
  let correct = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(g, (fn.get(g) ?? 0) + 1);
    }
  });
  const perClass = labels.map((label) => {
    const t = tp.get(label) ?? 0;
    const precision = t + (fp.get(label) ?? 0) > 0 ? t / (t + (fp.get(label) ?? 0)) : 0;
    const recall = t + (fn.get(label) ?? 0) > 0 ? t / (t + (fn.get(label) ?? 0)) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: t + (fn.get(label) ?? 0) };
  });
  return {
    accuracy: gold.length > 0 ? correct / gold.length : 0,
    macroF1: perClass.reduce((s, c) => s + c.f1, 0) / Math.max(perClass.length, 1),
    perClass,
  };
}

/**
 * Paired bootstrap of the macro-F1 difference (a − b) over the same test rows: resample rows
 * with replacement, score both systems on each resample, take the 2.5 % and 97.5 % quantiles.
 */
export function pairedBootstrap(
  gold: readonly string[],
  a: readonly string[],
  b: readonly string[],
  resamples = 2000,
  seed = 7,
): { diff: number; ci95: [number, number]; pBelowZero: number } {
  const labels = [...new Set(gold)].sort();
  const next = rng(seed);
  const diffs: number[] = [];
  const n = gold.length;
  const g = new Array<string>(n);
  const pa = new Array<string>(n);
  const pb = new Array<string>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(next() * n);
      g[i] = gold[j]!;
      pa[i] = a[j]!;
      pb[i] = b[j]!;
    }
    diffs.push(
      classificationScores(g, pa, labels).macroF1 - classificationScores(g, pb, labels).macroF1,
    );
  }
  diffs.sort((x, y) => x - y);
  const q = (p: number) => diffs[Math.min(diffs.length - 1, Math.floor(p * diffs.length))]!;
  return {
    diff:
      classificationScores(gold, a, labels).macroF1 - classificationScores(gold, b, labels).macroF1,
    ci95: [q(0.025), q(0.975)],
    pBelowZero: diffs.filter((d) => d <= 0).length / diffs.length,
  };
}
