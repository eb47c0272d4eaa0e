import { gunzipSync, gzipSync } from 'node:zlib';

import { fitClassOffsets, fitTemperature, softmax } from './classifier-calibration';
import {
  DEFAULT_FEATURES,
  extractFeatures,
  type FeatureOptions,
  inverseDocumentFrequencies,
  scoreTokens,
  scoringTable,
  type SparseVector,
} from './classifier-features';
import {
  addClass,
  DEFAULT_TRAIN,
  type Example,
  learnOne,
  type LinearModel,
  rng,
  scores,
  trainLinear,
  type TrainOptions,
} from './classifier-linear';

/**
 * The text classifier: hashed word + character n-gram features, one-vs-rest linear SVMs, and a
 * temperature that turns scores into calibrated probabilities. Pure (no I/O): the model service
 * stores it in the database (model-repository.ts).
 */
export interface ClassifierModel {
  /** Class labels (category ids in the product, class names in the evaluation). */
  labels: string[];
  features: FeatureOptions;
  linear: LinearModel;
  /** Inverse document frequencies per bucket (null: plain sublinear tf). */
  idf: Float32Array | null;
  temperature: number;
  /** Labelled examples of the last full training (keyword pseudo-documents not counted). */
  trainedOn: number;
  /** Online updates since the last full training. */
  learned: number;
  /**
   * Decision offsets per class (logits) fitted at the last training and already added to
   * linear.bias (× temperature); informational, not stored in snapshots.
   */
  offsets?: number[];
}

export interface LabelledTokens {
  tokens: readonly string[];
  label: string;
  /** Example weight; keyword pseudo-documents use less than 1. */
  weight?: number;
  /** Pseudo-documents (taxonomy keywords/examples) are not counted as labels. */
  pseudo?: boolean;
}

export interface TrainClassifierOptions {
  features?: FeatureOptions;
  train?: TrainOptions;
  /** Labels to include even without examples (all categories of the taxonomy). */
  labels?: readonly string[];
  /** Folds used to fit the temperature on out-of-fold scores (0 = keep `temperature`). */
  calibrationFolds?: number;
  /** Temperature used when there are too few labels to fit one. */
  temperature?: number;
  /** Weigh features by inverse document frequency over the training texts. */
  idf?: boolean;
  /**
   * With calibration folds: fit per-class decision offsets on the out-of-fold scores
   * (fitClassOffsets) and add them to the biases. Default true.
   */
  classOffsets?: boolean;
  /** Bootstrap resamples of the offset fit (default OFFSET_BAGS). */
  offsetBags?: number;
}

/** Used before any labelled history exists: scores of keyword models are small and flat. */
export const DAY_ONE_TEMPERATURE = 0.25;

export interface Prediction {
  label: string;
  confidence: number;
}

function toExamples(
  docs: readonly LabelledTokens[],
  labels: string[],
  features: FeatureOptions,
  idf: Float32Array | null,
): Example[] {
  const index = new Map(labels.map((l, i) => [l, i]));
  return docs.map((d) => ({
    x: extractFeatures(d.tokens, features, idf),
    y: index.get(d.label)!,
    ...(d.weight !== undefined ? { weight: d.weight } : {}),
  }));
}

/** Stratified fold assignment (deterministic). */
export function stratifiedFolds(ys: readonly number[], folds: number, seed: number): number[] {
  const byClass = new Map<number, number[]>();
  ys.forEach((y, i) => byClass.set(y, [...(byClass.get(y) ?? []), i]));
  const next = rng(seed);
  const fold = new Array<number>(ys.length).fill(0);
  let offset = 0;
  for (const members of byClass.values()) {
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    members.forEach((m, i) => (fold[m] = (i + offset) % folds));
    offset += members.length;
  }
  return fold;
}

