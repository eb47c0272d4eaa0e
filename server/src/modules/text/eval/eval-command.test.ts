import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { baselineUnavailable } from './eval-baseline';
import { evalText } from './eval-command';
import { DEFAULT_DATA_DIR } from './eval-data';

const hasData = fs.existsSync(path.join(DEFAULT_DATA_DIR, 'fj2_holdout921_raw.jsonl'));

describe.skipIf(!hasData)('npx fannao eval text --small', () => {
  it('runs every section on subsamples and writes the report', { timeout: 900_000 }, async () => {
    const why = baselineUnavailable();
    if (why) {
      // Only the baseline is skipped, never our own figures.
      console.warn(`eval text: baseline skipped: ${why}`);
    }
    const reportPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eval-')), 'text-eval.md');
    const { result, summary } = await evalText({ small: true, reportPath });
    expect(result.data.removed.byAlignment).toBe(905);
    expect(result.data.removed.byOverlap).toBe(13);
    expect(summary.macroF1).toBeGreaterThan(0.7);
    expect(summary.accuracy).toBeGreaterThan(0.7);
    expect(summary.cvMacroF1).toBeGreaterThan(0.7);
    expect(summary.messagesPerSecond).toBeGreaterThan(0);
    expect(summary.ece).toBeLessThan(0.2);
    expect(summary.learningCurve.map((p) => p.labels)).toEqual([0, 50, 200]);
    expect(summary.learningCurve[0]!.macroF1).toBeGreaterThan(0.3);
    expect(summary.clusteringBcubedF1).toBeGreaterThan(0);
    if (why) {
      expect(summary.baselineMacroF1).toBeNull();
      expect(summary.baselineUnavailable).toBe(why);
    } else {
      expect(summary.baselineMacroF1).toBeGreaterThan(0.6);
      expect(summary.diffCI95![0]).toBeLessThanOrEqual(summary.diffCI95![1]);
      expect(summary.baselineMessagesPerSecond).toBeGreaterThan(0);
    }
    const md = fs.readFileSync(reportPath, 'utf8');
    expect(md).toContain('Small mode');
    expect(md).toContain('macro-F1');
    expect(md).toContain('B-cubed');
  });
});
