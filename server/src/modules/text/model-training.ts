import type { LabelledTokens } from './classifier';
import { DEFAULT_FEATURES, type FeatureOptions } from './classifier-features';
import type { Segmenter } from './segmenter';

/**
 * Features of the product model: the evaluated feature set with 2^18 buckets (the taxonomy has
 * about 35 leaf categories; interleaved weights take 2^18 × K × 4 bytes ≈ 37 MB at K = 35).
 */
export const PRODUCT_FEATURES: FeatureOptions = { ...DEFAULT_FEATURES, bits: 18 };

/**
 * Weight of a keyword/example pseudo-document once real labels exist. 1 (was 0.3): with the
 * official taxonomy as keywords, weight 1 did better on the raw-text dev set and no worse by
 * cross-validation (docs/text.md, fourth round).
 */
export const PSEUDO_WEIGHT_WITH_HISTORY = 1;

export interface TaxonomyCategory {
  id: string;
  parentId: string | null;
  name: string;
  keywords: string[];
  examples: string[];
  active: boolean;
}

/**
 * The day-one knowledge as pseudo-documents: for each active leaf category, its name with its
 * parent's name and all keywords as one text, each keyword alone, and each example sentence.
 * Labelled history is added as real examples. Parents with active children are not classes.
 */
export function buildTrainingDocs(
  segmenter: Segmenter,
  categories: readonly TaxonomyCategory[],
  history: readonly { text: string; categoryId: string }[],
): { docs: LabelledTokens[]; labels: string[] } {
  const active = categories.filter((c) => c.active);
  const byId = new Map(active.map((c) => [c.id, c]));
  const hasChildren = new Set(active.filter((c) => c.parentId).map((c) => c.parentId!));
  const leaves = active.filter((c) => !hasChildren.has(c.id));
  const weight = history.length > 0 ? PSEUDO_WEIGHT_WITH_HISTORY : 1;
  const docs: LabelledTokens[] = [];
  const push = (text: string, label: string) => {
    const tokens = segmenter.segment(text);
    if (tokens.length > 0) {
      docs.push({ tokens, label, weight, pseudo: true });
    }
  };
  for (const c of leaves) {
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    push([parent?.name ?? '', c.name, ...c.keywords].join(' '), c.id);
    for (const k of c.keywords) {
      push(k, c.id);
    }
    for (const e of c.examples) {
      push(e, c.id);
    }
  }
  for (const h of history) {
    if (byId.has(h.categoryId)) {
      docs.push({ tokens: segmenter.segment(h.text), label: h.categoryId });
    }
  }
  return { docs, labels: leaves.map((c) => c.id) };
}
