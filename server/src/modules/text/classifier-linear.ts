import type { SparseVector } from './classifier-features';

/**
 * One-vs-rest linear SVMs (L2-regularised, squared hinge loss) trained by dual coordinate
 * descent, as liblinear's default solver does (Hsieh et al., ICML 2008), with a regularised
 * bias feature of value 1. The K binary problems are independent; they are solved side by side
 * over the same example order, with the weights interleaved (bucket-major: w[f·K + k]) so that
 * one pass over a document's features serves every class.
 */
export interface LinearModel {
  dim: number;
  classes: number;
  /** Interleaved weights, length dim × classes. */
  w: Float32Array;
  bias: number[];
}

export interface TrainOptions {
  /** Inverse regularisation strength. */
  C: number;
  /** Most passes over the data. */
  epochs: number;
  /** Weigh classes inversely to their frequency (helps macro-F1 on imbalanced data). */
  balanced: boolean;
  /** Seed of the example order (deterministic runs). */
  seed: number;
  /** Stop when the projected gradient's spread falls below this (liblinear: 0.1). */
  tolerance: number;
  /**
   * NB-SVM (Wang & Manning 2012): each class's problem sees the features scaled by their
   * naive-Bayes log-count ratio for that class (see nbScale). Absent: plain features.
   */
  nb?: boolean;
}

export const DEFAULT_TRAIN: TrainOptions = {
  C: 1,
  epochs: 30,
  balanced: true,
  seed: 1,
  tolerance: 0.1,
  nb: true,
};

