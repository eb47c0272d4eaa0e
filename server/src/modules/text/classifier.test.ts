import { describe, expect, it } from 'vitest';

import {
  deserializeModel,
  learn,
  predict,
  predictVector,
  serializeModel,
  stratifiedFolds,
  trainClassifier,
} from './classifier';
import {
  expectedCalibrationError,
  fitClassOffsets,
  fitTemperature,
  softmax,
} from './classifier-calibration';
import { extractFeatures, type FeatureOptions } from './classifier-features';
import { DEFAULT_TRAIN, nbScale, rng } from './classifier-linear';

const tok = (s: string) => s.split(' ');

const wages = ['拖欠 工资 三个月', '工资 发放 不 及时', '老板 欠薪 跑路', '加班费 工资 没 发'];
const food = ['食堂 饭菜 太贵', '食堂 夜宵 没有', '饭菜 不 卫生 食堂', '宿舍 附近 没有 吃饭 地方'];
const docs = [
  ...wages.map((t) => ({ tokens: tok(t), label: 'wages' })),
  ...food.map((t) => ({ tokens: tok(t), label: 'food' })),
];

describe('classifier', () => {
  it('learns the classes of its training texts, with probabilities that sum to 1', () => {
    const m = trainClassifier(docs);
    const p = predict(m, tok('工资 拖欠'));
    expect(p[0]!.label).toBe('wages');
    expect(p.reduce((s, x) => s + x.confidence, 0)).toBeCloseTo(1, 6);
    expect(predict(m, tok('食堂 饭菜'))[0]!.label).toBe('food');
  });

  it('changes a prediction after one confirmed label, without retraining', () => {
    const m = trainClassifier(docs);
    const text = tok('停车 收费 太贵');
    const before = predict(m, text)[0]!;
    const target = before.label === 'wages' ? 'food' : 'wages';
    for (let i = 0; i < 3 && predict(m, text)[0]!.label !== target; i++) {
      learn(m, text, target);
    }
    expect(predict(m, text)[0]!.label).toBe(target);
    expect(m.learned).toBeGreaterThan(0);
  });

  it('learns a label it has never seen (a new category)', () => {
    const m = trainClassifier(docs);
    const text = tok('公交 班车 太少');
    for (let i = 0; i < 5; i++) {
      learn(m, text, 'bus');
    }
    expect(m.labels).toContain('bus');
    expect(predict(m, text)[0]!.label).toBe('bus');
  });

  it('round-trips through its binary form with identical predictions', () => {
    const m = trainClassifier(docs);
    learn(m, tok('宿舍 热水'), 'food');
    const copy = deserializeModel(serializeModel(m));
    expect(copy.labels).toEqual(m.labels);
    expect(copy.temperature).toBe(m.temperature);
    for (const t of ['工资 拖欠', '宿舍 热水', '完全 无关 文字']) {
      expect(predict(copy, tok(t))).toEqual(predict(m, tok(t)));
    }
  });

  it('scores tokens in one pass exactly as the feature vector would be scored', () => {
    const m = trainClassifier(docs);
    const texts = ['工资 拖欠', '食堂 饭菜 太贵 工资', '完全 无关 文字', '宿舍'];
    const check = () => {
      for (const t of texts) {
        const fused = predict(m, tok(t));
        const viaVector = predictVector(m, extractFeatures(tok(t), m.features, m.idf));
        expect(fused.map((p) => p.label)).toEqual(viaVector.map((p) => p.label));
        fused.forEach((p, i) => expect(p.confidence).toBeCloseTo(viaVector[i]!.confidence, 6));
      }
    };
    check();
    // The scoring table follows online learning.
    learn(m, tok('食堂 饭菜 太贵 工资'), 'wages');
    learn(m, tok('宿舍'), 'bus');
    check();
  });

  it('loads a model saved before the head block and NB-SVM, with the same predictions', () => {
    // The feature options and solver of the previous model format (no headTokens/headWeight).
    const old: FeatureOptions = {
      bits: 18,
      wordUnigrams: true,
      wordBigrams: true,
      charNgrams: [1, 2, 3],
      charWeight: 1,
    };
    const m = trainClassifier(docs, {
      features: old,
      train: { ...DEFAULT_TRAIN, C: 0.5, nb: false },
    });
    const copy = deserializeModel(serializeModel(m));
    expect(copy.features.headTokens).toBeUndefined();
    for (const t of ['工资 拖欠', '食堂 饭菜']) {
      expect(predict(copy, tok(t))).toEqual(predict(m, tok(t)));
      // No head block: the vector of an old model has only word and character features.
      const x = extractFeatures(tok(t), copy.features, copy.idf);
      const withHead = extractFeatures(
        tok(t),
        { ...old, headTokens: 15, headWeight: 0.5 },
        copy.idf,
      );
      expect(withHead.idx.length).toBeGreaterThan(x.idx.length);
    }
    expect(predict(copy, tok('拖欠 工资'))[0]!.label).toBe('wages');
    learn(copy, tok('停车 收费'), 'food');
    expect(copy.learned).toBe(1);
  });

  it('gives discriminative buckets a larger NB ratio than shared ones', () => {
    const x = (idx: number[]) => ({
      idx: Int32Array.from(idx),
      val: new Float32Array(idx.length).fill(1),
    });
    // Bucket 1 only in class 0, bucket 2 in both classes equally.
    const ex = [
      { x: x([1, 2]), y: 0 },
      { x: x([1, 2]), y: 0 },
      { x: x([2, 3]), y: 1 },
      { x: x([2, 3]), y: 1 },
    ];
    const r = nbScale(ex, 2, 8);
    expect(r[1 * 2 + 0]!).toBeGreaterThan(r[2 * 2 + 0]!);
    expect(r[3 * 2 + 1]!).toBeGreaterThan(r[2 * 2 + 1]!);
    // Unseen buckets keep scale 1.
    expect(r[5 * 2 + 0]).toBe(1);
  });

  it('builds stratified folds with every class in every fold', () => {
    const ys = Array.from({ length: 50 }, (_, i) => i % 2);
    const folds = stratifiedFolds(ys, 5, 1);
    for (let f = 0; f < 5; f++) {
      expect(new Set(ys.filter((_, i) => folds[i] === f))).toEqual(new Set([0, 1]));
    }
  });
});