/** Trains a model from labelled token lists; calibrates on out-of-fold scores when asked. */
export function trainClassifier(
  docs: readonly LabelledTokens[],
  options: TrainClassifierOptions = {},
): ClassifierModel {
  const features = options.features ?? DEFAULT_FEATURES;
  const real = docs.filter((d) => !d.pseudo).length;
  // NB ratios are document-frequency estimates: from keyword pseudo-documents alone (day one,
  // each keyword in one or two of them) they are noise, so such a model is a plain SVM.
  const train = { ...(options.train ?? DEFAULT_TRAIN) };
  if (real === 0) {
    train.nb = false;
  }
  const labels = [...new Set([...(options.labels ?? []), ...docs.map((d) => d.label)])];
  const idf =
    (options.idf ?? true)
      ? inverseDocumentFrequencies(
          docs.map((d) => d.tokens),
          features,
        )
      : null;
  const examples = toExamples(docs, labels, features, idf);
  const dim = 1 << features.bits;
  const linear = trainLinear(examples, labels.length, dim, train);
  let temperature = options.temperature ?? (real > 0 ? 1 : DAY_ONE_TEMPERATURE);
  const folds = options.calibrationFolds ?? 0;
  let offsets: number[] | undefined;
  if (folds >= 2 && real >= 30) {
    const fold = stratifiedFolds(
      examples.map((e) => e.y),
      folds,
      train.seed,
    );
    const held: { scores: Float64Array; y: number }[] = [];
    for (let f = 0; f < folds; f++) {
      const part = trainLinear(
        examples.filter((_, i) => fold[i] !== f),
        labels.length,
        dim,
        train,
      );
      examples.forEach((e, i) => {
        if (fold[i] === f && !docs[i]!.pseudo) {
          held.push({ scores: scores(part, e.x), y: e.y });
        }
      });
    }
    temperature = fitTemperature(held, temperature);
    if (options.classOffsets ?? true) {
      offsets = fitClassOffsets(held, labels.length, temperature, {
        ...(options.offsetBags !== undefined ? { bags: options.offsetBags } : {}),
        seed: train.seed,
      });
      if (offsets.some((o) => o !== 0)) {
        const shift = offsets.map((o) => o * temperature);
        linear.bias = linear.bias.map((b, k) => b + shift[k]!);
        // Refit T on the shifted scores: the probabilities stay calibrated.
        temperature = fitTemperature(
          held.map((h) => ({ scores: h.scores.map((v, k) => v + shift[k]!), y: h.y })),
          temperature,
        );
      }
    }
  }
  return {
    labels,
    features,
    linear,
    idf,
    temperature,
    trainedOn: real,
    learned: 0,
    ...(offsets ? { offsets } : {}),
  };
}

/** Probabilities of every label for a feature vector, best first. */
export function predictVector(model: ClassifierModel, x: SparseVector): Prediction[] {
  const p = softmax(scores(model.linear, x), model.temperature);
  return model.labels
    .map((label, i) => ({ label, confidence: p[i]! }))
    .sort((a, b) => b.confidence - a.confidence);
}

/**
 * Scoring tables (idf and weights per bucket in one row, see scoringTable) of the models in use,
 * built on the first prediction: linear.w plus the table is the memory of a loaded model.
 */
const tables = new WeakMap<LinearModel, { w: Float32Array; table: Float32Array }>();

function tableOf(model: ClassifierModel): Float32Array {
  const { linear } = model;
  let t = tables.get(linear);
  if (!t || t.w !== linear.w) {
    t = { w: linear.w, table: scoringTable(linear.w, linear.classes, linear.dim, model.idf) };
    tables.set(linear, t);
  }
  return t.table;
}

/** Probabilities of every label for content tokens, best first. */
export function predict(model: ClassifierModel, tokens: readonly string[]): Prediction[] {
  const out = new Float64Array(model.linear.classes);
  scoreTokens(tokens, model.features, tableOf(model), model.linear.bias, out);
  const p = softmax(out, model.temperature);
  return model.labels
    .map((label, i) => ({ label, confidence: p[i]! }))
    .sort((a, b) => b.confidence - a.confidence);
}

/** Learns one confirmed or corrected label at once (online step; see learnOne). */
export function learn(model: ClassifierModel, tokens: readonly string[], label: string): void {
  let y = model.labels.indexOf(label);
  if (y < 0) {
    model.labels.push(label);
    addClass(model.linear);
    y = model.labels.length - 1;
  }
  const x = extractFeatures(tokens, model.features, model.idf);
  learnOne(model.linear, x, y);
  // Keep the scoring table in step: only the rows of this text's buckets changed.
  const t = tables.get(model.linear);
  if (t && t.w === model.linear.w) {
    const K = model.linear.classes;
    for (let j = 0; j < x.idx.length; j++) {
      const f = x.idx[j]!;
      t.table.set(model.linear.w.subarray(f * K, f * K + K), f * (K + 1) + 1);
    }
  }
  model.learned++;
}

