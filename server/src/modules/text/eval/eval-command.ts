import fs from 'node:fs';
import path from 'node:path';

import { rng } from '../classifier-linear';
import { PSEUDO_WEIGHT_WITH_HISTORY } from '../model-training';
import { createSegmenter } from '../segmenter';
import { runBaseline } from './eval-baseline';
import {
  crossValidate,
  cvFolds,
  evaluateDev,
  evaluateHoldout,
  learningCurve,
  rawText,
  taxonomyDocs,
} from './eval-classification';
import { type CorpusResult, evaluateCorpus } from './eval-corpus';
import {
  DEFAULT_DATA_DIR,
  loadClassificationSplit,
  loadDevSplit,
  loadTaxonomyKeywords,
} from './eval-data';
import { classificationScores, pairedBootstrap } from './eval-metrics';
import { renderReport } from './eval-report';

export interface EvalOptions {
  dataDir?: string;
  /** Subsample for CI: seconds instead of minutes; the report says so. */
  small?: boolean;
  /** Where the Markdown report goes (null: not written). */
  reportPath?: string | null;
  log?: (line: string) => void;
}

function sample<T>(rows: readonly T[], n: number, seed: number, key: (r: T) => string): T[] {
  // Stratified: the same share of every class.
  const by = new Map<string, T[]>();
  for (const r of rows) {
    by.set(key(r), [...(by.get(key(r)) ?? []), r]);
  }
  const next = rng(seed);
  return [...by.values()].flatMap((g) => {
    const shuffled = [...g].sort(() => next() - 0.5);
    return shuffled.slice(0, Math.max(2, Math.round((n * g.length) / rows.length)));
  });
}

/** `npx fannao eval text`: runs the evaluation, writes the report, returns the figures. */
export async function evalText(options: EvalOptions = {}) {
  const result = await runEvaluation(options);
  if (options.reportPath) {
    fs.writeFileSync(options.reportPath, renderReport(result));
  }
  return { result, summary: summarize(result) };
}

