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
