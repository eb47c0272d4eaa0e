import {
  type ClassifierModel,
  DAY_ONE_TEMPERATURE,
  type LabelledTokens,
  learn,
  predict,
  serializeModel,
  stratifiedFolds,
  trainClassifier,
} from '../classifier';
import { expectedCalibrationError, type ReliabilityBin } from '../classifier-calibration';
import { classifierText } from '../classifier-features';
import { rng } from '../classifier-linear';
import { CHOOSE_BELOW } from '../model-service';
import { PSEUDO_WEIGHT_WITH_HISTORY } from '../model-training';
import type { Segmenter } from '../segmenter';
import type { RawRow, SegmentedRow } from './eval-data';
import { classificationScores, type ClassScores } from './eval-metrics';

/** Seconds of CPU time of this process (user + system) since `from`. */
export function cpuSeconds(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
}

export const rawText = (r: RawRow): string => `${r.title}\n${r.detail}`;

export interface HoldoutResult {
  accuracy: number;
  macroF1: number;
  perClass: ClassScores[];
  predictions: string[];
  trainSeconds: number;
  temperature: number;
  /** Class decision offsets fitted on the out-of-fold calibration scores (logits). */
  offsets: Record<string, number>;
  messagesPerSecond: number;
  messagesPerSecondWall: number;
  throughputMessages: number;
  /** Memory of the loaded model (weights, scoring table, idf) and size of its stored snapshot. */
  modelBytes: { memory: number; snapshot: number };
  calibration: {
    eceUncalibrated: number;
    ece: number;
    bins: ReliabilityBin[];
    chooseRate: number;
    accuracyWhenSure: number;
  };
}

/**
 * The taxonomy as pseudo-documents, as the product builds them (model-training.ts): per class
 * its name with all its keywords as one text, and each keyword alone.
 */
export function taxonomyDocs(
  segmenter: Segmenter,
  keywords: Map<string, string[]>,
  weight: number,
): LabelledTokens[] {
  return [...keywords].flatMap(([label, words]) => [
    { tokens: segmenter.segment([label, ...words].join(' ')), label, weight, pseudo: true },
    ...words.map((w) => ({ tokens: segmenter.segment(w), label, weight, pseudo: true })),
  ]);
}

/**
 * Ours on the holdout: trained as `text retrain` trains (taxonomy pseudo-documents + labels,
 * 3-fold calibration and class offsets), then segment + classify, timed.
 */
export function evaluateHoldout(
  segmenter: Segmenter,
  train: readonly SegmentedRow[],
  test: readonly RawRow[],
  options: { minThroughputSeconds: number; pseudo?: readonly LabelledTokens[] },
): HoldoutResult {
  const started = process.cpuUsage();
  const model = trainClassifier(
    [...(options.pseudo ?? []), ...train.map((r) => ({ tokens: r.tokens, label: r.label }))],
    { calibrationFolds: 3 },
  );
  const trainSeconds = cpuSeconds(started);
  const ranked = test.map((r) =>
    predict(model, segmenter.segment(classifierText(rawText(r), model.features))),
  );
  const predictions = ranked.map((p) => p[0]!.label);
  const gold = test.map((r) => r.label);
  const scores = classificationScores(gold, predictions);

  // Throughput: segment + classify the raw holdout texts, repeated for a stable figure.
  let n = 0;
  const cpu = process.cpuUsage();
  const wall = performance.now();
  let sink = 0;
  do {
    for (const r of test) {
      sink += predict(model, segmenter.segment(classifierText(rawText(r), model.features)))[0]!
        .confidence;
      n++;
    }
  } while (cpuSeconds(cpu) < options.minThroughputSeconds);
  const cpuUsed = cpuSeconds(cpu);
  const wallUsed = (performance.now() - wall) / 1000;
  if (Number.isNaN(sink)) {
    throw new Error('classification produced NaN');
  }

  const sure = ranked.map((p, i) => ({
    confidence: p[0]!.confidence,
    correct: p[0]!.label === gold[i],
  }));
  const uncalibrated = { ...model, temperature: 1 };
  const raw = test.map((r, i) => {
    const p = predict(
      uncalibrated,
      segmenter.segment(classifierText(rawText(r), model.features)),
    )[0]!;
    return { confidence: p.confidence, correct: p.label === gold[i] };
  });
  const reliability = expectedCalibrationError(sure);
  const confident = sure.filter((s) => s.confidence >= CHOOSE_BELOW);
  return {
    ...scores,
    predictions,
    trainSeconds,
    temperature: model.temperature,
    offsets: Object.fromEntries(model.labels.map((l, i) => [l, model.offsets?.[i] ?? 0])),
    messagesPerSecond: n / cpuUsed,
    messagesPerSecondWall: n / wallUsed,
    throughputMessages: n,
    modelBytes: {
      // linear.w (dim × K) + scoring table (dim × (K + 1)) + idf (dim), all 4-byte floats.
      memory: model.linear.dim * (2 * model.linear.classes + 2) * 4,
      snapshot: serializeModel(model).length,
    },
    calibration: {
      eceUncalibrated: expectedCalibrationError(raw).ece,
      ece: reliability.ece,
      bins: reliability.bins,
      chooseRate: 1 - confident.length / Math.max(sure.length, 1),
      accuracyWhenSure: confident.filter((s) => s.correct).length / Math.max(confident.length, 1),
    },
  };
}

