import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { contentTokens, normalizeText } from '../segmenter';

/** The TipDM 2020 Problem C data (../shared/eval-data/tipdm2020c, see its README). */
export const DEFAULT_DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../../shared/eval-data/tipdm2020c/clean',
);

export function readJsonl<T>(dir: string, name: string): T[] {
  return fs
    .readFileSync(path.join(dir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T);
}

export interface SegmentedRow {
  row: number;
  text: string;
  label: string;
  /** Tokens of the pre-segmented text, normalised like ours (NFKC, lower case, stop words). */
  tokens: string[];
}

export interface RawRow {
  id: number;
  title: string;
  detail: string;
  label: string;
  /** The competition team's released prediction (holdout only). */
  teamPrediction: string | null;
}

export interface ClassificationSplit {
  train: SegmentedRow[];
  test: RawRow[];
  all: SegmentedRow[];
  /** Segmented rows removed from training because they are holdout messages. */
  removed: { byAlignment: number; byOverlap: number; duplicates: number; total: number };
  overlapMatches: { id: number; row: number; containment: number }[];
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 2 <= s.length; i++) {
    out.add(s.slice(i, i + 2));
  }
  return out;
}

/**
 * The segmented row whose character bigrams occur most in a raw text (containment: the share
 * of the row's bigrams found in the raw title+detail), and that share; index -1 when none.
 */
function bestContainment(
  rawText: string,
  segBigrams: Set<string>[],
): { index: number; score: number } {
  const raw = bigrams(rawText.replace(/\s+/g, ''));
  let index = -1;
  let score = 0;
  segBigrams.forEach((b, i) => {
    let hit = 0;
    for (const g of b) {
      if (raw.has(g)) {
        hit++;
      }
    }
    const share = hit / Math.max(1, b.size);
    if (share > score) {
      score = share;
      index = i;
    }
  });
  return { index, score };
}

/**
 * Train = the 9,210 segmented rows minus every holdout message: the alignment file maps 908;
 * the others are found by character-bigram containment (the share of a segmented row's
 * bigrams that occur in the raw title+detail, best match ≥ 0.5); exact duplicates of a removed
 * text go too. Test = the 921 raw holdout rows.
 */
export function loadClassificationSplit(dir: string): ClassificationSplit {
  const all = readJsonl<{ row: number; 分词文本: string; 一级分类: string }>(
    dir,
    'fj2_full9210_segmented',
  ).map((r) => ({
    row: r.row,
    text: r.分词文本,
    label: r.一级分类,
    tokens: contentTokens(normalizeText(r.分词文本).split(/\s+/)),
  }));
  const test = readJsonl<{
    留言编号: number;
    留言主题: string;
    留言详情: string;
    一级标签: string;
    模型结果?: string;
  }>(dir, 'fj2_holdout921_raw').map((r) => ({
    id: r.留言编号,
    title: r.留言主题.trim(),
    detail: r.留言详情.trim(),
    label: r.一级标签,
    teamPrediction: r.模型结果 ?? null,
  }));
  const alignment = readJsonl<{
    source: string;
    留言编号: number;
    seg_row: number | null;
    matched: boolean;
  }>(dir, 'fj2_alignment_to_segmented').filter((a) => a.source === 'fj2_holdout921_raw');
  const removed = new Set<number>();
  const matchedIds = new Set<number>();
  for (const a of alignment) {
    if (a.matched && a.seg_row !== null) {
      removed.add(a.seg_row);
      matchedIds.add(a.留言编号);
    }
  }
  const byAlignment = removed.size;
  const segBigrams = all.map((r) => bigrams(r.text.replace(/\s+/g, '')));
  const overlapMatches: ClassificationSplit['overlapMatches'] = [];
  for (const t of test) {
    if (matchedIds.has(t.id)) {
      continue;
    }
    const { index: best, score: bestScore } = bestContainment(`${t.title}${t.detail}`, segBigrams);
    if (best >= 0 && bestScore >= 0.5) {
      removed.add(all[best]!.row);
      overlapMatches.push({ id: t.id, row: all[best]!.row, containment: bestScore });
    }
  }
  const byOverlap = removed.size - byAlignment;
  const removedTexts = new Set(all.filter((r) => removed.has(r.row)).map((r) => r.text.trim()));
  let duplicates = 0;
  for (const r of all) {
    if (!removed.has(r.row) && removedTexts.has(r.text.trim())) {
      removed.add(r.row);
      duplicates++;
    }
  }
  return {
    train: all.filter((r) => !removed.has(r.row)),
    test,
    all,
    removed: { byAlignment, byOverlap, duplicates, total: removed.size },
    overlapMatches,
  };
}