export interface Example {
  x: SparseVector;
  /** Class index. */
  y: number;
  /** Example weight (e.g. keyword pseudo-documents count less than real labels). */
  weight?: number;
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function emptyModel(dim: number, classes: number): LinearModel {
  return {
    dim,
    classes,
    w: new Float32Array(dim * classes),
    bias: new Array<number>(classes).fill(0),
  };
}

/** out[k] = w_k · x + b_k for every class. */
function scoresInto(model: LinearModel, x: SparseVector, out: Float64Array): void {
  const K = model.classes;
  const { w } = model;
  for (let k = 0; k < K; k++) {
    out[k] = model.bias[k]!;
  }
  const { idx, val } = x;
  for (let i = 0; i < idx.length; i++) {
    const base = idx[i]! * K;
    const v = val[i]!;
    for (let k = 0; k < K; k++) {
      out[k]! += w[base + k]! * v;
    }
  }
}

/** Scores in the scaled space of training: out[k] = Σ w[f,k] · r[f,k] · x_f + b_k. */
function scaledScoresInto(
  model: LinearModel,
  r: Float32Array,
  x: SparseVector,
  out: Float64Array,
): void {
  const K = model.classes;
  const { w } = model;
  for (let k = 0; k < K; k++) {
    out[k] = model.bias[k]!;
  }
  const { idx, val } = x;
  for (let i = 0; i < idx.length; i++) {
    const base = idx[i]! * K;
    const v = val[i]!;
    for (let k = 0; k < K; k++) {
      out[k]! += w[base + k]! * r[base + k]! * v;
    }
  }
}

function squaredNorm(x: SparseVector): number {
  let sq = 1; // the bias feature
  for (let j = 0; j < x.val.length; j++) {
    sq += x.val[j]! * x.val[j]!;
  }
  return sq;
}

/**
 * Naive-Bayes log-count ratios per bucket and class, interleaved like the weights:
 * r[f,k] = |ln(p_k(f) / q_k(f))| with p_k(f) = (1 + weighted document frequency of f in class k)
 * normalised over all buckets (add-one smoothing), q_k the same over the other classes (Wang &
 * Manning 2012; the sign does not matter to an L2-regularised SVM). They are
 * divided by their mean over the buckets seen in training, so that C keeps its meaning.
 * Only buckets that occur get a ratio; the rest stay 1 (their weight stays 0 in training).
 */
export function nbScale(examples: readonly Example[], classes: number, dim: number): Float32Array {
  const K = classes;
  const count = new Float64Array(dim * K);
  const seen = new Uint8Array(dim);
  for (const ex of examples) {
    const wt = ex.weight ?? 1;
    const { idx } = ex.x;
    for (let j = 0; j < idx.length; j++) {
      const f = idx[j]!;
      const a = f * K + ex.y;
      // Document frequency: a bucket listed twice in one vector (two blocks) counts once.
      if (seen[f] === 0) {
        seen[f] = 1;
        count[a]! += wt;
      }
    }
    for (let j = 0; j < idx.length; j++) {
      seen[idx[j]!] = 0;
    }
  }
  const perClass = new Float64Array(K);
  const used: number[] = [];
  for (let f = 0; f < dim; f++) {
    let any = false;
    for (let k = 0; k < K; k++) {
      const c = count[f * K + k]!;
      perClass[k]! += c;
      any ||= c > 0;
    }
    if (any) {
      used.push(f);
    }
  }
  const totalAll = perClass.reduce((a, b) => a + b, 0);
  const n = used.length;
  const r = new Float32Array(dim * K).fill(1);
  const sum = new Float64Array(K);
  const logs = new Float64Array(n * K);
  used.forEach((f, u) => {
    let all = 0;
    for (let k = 0; k < K; k++) {
      all += count[f * K + k]!;
    }
    for (let k = 0; k < K; k++) {
      const c = count[f * K + k]!;
      const p = (c + 1) / (perClass[k]! + dim);
      const q = (all - c + 1) / (totalAll - perClass[k]! + dim);
      const v = Math.abs(Math.log(p / q));
      logs[u * K + k] = v;
      sum[k]! += v;
    }
  });
  used.forEach((f, u) => {
    for (let k = 0; k < K; k++) {
      const mean = sum[k]! / n;
      r[f * K + k] = mean > 0 ? logs[u * K + k]! / mean : 1;
    }
  });
  return r;
}

/** Trains the one-vs-rest model over `classes` classes. */
export function trainLinear(
  examples: readonly Example[],
  classes: number,
  dim: number,
  opts: TrainOptions = DEFAULT_TRAIN,
): LinearModel {
  const model = emptyModel(dim, classes);
  const K = classes;
  const n = examples.length;
  const freq = new Float64Array(K);
  for (const ex of examples) {
    freq[ex.y]! += ex.weight ?? 1;
  }
  const total = freq.reduce((a, b) => a + b, 0);
  // Per example and class: diag = 1 / (2 C_i,k); the positive class carries the balance weight.
  const diag = new Float64Array(n * K);
  const qd = new Float64Array(n * K);
  const alpha = new Float64Array(n * K);
  // NB-SVM: class k's problem sees x ∘ r_k; at the end the scale is folded into the weights, so
  // that scoring (and online learning) works on plain features.
  const r = opts.nb ? nbScale(examples, K, dim) : null;
  const sqK = new Float64Array(K);
  examples.forEach((ex, i) => {
    const sq = squaredNorm(ex.x);
    if (r) {
      sqK.fill(1);
      const { idx, val } = ex.x;
      for (let j = 0; j < idx.length; j++) {
        const base = idx[j]! * K;
        const v2 = val[j]! * val[j]!;
        for (let k = 0; k < K; k++) {
          sqK[k]! += v2 * r[base + k]! * r[base + k]!;
        }
      }
    }
    for (let k = 0; k < K; k++) {
      const cls = k === ex.y ? ex.y : k;
      const balance = opts.balanced && freq[cls]! > 0 ? total / (K * freq[cls]!) : 1;
      // Negatives of class k are weighed as in liblinear's -wi for the "rest" (weight 1).
      const c = opts.C * (ex.weight ?? 1) * (k === ex.y ? balance : 1);
      diag[i * K + k] = 0.5 / c;
      qd[i * K + k] = (r ? sqK[k]! : sq) + 0.5 / c;
    }
  });
  const active = new Uint8Array(K).fill(1);
  const order = Array.from({ length: n }, (_, i) => i);
  const next = rng(opts.seed);
  const s = new Float64Array(K);
  const d = new Float64Array(K);
  const { w, bias } = model;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const maxPg = new Float64Array(K).fill(-Infinity);
    const minPg = new Float64Array(K).fill(Infinity);
    for (const i of order) {
      const ex = examples[i]!;
      if (r) {
        scaledScoresInto(model, r, ex.x, s);
      } else {
        scoresInto(model, ex.x, s);
      }
      let any = false;
      for (let k = 0; k < K; k++) {
        d[k] = 0;
        if (active[k] === 0) {
          continue;
        }
        const a = i * K + k;
        const yi = ex.y === k ? 1 : -1;
        const g = yi * s[k]! - 1 + diag[a]! * alpha[a]!;
        const pg = alpha[a] === 0 ? Math.min(g, 0) : g;
        maxPg[k] = Math.max(maxPg[k]!, pg);
        minPg[k] = Math.min(minPg[k]!, pg);
        if (Math.abs(pg) < 1e-12) {
          continue;
        }
        const old = alpha[a]!;
        alpha[a] = Math.max(old - g / qd[a]!, 0);
        d[k] = (alpha[a] - old) * yi;
        if (d[k] !== 0) {
          any = true;
          bias[k]! += d[k]!;
        }
      }
      if (!any) {
        continue;
      }
      const { idx, val } = ex.x;
      for (let j = 0; j < idx.length; j++) {
        const base = idx[j]! * K;
        const v = val[j]!;
        if (r) {
          for (let k = 0; k < K; k++) {
            w[base + k]! += d[k]! * v * r[base + k]!;
          }
        } else {
          for (let k = 0; k < K; k++) {
            w[base + k]! += d[k]! * v;
          }
        }
      }
    }
    // liblinear's stopping rule, per class: the projected gradient's spread is small.
    let still = 0;
    for (let k = 0; k < K; k++) {
      if (active[k] === 1 && maxPg[k]! - minPg[k]! <= opts.tolerance) {
        active[k] = 0;
      }
      still += active[k]!;
    }
    if (still === 0) {
      break;
    }
  }
  if (r) {
    for (let a = 0; a < w.length; a++) {
      w[a]! *= r[a]!;
    }
  }
  return model;
}

