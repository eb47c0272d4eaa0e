/**
 * Feature extraction for short Chinese texts: hashed word unigrams and bigrams plus character
 * n-grams of the content text (the tokens joined without spaces), each block with sublinear
 * term frequency and L2-normalised, then weighted and normalised together. Character n-grams
 * make the model robust to segmentation differences; word n-grams carry the domain words.
 * The choice of blocks and weights was measured by cross-validation (docs/text-eval.md).
 */
export interface FeatureOptions {
  /** log2 of the number of hash buckets. */
  bits: number;
  wordUnigrams: boolean;
  wordBigrams: boolean;
  /** Character n-gram lengths, e.g. [1, 2, 3]; empty for none. */
  charNgrams: readonly number[];
  /** Weight of the character block relative to the word block. */
  charWeight: number;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  bits: 20,
  wordUnigrams: true,
  wordBigrams: true,
  charNgrams: [1, 2, 3],
  charWeight: 1,
};

/** A sparse, L2-normalised feature vector (indices ascending, no duplicates). */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEP = 0x1f;

function fnvString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  }
  return h;
}

function finish(h: number): number {
  // A final avalanche (murmur3 fmix) so that low bits are well mixed before masking.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Bucket counts of one block, kept in a reusable scratch array (a Map per document costs more
 * than the whole classification).
 */
class Counter {
  readonly counts: Float64Array;
  readonly touched: number[] = [];
  constructor(dim: number) {
    this.counts = new Float64Array(dim);
  }
  add(k: number): void {
    if (this.counts[k] === 0) {
      this.touched.push(k);
    }
    this.counts[k]!++;
  }
  reset(): void {
    for (const k of this.touched) {
      this.counts[k] = 0;
    }
    this.touched.length = 0;
  }
}

const scratch = new Map<number, { words: Counter; chars: Counter; merged: Counter }>();

function scratchFor(bits: number) {
  let s = scratch.get(bits);
  if (!s) {
    const dim = 1 << bits;
    s = { words: new Counter(dim), chars: new Counter(dim), merged: new Counter(dim) };
    scratch.set(bits, s);
  }
  return s;
}

function countInto(
  tokens: readonly string[],
  opts: FeatureOptions,
  words: Counter,
  chars: Counter,
) {
  const mask = (1 << opts.bits) - 1;
  if (opts.wordUnigrams || opts.wordBigrams) {
    let prev = 0;
    for (let i = 0; i < tokens.length; i++) {
      const h = fnvString(Math.imul(FNV_OFFSET ^ 0x77, FNV_PRIME), tokens[i]!);
      if (opts.wordUnigrams) {
        words.add(finish(h) & mask);
      }
      if (opts.wordBigrams && i > 0) {
        words.add(finish(fnvString(Math.imul(prev ^ SEP, FNV_PRIME), tokens[i]!)) & mask);
      }
      prev = h;
    }
  }
  if (opts.charNgrams.length > 0) {
    const text = tokens.join('');
    for (const n of opts.charNgrams) {
      const seed = Math.imul(FNV_OFFSET ^ (0x40 + n), FNV_PRIME);
      for (let i = 0; i + n <= text.length; i++) {
        let h = seed;
        for (let j = 0; j < n; j++) {
          h = Math.imul(h ^ text.charCodeAt(i + j), FNV_PRIME);
        }
        chars.add(finish(h) & mask);
      }
    }
  }
}

function addBlock(block: Counter, weight: number, idf: Float32Array | null, out: Counter) {
  let norm = 0;
  for (const k of block.touched) {
    const v = (1 + Math.log(block.counts[k]!)) * (idf ? idf[k]! : 1);
    block.counts[k] = v;
    norm += v * v;
  }
  if (norm === 0) {
    return;
  }
  const scale = weight / Math.sqrt(norm);
  for (const k of block.touched) {
    if (out.counts[k] === 0) {
      out.touched.push(k);
    }
    out.counts[k]! += block.counts[k]! * scale;
  }
}

/**
 * Turns content tokens into a hashed feature vector: sublinear tf × idf (when given) per block,
 * each block L2-normalised and weighted, then the whole vector L2-normalised.
 */
export function extractFeatures(
  tokens: readonly string[],
  opts: FeatureOptions,
  idf: Float32Array | null = null,
): SparseVector {
  const { words, chars, merged } = scratchFor(opts.bits);
  try {
    countInto(tokens, opts, words, chars);
    addBlock(words, 1, idf, merged);
    addBlock(chars, opts.charWeight, idf, merged);
    const idx = Int32Array.from(merged.touched).sort();
    const val = new Float32Array(idx.length);
    let norm = 0;
    for (const k of idx) {
      norm += merged.counts[k]! * merged.counts[k]!;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < idx.length; i++) {
      val[i] = merged.counts[idx[i]!]! * scale;
    }
    return { idx, val };
  } finally {
    words.reset();
    chars.reset();
    merged.reset();
  }
}

/** Smooth inverse document frequencies over the hash buckets: ln((1 + n) / (1 + df)) + 1. */
export function inverseDocumentFrequencies(
  docs: readonly (readonly string[])[],
  opts: FeatureOptions,
): Float32Array {
  const df = new Float32Array(1 << opts.bits);
  const { words, chars } = scratchFor(opts.bits);
  for (const tokens of docs) {
    countInto(tokens, opts, words, chars);
    for (const k of words.touched) {
      df[k]!++;
    }
    for (const k of chars.touched) {
      if (words.counts[k] === 0) {
        df[k]!++;
      }
    }
    words.reset();
    chars.reset();
  }
  const n = docs.length;
  for (let k = 0; k < df.length; k++) {
    df[k] = Math.log((1 + n) / (1 + df[k]!)) + 1;
  }
  return df;
}