/** The official label taxonomy (附件1): first-level class → second- and third-level names. */
export function loadTaxonomyKeywords(dir: string): Map<string, string[]> {
  const rows = readJsonl<{ 一级分类: string; 二级分类: string; 三级分类: string }>(
    dir,
    'fj1_label_taxonomy',
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.一级分类) ?? new Set<string>();
    set.add(r.二级分类);
    set.add(r.三级分类);
    out.set(r.一级分类, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

export interface DevSplit {
  /** The training rows minus the rows of the dev messages (and exact duplicates of them). */
  train: SegmentedRow[];
  /** fj2_sample495 messages that are not holdout messages, raw title + detail. */
  dev: RawRow[];
  /** Sample rows whose label the full set revised: the full set's (official) label is used. */
  relabelled: number;
  /** Sample messages mapped to segmented rows by the alignment file / by bigram containment. */
  matched: { byAlignment: number; byOverlap: number };
}

/**
 * The raw-text development set for choices that concern raw texts (never the holdout): the
 * official sample (fj2_sample495, 494 unique messages) minus the 38 that are holdout messages;
 * its messages' segmented rows (alignment file, else bigram containment ≥ 0.5, plus exact
 * duplicates) leave the training part. Where the sample's label differs from the full set's,
 * the full set's label counts (the later, official release).
 */
export function loadDevSplit(dir: string, split: ClassificationSplit): DevSplit {
  const holdout = new Set(split.test.map((t) => t.id));
  const aligned = new Map(
    readJsonl<{ source: string; 留言编号: number; seg_row: number | null; matched: boolean }>(
      dir,
      'fj2_alignment_to_segmented',
    )
      .filter((a) => a.source === 'fj2_sample495' && a.matched && a.seg_row !== null)
      .map((a) => [a.留言编号, a.seg_row!]),
  );
  const byRow = new Map(split.all.map((r) => [r.row, r]));
  const segBigrams = split.all.map((r) => bigrams(r.text.replace(/\s+/g, '')));
  const removed = new Set<number>();
  const dev: RawRow[] = [];
  const seen = new Set<number>();
  let relabelled = 0;
  let byOverlap = 0;
  const rows = readJsonl<{
    留言编号: number;
    留言主题: string;
    留言详情: string;
    一级分类: string;
  }>(dir, 'fj2_sample495');
  for (const r of rows) {
    if (seen.has(r.留言编号)) {
      continue; // 37042 is listed twice, with two labels; the full set's label counts below
    }
    seen.add(r.留言编号);
    const title = r.留言主题.trim();
    const detail = r.留言详情.trim();
    let row = aligned.get(r.留言编号) ?? null;
    if (row === null) {
      const best = bestContainment(`${title}${detail}`, segBigrams);
      if (best.index >= 0 && best.score >= 0.5) {
        row = split.all[best.index]!.row;
        byOverlap++;
      }
    }
    if (row !== null) {
      removed.add(row);
    }
    if (holdout.has(r.留言编号)) {
      continue;
    }
    let label = r.一级分类;
    const official = row !== null ? byRow.get(row)!.label : label;
    if (official !== label) {
      relabelled++;
      label = official;
    }
    dev.push({ id: r.留言编号, title, detail, label, teamPrediction: null });
  }
  const removedTexts = new Set(
    split.all.filter((r) => removed.has(r.row)).map((r) => r.text.trim()),
  );
  return {
    train: split.train.filter((r) => !removed.has(r.row) && !removedTexts.has(r.text.trim())),
    dev,
    relabelled,
    matched: { byAlignment: [...seen].filter((id) => aligned.has(id)).length, byOverlap },
  };
}
