import { rng } from './classifier-linear';

/**
 * Calibration of one-vs-rest scores into probabilities: softmax(scores / T) with one
 * temperature T fitted on held-out (out-of-fold) scores by minimising the negative
 * log-likelihood (temperature scaling, Guo et al. 2017). Reliability is reported as the
 * expected calibration error (ECE) over equal-width confidence bins.
 */
export function softmax(scores: ArrayLike<number>, temperature: number): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    max = Math.max(max, scores[i]! / temperature);
  }
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp(scores[i]! / temperature - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) {
    out[i]! /= sum;
  }
  return out;
}

function nll(held: readonly { scores: ArrayLike<number>; y: number }[], t: number): number {
  let s = 0;
  for (const h of held) {
    s -= Math.log(Math.max(softmax(h.scores, t)[h.y]!, 1e-12));
  }
  return s / Math.max(held.length, 1);
}

/** The temperature that minimises the NLL of held-out scores (golden-section search on log T). */
export function fitTemperature(
  held: readonly { scores: ArrayLike<number>; y: number }[],
  fallback = 1,
): number {
  if (held.length < 10) {
    return fallback;
  }
  let lo = Math.log(0.01);
  let hi = Math.log(10);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(held, Math.exp(a));
  let fb = nll(held, Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(held, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(held, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Held-out examples of a class needed before its decision offset is fitted. */
export const OFFSET_MIN_HELD = 20;
/** Grid of the offset search, in units of score / T (logits): steps and reach per sweep. */
const OFFSET_STEP = 0.05;
const OFFSET_REACH = 1.5;
const OFFSET_SWEEPS = 3;
/** Bootstrap resamples whose fitted offsets are averaged (1: one fit on all held-out scores). */
export const OFFSET_BAGS = 10;

function macroF1Of(tp: Float64Array, fp: Float64Array, fn: Float64Array, present: Uint8Array) {
  let sum = 0;
  let n = 0;
  for (let k = 0; k < tp.length; k++) {
    if (present[k] === 0) {
      continue;
    }
    n++;
    const d = 2 * tp[k]! + fp[k]! + fn[k]!;
    sum += d > 0 ? (2 * tp[k]!) / d : 0;
  }
  return n > 0 ? sum / n : 0;
}

/**
 * Per-class decision offsets (in logits, i.e. added to scores / T) that maximise the macro-F1
 * of held-out scores: coordinate ascent over the classes on a grid, keeping a step only when it
 * improves. One-vs-rest scorers are trained separately, so their zero points are not comparable
 * and the catch-all class wins too many close calls; the offsets move the decision boundaries
 * for the measure the product is judged by. Classes with fewer than `minHeld` held-out
 * examples keep 0. Measured by cross-validation in docs/text.md.
 */
export function fitClassOffsets(
  held: readonly { scores: ArrayLike<number>; y: number }[],
  classes: number,
  temperature: number,
  options: { minHeld?: number; bags?: number; seed?: number } = {},
): number[] {
  const bags = options.bags ?? OFFSET_BAGS;
  const minHeld = options.minHeld ?? OFFSET_MIN_HELD;
  if (bags <= 1) {
    return fitOffsetsOnce(held, classes, temperature, minHeld);
  }
  // Bagging: the macro-F1 surface is flat and stepwise, so one fit's offsets depend on a few
  // examples; the mean over bootstrap resamples is steadier.
  const next = rng(options.seed ?? 1);
  const sum = new Array<number>(classes).fill(0);
  for (let b = 0; b < bags; b++) {
    const sample = Array.from(
      { length: held.length },
      () => held[Math.floor(next() * held.length)]!,
    );
    fitOffsetsOnce(sample, classes, temperature, minHeld).forEach((o, k) => (sum[k]! += o));
  }
  // Classes too small in the full set stay at 0 (a resample may have reached the minimum).
  const support = new Array<number>(classes).fill(0);
  held.forEach((h) => support[h.y]!++);
  return sum.map((o, k) => (support[k]! >= minHeld ? o / bags : 0));
}

function fitOffsetsOnce(
  held: readonly { scores: ArrayLike<number>; y: number }[],
  classes: number,
  temperature: number,
  minHeld: number,
): number[] {
  const K = classes;
  const n = held.length;
  const off = new Array<number>(K).fill(0);
  const support = new Float64Array(K);
  const present = new Uint8Array(K);
  for (const h of held) {
    support[h.y]!++;
    present[h.y] = 1;
  }
  const z = new Float64Array(n * K);
  held.forEach((h, i) => {
    for (let k = 0; k < K; k++) {
      z[i * K + k] = h.scores[k]! / temperature;
    }
  });
  const other = new Float64Array(n);
  const otherArg = new Int32Array(n);
  const tp = new Float64Array(K);
  const fp = new Float64Array(K);
  const fn = new Float64Array(K);
  const count = (k: number, o: number) => {
    tp.fill(0);
    fp.fill(0);
    fn.fill(0);
    for (let i = 0; i < n; i++) {
      const p = z[i * K + k]! + o > other[i]! ? k : otherArg[i]!;
      const y = held[i]!.y;
      if (p === y) {
        tp[y]!++;
      } else {
        fp[p]!++;
        fn[y]!++;
      }
    }
    return macroF1Of(tp, fp, fn, present);
  };
  let best = -1;
  for (let sweep = 0; sweep < OFFSET_SWEEPS; sweep++) {
    let moved = false;
    for (let k = 0; k < K; k++) {
      if (support[k]! < minHeld) {
        continue;
      }
      // The best other class of every example under the current offsets.
      for (let i = 0; i < n; i++) {
        let m = -Infinity;
        let a = 0;
        for (let j = 0; j < K; j++) {
          const v = z[i * K + j]! + off[j]!;
          if (j !== k && v > m) {
            m = v;
            a = j;
          }
        }
        other[i] = m;
        otherArg[i] = a;
      }
      const start = off[k]!;
      if (best < 0) {
        best = count(k, start);
      }
      let bestO = start;
      const steps = Math.round(OFFSET_REACH / OFFSET_STEP);
      for (let s = -steps; s <= steps; s++) {
        const o = start + s * OFFSET_STEP;
        const f = count(k, o);
        if (f > best + 1e-12) {
          best = f;
          bestO = o;
        }
      }
      if (bestO !== start) {
        off[k] = bestO;
        moved = true;
      }
    }
    if (!moved) {
      break;
    }
  }
  return off;
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  confidence: number;
  accuracy: number;
}

/** Expected calibration error of top-1 confidences, with the bins (reliability diagram). */
export function expectedCalibrationError(
  predictions: readonly { confidence: number; correct: boolean }[],
  bins = 10,
): { ece: number; bins: ReliabilityBin[] } {
  const acc = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: 0,
    confidence: 0,
    accuracy: 0,
  }));
  for (const p of predictions) {
    const b = acc[Math.min(bins - 1, Math.floor(p.confidence * bins))]!;
    b.count++;
    b.confidence += p.confidence;
    b.accuracy += p.correct ? 1 : 0;
  }
  let ece = 0;
  for (const b of acc) {
    if (b.count > 0) {
      b.confidence /= b.count;
      b.accuracy /= b.count;
      ece += (b.count / Math.max(predictions.length, 1)) * Math.abs(b.accuracy - b.confidence);
    }
  }
  return { ece, bins: acc };
}