/**
 * The raw-text dev set (loadDevSplit): trained like the holdout model on the training part
 * minus the dev messages, scored on their raw title + detail. The choices of docs/text.md
 * that concern raw text were made on this set, not on the holdout.
 */
export function evaluateDev(
  segmenter: Segmenter,
  train: readonly SegmentedRow[],
  dev: readonly RawRow[],
  pseudo: readonly LabelledTokens[] = [],
): { macroF1: number; accuracy: number; messages: number; trainRows: number } {
  const model = trainClassifier(
    [...pseudo, ...train.map((r) => ({ tokens: r.tokens, label: r.label }))],
    { calibrationFolds: 3 },
  );
  const s = classificationScores(
    dev.map((r) => r.label),
    dev.map(
      (r) =>
        predict(model, segmenter.segment(classifierText(rawText(r), model.features)))[0]!.label,
    ),
  );
  return {
    macroF1: s.macroF1,
    accuracy: s.accuracy,
    messages: dev.length,
    trainRows: train.length,
  };
}

/**
 * Stratified k-fold cross-validation of ours on segmented rows; folds are shared with the
 * baseline. Each fold's model is trained as the product trains (3-fold calibration, so the
 * class decision offsets are fitted on that fold's training part only).
 */
export function crossValidate(
  rows: readonly SegmentedRow[],
  folds: readonly number[],
  pseudo: readonly LabelledTokens[] = [],
): { macroF1: number; accuracy: number; foldMacroF1: number[]; predictions: string[] } {
  const k = Math.max(...folds) + 1;
  const predictions = new Array<string>(rows.length);
  const foldMacroF1: number[] = [];
  for (let f = 0; f < k; f++) {
    const model = trainClassifier(
      [
        ...pseudo,
        ...rows.filter((_, i) => folds[i] !== f).map((r) => ({ tokens: r.tokens, label: r.label })),
      ],
      { calibrationFolds: 3 },
    );
    const gold: string[] = [];
    const pred: string[] = [];
    rows.forEach((r, i) => {
      if (folds[i] === f) {
        predictions[i] = predict(model, r.tokens)[0]!.label;
        gold.push(r.label);
        pred.push(predictions[i]);
      }
    });
    foldMacroF1.push(classificationScores(gold, pred).macroF1);
  }
  const all = classificationScores(
    rows.map((r) => r.label),
    predictions,
  );
  return { macroF1: all.macroF1, accuracy: all.accuracy, foldMacroF1, predictions };
}

export function cvFolds(rows: readonly SegmentedRow[], k: number): number[] {
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  return stratifiedFolds(
    rows.map((r) => labels.indexOf(r.label)),
    k,
    2026,
  );
}

export interface CurvePoint {
  labels: number;
  online: { macroF1: number; accuracy: number };
  retrained: { macroF1: number; accuracy: number };
}

/**
 * Learning curve of one deployment: day one = the official taxonomy's second- and third-level
 * names (附件1) as keywords of the 7 classes; then labels arrive one by one (learned online, as
 * in the product) and, for comparison, a retrain on keywords + the same labels.
 */
export function learningCurve(
  segmenter: Segmenter,
  keywords: Map<string, string[]>,
  train: readonly SegmentedRow[],
  test: readonly RawRow[],
  steps: readonly number[],
): CurvePoint[] {
  const pseudo = (weight: number) => taxonomyDocs(segmenter, keywords, weight);
  const labels = [...keywords.keys()];
  const testTokens = test.map((r) => segmenter.segment(rawText(r)));
  const gold = test.map((r) => r.label);
  const score = (m: ClassifierModel) => {
    const s = classificationScores(
      gold,
      testTokens.map((t) => predict(m, t)[0]!.label),
    );
    return { macroF1: s.macroF1, accuracy: s.accuracy };
  };
  const order = train.map((_, i) => i);
  const next = rng(11);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const online = trainClassifier(pseudo(1), { labels, temperature: DAY_ONE_TEMPERATURE });
  const out: CurvePoint[] = [];
  let learned = 0;
  for (const n of steps) {
    for (; learned < n && learned < order.length; learned++) {
      const r = train[order[learned]!]!;
      learn(online, r.tokens, r.label);
    }
    const history = order
      .slice(0, n)
      .map((i) => ({ tokens: train[i]!.tokens, label: train[i]!.label }));
    const retrained =
      n === 0
        ? online
        : trainClassifier([...pseudo(PSEUDO_WEIGHT_WITH_HISTORY), ...history], {
            labels,
            calibrationFolds: 3,
          });
    out.push({ labels: n, online: score(online), retrained: score(retrained) });
  }
  return out;
}
