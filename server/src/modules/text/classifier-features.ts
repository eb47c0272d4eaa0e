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
  /**
   * Only the first this many content tokens count (the title and the opening of a long
   * message); 0 or absent: all of them. Models saved before this option have none.
   */
  maxTokens?: number;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  bits: 18,
  wordUnigrams: true,
  wordBigrams: true,
  charNgrams: [1, 2, 3],
  charWeight: 1,
};

/**
 * Raw characters kept per counted token before segmenting: a raw message has about 3 characters
 * per content token (punctuation and stop words included), so 5 leaves the first `maxTokens`
 * content tokens intact while long messages are not segmented to the end for nothing.
 */
export const RAW_CHARS_PER_TOKEN = 5;

/** The part of a raw text that the classifier reads (everything when `maxTokens` is unset). */
export function classifierText(text: string, opts: FeatureOptions): string {
  const keep = opts.maxTokens ? opts.maxTokens * RAW_CHARS_PER_TOKEN : 0;
  return keep > 0 && text.length > keep ? text.slice(0, keep) : text;
}

/** A sparse, L2-normalised feature vector (bucket indices with values). */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEP = 0x1f;
const WORD_SEED = Math.imul(FNV_OFFSET ^ 0x77, FNV_PRIME);
const CHAR_SEED = Math.imul(FNV_OFFSET ^ 0x43, FNV_PRIME);
/** ln(1 + … ) of small counts, precomputed (sublinear tf). */
const LOG1 = Float64Array.from({ length: 64 }, (_, c) => (c > 0 ? 1 + Math.log(c) : 0));

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
  /** 16-bit counts: a quarter of the cache footprint of doubles (a message has < 65,536 tokens). */
  readonly counts: Uint16Array;
  touched: Int32Array = new Int32Array(4096);
  size = 0;
  constructor(dim: number) {
    this.counts = new Uint16Array(dim);
  }
  add(k: number): void {
    const c = this.counts[k]!;
    if (c < 0xffff) {
      this.counts[k] = c + 1; // saturates on absurdly repetitive input
    }
    if (c === 0) {
      if (this.size === this.touched.length) {
        const grown = new Int32Array(this.size * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.size++] = k;
    }
  }
  reset(): void {
    const { touched, counts } = this;
    for (let i = 0; i < this.size; i++) {
      counts[touched[i]!] = 0;
    }
    this.size = 0;
  }
}

const scratch = new Map<number, { words: Counter; chars: Counter }>();

function scratchFor(bits: number) {
  let s = scratch.get(bits);
  if (!s) {
    const dim = 1 << bits;
    s = { words: new Counter(dim), chars: new Counter(dim) };
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
  const limit = opts.maxTokens ? Math.min(opts.maxTokens, tokens.length) : tokens.length;
  if (opts.wordUnigrams || opts.wordBigrams) {
    let prev = 0;
    for (let i = 0; i < limit; i++) {
      const h = fnvString(WORD_SEED, tokens[i]!);
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
    // One pass: the n-gram hashes starting at i are a chain h1 → h2 → h3 over the characters.
    const text = (limit < tokens.length ? tokens.slice(0, limit) : tokens).join('');
    let want = 0;
    let maxN = 0;
    for (const n of opts.charNgrams) {
      want |= 1 << n;
      maxN = Math.max(maxN, n);
    }
    for (let i = 0; i < text.length; i++) {
      let h = CHAR_SEED;
      for (let n = 1; n <= maxN && i + n <= text.length; n++) {
        h = Math.imul(h ^ text.charCodeAt(i + n - 1), FNV_PRIME);
        if ((want & (1 << n)) !== 0) {
          chars.add(finish(h) & mask);
        }
      }
    }
  }
}

/** Writes one block's sublinear tf × idf values at `at`; returns the block's squared norm. */
function writeBlock(
  block: Counter,
  idf: Float32Array | null,
  idx: Int32Array,
  val: Float32Array,
  at: number,
): number {
  let norm = 0;
  const { touched, counts } = block;
  for (let i = 0; i < block.size; i++) {
    const k = touched[i]!;
    const c = counts[k]!;
    const v = (c < 64 ? LOG1[c]! : 1 + Math.log(c)) * (idf ? idf[k]! : 1);
    idx[at + i] = k;
    val[at + i] = v;
    norm += v * v;
  }
  return norm;
}

function scaleRange(val: Float32Array, from: number, to: number, factor: number): void {
  for (let i = from; i < to; i++) {
    val[i]! *= factor;
  }
}

/**
 * Turns content tokens into a hashed feature vector: sublinear tf × idf (when given) per block,
 * each block L2-normalised and weighted, the whole vector of unit length. Entries are in block
 * order, not sorted; a bucket hit by both blocks appears twice (sums stay exact).
 */
export function extractFeatures(
  tokens: readonly string[],
  opts: FeatureOptions,
  idf: Float32Array | null = null,
): SparseVector {
  const { words, chars } = scratchFor(opts.bits);
  try {
    countInto(tokens, opts, words, chars);
    const nw = words.size;
    const idx = new Int32Array(nw + chars.size);
    const val = new Float32Array(idx.length);
    const normW = writeBlock(words, idf, idx, val, 0);
    const normC = writeBlock(chars, idf, idx, val, nw);
    const ww = normW > 0 ? 1 : 0;
    const wc = normC > 0 ? opts.charWeight : 0;
    const total = Math.sqrt(ww * ww + wc * wc) || 1;
    if (normW > 0) {
      scaleRange(val, 0, nw, ww / Math.sqrt(normW) / total);
    }
    if (normC > 0) {
      scaleRange(val, nw, idx.length, wc / Math.sqrt(normC) / total);
    }
    return { idx, val };
  } finally {
    words.reset();
    chars.reset();
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
    for (let i = 0; i < words.size; i++) {
      df[words.touched[i]!]!++;
    }
    for (let i = 0; i < chars.size; i++) {
      const k = chars.touched[i]!;
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