/** The raw one-vs-rest scores of a vector. */
export function scores(model: LinearModel, x: SparseVector): Float64Array {
  const out = new Float64Array(model.classes);
  scoresInto(model, x, out);
  return out;
}

/** Aggressiveness of the online step (PA-II C); smaller keeps more of what was known. */
export const ONLINE_C = 0.1;

/**
 * One online step for a confirmed label (passive-aggressive, PA-II, Crammer et al. 2006): each
 * binary scorer moves just enough towards margin 1 on this example, bounded by `C`. A
 * confirmed label therefore changes the model at once, without a restart or a retrain. The
 * biases stay as trained: they are shared by every text, and moving them per example lets a
 * run of one class swamp all others.
 */
export function learnOne(model: LinearModel, x: SparseVector, y: number, C = ONLINE_C): void {
  const K = model.classes;
  const sq = squaredNorm(x) - 1;
  const s = scores(model, x);
  const tau = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const target = k === y ? 1 : -1;
    const loss = Math.max(0, 1 - target * s[k]!);
    tau[k] = (loss / (sq + 0.5 / C)) * target;
  }
  for (let j = 0; j < x.idx.length; j++) {
    const base = x.idx[j]! * K;
    for (let k = 0; k < K; k++) {
      model.w[base + k]! += tau[k]! * x.val[j]!;
    }
  }
}

/** Adds an empty class (a category created after the model was trained). */
export function addClass(model: LinearModel): void {
  const K = model.classes;
  const w = new Float32Array(model.dim * (K + 1));
  for (let f = 0; f < model.dim; f++) {
    for (let k = 0; k < K; k++) {
      w[f * (K + 1) + k] = model.w[f * K + k]!;
    }
  }
  model.w = w;
  model.classes = K + 1;
  model.bias.push(-1);
}