describe('calibration', () => {
  it('recovers the temperature that generated the labels', () => {
    const next = rng(3);
    const held = Array.from({ length: 4000 }, () => {
      const scores = [next() * 4 - 2, next() * 4 - 2, next() * 4 - 2];
      const p = softmax(scores, 0.5);
      const u = next();
      const y = u < p[0]! ? 0 : u < p[0]! + p[1]! ? 1 : 2;
      return { scores, y };
    });
    expect(fitTemperature(held)).toBeCloseTo(0.5, 1);
  });

  it('reports a small ECE for calibrated and a large one for overconfident predictions', () => {
    const next = rng(9);
    const calibrated = Array.from({ length: 5000 }, () => {
      const confidence = 0.5 + next() * 0.5;
      return { confidence, correct: next() < confidence };
    });
    const overconfident = calibrated.map((p) => ({ ...p, confidence: 0.99 }));
    expect(expectedCalibrationError(calibrated).ece).toBeLessThan(0.03);
    expect(expectedCalibrationError(overconfident).ece).toBeGreaterThan(0.15);
  });

  it('keeps the fallback temperature when there are too few held-out scores', () => {
    expect(fitTemperature([{ scores: [1, 0], y: 0 }], 0.25)).toBe(0.25);
  });

  it('fits decision offsets that undo a class whose scorer is shifted up', () => {
    // Three classes; the true class scores 1 + noise, the others noise, but class 0's scorer is
    // shifted up by 0.6 and wins many examples of the others.
    const next = rng(5);
    const held = Array.from({ length: 3000 }, (_, i) => {
      const y = i % 3;
      const scores = [0, 1, 2].map(
        (k) => (k === y ? 1 : 0) + (next() - 0.5) * 1.6 + (k === 0 ? 0.6 : 0),
      );
      return { scores, y };
    });
    const argmax = (s: number[]) => s.indexOf(Math.max(...s));
    const accuracy = (off: number[]) =>
      held.filter((h) => argmax(h.scores.map((v, k) => v + off[k]!)) === h.y).length / held.length;
    const off = fitClassOffsets(held, 3, 1);
    expect(off[0]! - (off[1]! + off[2]!) / 2).toBeLessThan(-0.4);
    expect(accuracy(off)).toBeGreaterThan(accuracy([0, 0, 0]) + 0.05);
  });

  it('leaves classes with too few held-out examples at offset 0', () => {
    const held = [
      ...Array.from({ length: 30 }, () => ({ scores: [1, 0], y: 0 })),
      ...Array.from({ length: 5 }, () => ({ scores: [1, 0], y: 1 })),
    ];
    expect(fitClassOffsets(held, 2, 1)[1]).toBe(0);
    expect(fitClassOffsets(held, 2, 1, { bags: 5 })[1]).toBe(0);
  });
});
