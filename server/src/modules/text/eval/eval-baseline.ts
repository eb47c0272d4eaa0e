import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { RawRow, SegmentedRow } from './eval-data';

/** Debian's interpreter with python3-sklearn and python3-jieba (not a pyenv one on PATH). */
export const BASELINE_PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'baseline.py');

export type BaselineResult =
  | {
      available: true;
      predictions: string[];
      cvPredictions: string[];
      trainSeconds: number;
      testSeconds: number;
      messagesPerSecond: number;
      versions: { python: string; sklearn: string };
    }
  | { available: false; reason: string };

/** Why the baseline cannot run here, or null when it can. */
export function baselineUnavailable(python = BASELINE_PYTHON): string | null {
  if (!fs.existsSync(python)) {
    return `${python} not found`;
  }
  const probe = spawnSync(python, ['-c', 'import sklearn, jieba'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return `${python} lacks scikit-learn or jieba (Debian: apt-get install python3-sklearn python3-jieba): ${probe.stderr.trim().split('\n').pop() ?? ''}`;
  }
  return null;
}

/**
 * Runs baseline.py (jieba + TF-IDF word 1–2-grams + LinearSVC) on the same split and folds.
 * Its timings are CPU seconds of the Python process, like ours.
 */
export function runBaseline(input: {
  train: readonly SegmentedRow[];
  test: readonly RawRow[];
  cv: readonly SegmentedRow[];
  folds: readonly number[];
}): BaselineResult {
  const why = baselineUnavailable();
  if (why) {
    return { available: false, reason: why };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-eval-'));
  const file = path.join(dir, 'input.json');
  try {
    fs.writeFileSync(
      file,
      JSON.stringify({
        train: input.train.map((r) => ({ tokens: r.text, label: r.label })),
        test: input.test.map((r) => ({ text: `${r.title}\n${r.detail}`, label: r.label })),
        cv: input.cv.map((r) => ({ tokens: r.text, label: r.label })),
        folds: input.folds,
      }),
    );
    const run = spawnSync(BASELINE_PYTHON, [SCRIPT, file], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    });
    if (run.status !== 0) {
      return { available: false, reason: `baseline.py failed: ${run.stderr.trim().slice(-500)}` };
    }
    const out = JSON.parse(run.stdout) as Omit<
      Extract<BaselineResult, { available: true }>,
      'available'
    >;
    return { available: true, ...out };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