const MAGIC = 'FNTM1';

interface Header {
  labels: string[];
  features: FeatureOptions;
  temperature: number;
  trainedOn: number;
  learned: number;
  dim: number;
  bias: number[];
  /** Buckets with a nonzero weight in some class. */
  nnz: number;
  /** idf of buckets never seen in training (the largest value); null without idf. */
  idfDefault: number | null;
  /** Buckets whose idf differs from idfDefault. */
  idfCount: number;
}

/**
 * Compact binary form (gzip): magic, a JSON header, then the nonzero buckets (Int32) and their
 * K weights each (Float32), then the idf buckets that differ from the default and their values.
 */
export function serializeModel(model: ClassifierModel): Buffer {
  const { linear, idf } = model;
  const K = linear.classes;
  const nonzero: number[] = [];
  for (let f = 0; f < linear.dim; f++) {
    for (let k = 0; k < K; k++) {
      if (linear.w[f * K + k] !== 0) {
        nonzero.push(f);
        break;
      }
    }
  }
  const idfDefault = idf ? idf.reduce((m, v) => Math.max(m, v), 0) : null;
  const idfIdx: number[] = [];
  if (idf) {
    idf.forEach((v, k) => {
      if (v !== idfDefault) {
        idfIdx.push(k);
      }
    });
  }
  const header: Header = {
    labels: model.labels,
    features: model.features,
    temperature: model.temperature,
    trainedOn: model.trainedOn,
    learned: model.learned,
    dim: linear.dim,
    bias: linear.bias,
    nnz: nonzero.length,
    idfDefault,
    idfCount: idfIdx.length,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const values = new Float32Array(nonzero.length * K);
  nonzero.forEach((f, i) => values.set(linear.w.subarray(f * K, f * K + K), i * K));
  const idfValues = Float32Array.from(idfIdx, (k) => idf![k]!);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(headerBytes.length);
  return gzipSync(
    Buffer.concat([
      Buffer.from(MAGIC),
      len,
      headerBytes,
      Buffer.from(Int32Array.from(nonzero).buffer),
      Buffer.from(values.buffer),
      Buffer.from(Int32Array.from(idfIdx).buffer),
      Buffer.from(idfValues.buffer),
    ]),
  );
}

/** Reads a model written by serializeModel. */
export function deserializeModel(data: Buffer): ClassifierModel {
  const raw = gunzipSync(data);
  if (raw.subarray(0, MAGIC.length).toString() !== MAGIC) {
    throw new Error('not a text model');
  }
  const headerLength = raw.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  const h = JSON.parse(raw.subarray(start, start + headerLength).toString('utf8')) as Header;
  const body = new Uint8Array(raw.subarray(start + headerLength)); // aligned copy
  const k = h.labels.length;
  const idx = new Int32Array(body.buffer, 0, h.nnz);
  const values = new Float32Array(body.buffer, h.nnz * 4, h.nnz * k);
  const idfStart = h.nnz * 4 * (1 + k);
  const idfIdx = new Int32Array(body.buffer, idfStart, h.idfCount);
  const idfValues = new Float32Array(body.buffer, idfStart + h.idfCount * 4, h.idfCount);
  const w = new Float32Array(h.dim * k);
  for (let i = 0; i < h.nnz; i++) {
    w.set(values.subarray(i * k, i * k + k), idx[i]! * k);
  }
  let idf: Float32Array | null = null;
  if (h.idfDefault !== null) {
    idf = new Float32Array(h.dim).fill(h.idfDefault);
    for (let i = 0; i < h.idfCount; i++) {
      idf[idfIdx[i]!] = idfValues[i]!;
    }
  }
  return {
    labels: h.labels,
    features: h.features,
    temperature: h.temperature,
    trainedOn: h.trainedOn,
    learned: h.learned,
    idf,
    linear: { dim: h.dim, classes: k, w, bias: h.bias },
  };
}