/** The whole evaluation of issue 6 on the TipDM 2020 C data. */
// eslint-disable-next-line @typescript-eslint/require-await -- one async entry for the CLI
export async function runEvaluation(options: EvalOptions = {}) {
  const dir = options.dataDir ?? DEFAULT_DATA_DIR;
  const log = options.log ?? (() => undefined);
  const small = options.small ?? false;
  const started = Date.now();
  const segmenter = createSegmenter();
  const split = loadClassificationSplit(dir);
  const train = small ? sample(split.train, 1200, 1, (r) => r.label) : split.train;
  const test = small ? sample(split.test, 300, 2, (r) => r.label) : split.test;
  const cvRows = small ? sample(split.all, 1000, 3, (r) => r.label) : split.all;
  const folds = cvFolds(cvRows, 5);
  log(`data: train ${train.length}, test ${test.length}, cv ${cvRows.length}`);

  // Trained as `text retrain` trains: the official taxonomy (附件1) as keyword pseudo-documents
  // of the 7 classes that occur (附件1 has 15), with the labelled messages.
  const keywords = loadTaxonomyKeywords(dir);
  const classes = new Set(split.all.map((r) => r.label));
  const pseudo = taxonomyDocs(
    segmenter,
    new Map([...keywords].filter(([label]) => classes.has(label))),
    PSEUDO_WEIGHT_WITH_HISTORY,
  );
  const ours = evaluateHoldout(segmenter, train, test, {
    minThroughputSeconds: small ? 0.3 : 3,
    pseudo,
  });
  log(`ours: macro-F1 ${ours.macroF1.toFixed(4)}, ${Math.round(ours.messagesPerSecond)} msg/s`);
  const devSplit = loadDevSplit(dir, split);
  const dev = evaluateDev(
    segmenter,
    small ? sample(devSplit.train, 1200, 4, (r) => r.label) : devSplit.train,
    devSplit.dev,
    pseudo,
  );
  log(`ours on the raw dev set (${dev.messages}): macro-F1 ${dev.macroF1.toFixed(4)}`);
  const cv = crossValidate(cvRows, folds, pseudo);
  log(`ours 5-fold CV: macro-F1 ${cv.macroF1.toFixed(4)}`);
  const baseline = runBaseline({ train, test, cv: cvRows, folds });
  const gold = test.map((r) => r.label);
  const baselineScores = baseline.available
    ? classificationScores(gold, baseline.predictions)
    : null;
  const baselineCv = baseline.available
    ? classificationScores(
        cvRows.map((r) => r.label),
        baseline.cvPredictions,
      )
    : null;
  const bootstrap = baseline.available
    ? pairedBootstrap(gold, ours.predictions, baseline.predictions, small ? 300 : 2000)
    : null;
  const teamPredictions = test.map((r) => r.teamPrediction ?? '');
  const team = test.every((r) => r.teamPrediction)
    ? classificationScores(gold, teamPredictions)
    : null;
  log(
    baseline.available
      ? `baseline: macro-F1 ${baselineScores!.macroF1.toFixed(4)}, ${Math.round(baseline.messagesPerSecond)} msg/s`
      : `baseline not available: ${baseline.reason}`,
  );

  const curve = learningCurve(
    segmenter,
    keywords,
    train,
    test,
    small ? [0, 50, 200] : [0, 50, 200, 1000],
  );
  log(
    `learning curve: ${curve.map((p) => `${p.labels}→${p.online.macroF1.toFixed(3)}`).join(' ')}`,
  );

  let corpus: CorpusResult | { available: false; reason: string };
  try {
    corpus = evaluateCorpus(dir, segmenter, { sample: small ? 300 : null });
    log(`clustering: B-cubed F1 ${corpus.clustering.bcubedF1.toFixed(4)}`);
  } catch (error) {
    corpus = { available: false, reason: error instanceof Error ? error.message : String(error) };
  }

  const result = {
    mode: small ? 'small' : 'full',
    data: {
      dir: path.relative(process.cwd(), dir),
      train: train.length,
      test: test.length,
      cv: cvRows.length,
      removed: split.removed,
      overlapMatches: split.overlapMatches,
      testLength: test.reduce((s, r) => s + [...rawText(r)].length, 0) / Math.max(test.length, 1),
    },
    ours,
    dev: {
      ...dev,
      relabelled: devSplit.relabelled,
      matched: devSplit.matched,
    },
    cv,
    baseline,
    baselineScores,
    baselineCv,
    bootstrap,
    team,
    curve,
    corpus,
    seconds: (Date.now() - started) / 1000,
  };
  return result;
}

export type EvalResult = Awaited<ReturnType<typeof runEvaluation>>;

/** The `--json` object (issue 6 names the required keys). */
export function summarize(r: EvalResult) {
  const corpus = 'clustering' in r.corpus ? r.corpus : null;
  return {
    mode: r.mode,
    macroF1: r.ours.macroF1,
    accuracy: r.ours.accuracy,
    perClassF1: Object.fromEntries(r.ours.perClass.map((c) => [c.label, c.f1])),
    trainSeconds: r.ours.trainSeconds,
    modelBytes: r.ours.modelBytes,
    ece: r.ours.calibration.ece,
    baselineMacroF1: r.baselineScores?.macroF1 ?? null,
    baselineAccuracy: r.baselineScores?.accuracy ?? null,
    diffCI95: r.bootstrap?.ci95 ?? null,
    cvMacroF1: r.cv.macroF1,
    devMacroF1: r.dev.macroF1,
    baselineCvMacroF1: r.baselineCv?.macroF1 ?? null,
    messagesPerSecond: r.ours.messagesPerSecond,
    baselineMessagesPerSecond: r.baseline.available ? r.baseline.messagesPerSecond : null,
    learningCurve: r.curve.map((p) => ({ labels: p.labels, macroF1: p.online.macroF1 })),
    clusteringBcubedF1: corpus?.clustering.bcubedF1 ?? null,
    duplicatesPrecisionAt1: corpus
      ? { exact: corpus.duplicates.exactP1, near: corpus.duplicates.nearP1 }
      : null,
    baselineUnavailable: r.baseline.available ? null : r.baseline.reason,
  };
}
