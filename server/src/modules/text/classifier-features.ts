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
  /**
   * A third block: word unigrams of the first this many content tokens again (the title and the
   * opening sentence carry the topic), with `headWeight`. Absent in models saved before it.
   */
  headTokens?: number;
  headWeight?: number;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  bits: 18,
  wordUnigrams: true,
  wordBigrams: true,
  charNgrams: [1, 2, 3],
  charWeight: 1,
  headTokens: 15,
  headWeight: 0.5,
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
/** Head tokens hash like words, then this is mixed in so that they get their own buckets. */
const HEAD_MIX = 0x1b873593;
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
 * Bucket counts of one block in a small open-addressing table that is reused across documents
 * (a Map per document costs more than the whole classification, and a counts array as large as
 * the hash space sends each n-gram to a different cache line). Bucket numbers are already
 * avalanche-mixed hashes, so their low bits index the table directly.
 */
class Counter {
  keys: Int32Array = new Int32Array(4096).fill(-1);
  counts: Uint16Array = new Uint16Array(4096);
  /** Slots in first-seen order. */
  slots: Int32Array = new Int32Array(2048);
  size = 0;
  add(k: number): void {
    let mask = this.keys.length - 1;
    let i = k & mask;
    for (;;) {
      const at = this.keys[i]!;
      if (at === k) {
        const c = this.counts[i]!;
        if (c < 0xffff) {
          this.counts[i] = c + 1; // saturates on absurdly repetitive input
        }
        return;
      }
      if (at === -1) {
        break;
      }
      i = (i + 1) & mask;
    }
    if (this.size === this.slots.length) {
      this.grow();
      mask = this.keys.length - 1;
      i = k & mask;
      while (this.keys[i] !== -1) {
        i = (i + 1) & mask;
      }
    }
    this.keys[i] = k;
    this.counts[i] = 1;
    this.slots[this.size++] = i;
  }
  /** Doubles the table (load stays at most one half). */
  private grow(): void {
    const { keys, counts, slots, size } = this;
    const cap = keys.length * 2;
    this.keys = new Int32Array(cap).fill(-1);
    this.counts = new Uint16Array(cap);
    this.slots = new Int32Array(cap / 2);
    const mask = cap - 1;
    for (let j = 0; j < size; j++) {
      const k = keys[slots[j]!]!;
      let i = k & mask;
      while (this.keys[i] !== -1) {
        i = (i + 1) & mask;
      }
      this.keys[i] = k;
      this.counts[i] = counts[slots[j]!]!;
      this.slots[j] = i;
    }
  }
  has(k: number): boolean {
    const mask = this.keys.length - 1;
    for (let i = k & mask; ; i = (i + 1) & mask) {
      const at = this.keys[i]!;
      if (at === k) {
        return true;
      }
      if (at === -1) {
        return false;
      }
    }
  }
  reset(): void {
    const { slots, keys } = this;
    for (let j = 0; j < this.size; j++) {
      keys[slots[j]!] = -1;
    }
    this.size = 0;
  }
}

const scratch = { words: new Counter(), chars: new Counter(), head: new Counter() };

function countInto(
  tokens: readonly string[],
  opts: FeatureOptions,
  words: Counter,
  chars: Counter,
  head: Counter,
) {
  const mask = (1 << opts.bits) - 1;
  const limit = opts.maxTokens ? Math.min(opts.maxTokens, tokens.length) : tokens.length;
  const headLimit = opts.headTokens && opts.headWeight ? Math.min(opts.headTokens, limit) : 0;
  const anyWords = opts.wordUnigrams || opts.wordBigrams;
  if (anyWords || headLimit > 0) {
    let prev = 0;
    for (let i = 0; i < limit; i++) {
      const h = fnvString(WORD_SEED, tokens[i]!);
      if (opts.wordUnigrams) {
        words.add(finish(h) & mask);
      }
      if (opts.wordBigrams && i > 0) {
        words.add(finish(fnvString(Math.imul(prev ^ SEP, FNV_PRIME), tokens[i]!)) & mask);
      }
      if (i < headLimit) {
        head.add(finish(h ^ HEAD_MIX) & mask);
      }
      prev = h;
    }
  }
  if (opts.charNgrams.length > 0) {
    // One pass: the n-gram hashes starting at a character are a chain h1 → h2 → h3 over the
    // following characters (no substrings are built).
    let want = 0;
    let maxN = 0;
    for (const n of opts.charNgrams) {
      want |= 1 << n;
      maxN = Math.max(maxN, n);
    }
    const text = limit < tokens.length ? tokens.slice(0, limit).join('') : tokens.join('');
    const len = text.length;
    for (let i = 0; i < len; i++) {
      let h = CHAR_SEED;
      const top = Math.min(maxN, len - i);
      for (let n = 1; n <= top; n++) {
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
  const { slots, keys, counts } = block;
  for (let j = 0; j < block.size; j++) {
    const slot = slots[j]!;
    const k = keys[slot]!;
    const c = counts[slot]!;
    const v = (c < 64 ? LOG1[c]! : 1 + Math.log(c)) * (idf ? idf[k]! : 1);
    idx[at + j] = k;
    val[at + j] = v;
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
 * order, not sorted; a bucket hit by two blocks appears twice (sums stay exact).
 */
export function extractFeatures(
  tokens: readonly string[],
  opts: FeatureOptions,
  idf: Float32Array | null = null,
): SparseVector {
  const { words, chars, head } = scratch;
  try {
    countInto(tokens, opts, words, chars, head);
    const nw = words.size;
    const nc = chars.size;
    const idx = new Int32Array(nw + nc + head.size);
    const val = new Float32Array(idx.length);
    const normW = writeBlock(words, idf, idx, val, 0);
    const normC = writeBlock(chars, idf, idx, val, nw);
    const normH = writeBlock(head, idf, idx, val, nw + nc);
    const ww = normW > 0 ? 1 : 0;
    const wc = normC > 0 ? opts.charWeight : 0;
    const wh = normH > 0 ? (opts.headWeight ?? 0) : 0;
    const total = Math.sqrt(ww * ww + wc * wc + wh * wh) || 1;
    if (normW > 0) {
      scaleRange(val, 0, nw, ww / Math.sqrt(normW) / total);
    }
    if (normC > 0) {
      scaleRange(val, nw, nw + nc, wc / Math.sqrt(normC) / total);
    }
    if (normH > 0) {
      scaleRange(val, nw + nc, idx.length, wh / Math.sqrt(normH) / total);
    }
    return { idx, val };
  } finally {
    words.reset();
    chars.reset();
    head.reset();
  }
}

/**
 * The scoring table of a trained model: per bucket one row of K + 1 floats, the bucket's idf
 * followed by its K class weights, so that a feature costs one memory access (one cache line at
 * K = 7) instead of one in the idf array and another in the weights. Built from the model when
 * it is loaded or trained and kept in step by online learning (see classifier.ts).
 */
export function scoringTable(
  w: Float32Array,
  classes: number,
  dim: number,
  idf: Float32Array | null,
): Float32Array {
  const stride = classes + 1;
  const table = new Float32Array(dim * stride);
  for (let f = 0; f < dim; f++) {
    table[f * stride] = idf ? idf[f]! : 1;
    table.set(w.subarray(f * classes, f * classes + classes), f * stride + 1);
  }
  return table;
}

/** Adds one block's unnormalised class scores into acc; returns the block's squared norm. */
function scoreBlock(block: Counter, table: Float32Array, K: number, acc: Float64Array): number {
  const stride = K + 1;
  let norm = 0;
  const { slots, keys, counts } = block;
  for (let j = 0; j < block.size; j++) {
    const slot = slots[j]!;
    const c = counts[slot]!;
    const base = keys[slot]! * stride;
    const v = (c < 64 ? LOG1[c]! : 1 + Math.log(c)) * table[base]!;
    norm += v * v;
    for (let k = 0; k < K; k++) {
      acc[k]! += v * table[base + 1 + k]!;
    }
  }
  return norm;
}

const blockScores = {
  words: new Float64Array(64),
  chars: new Float64Array(64),
  head: new Float64Array(64),
};

/**
 * Features and scores in one pass, without building the vector: out[k] = bias[k] + w_k · x with
 * x = extractFeatures(tokens, opts, idf) (same blocks, weights and norms; the result equals
 * scoring that vector up to float rounding). This is the classification hot path.
 */
export function scoreTokens(
  tokens: readonly string[],
  opts: FeatureOptions,
  table: Float32Array,
  bias: readonly number[],
  out: Float64Array,
): void {
  const K = bias.length;
  const { words, chars, head } = scratch;
  if (blockScores.words.length < K) {
    blockScores.words = new Float64Array(K * 2);
    blockScores.chars = new Float64Array(K * 2);
    blockScores.head = new Float64Array(K * 2);
  }
  const sw = blockScores.words;
  const sc = blockScores.chars;
  const sh = blockScores.head;
  sw.fill(0);
  sc.fill(0);
  sh.fill(0);
  try {
    countInto(tokens, opts, words, chars, head);
    const normW = scoreBlock(words, table, K, sw);
    const normC = scoreBlock(chars, table, K, sc);
    const normH = scoreBlock(head, table, K, sh);
    const ww = normW > 0 ? 1 : 0;
    const wc = normC > 0 ? opts.charWeight : 0;
    const wh = normH > 0 ? (opts.headWeight ?? 0) : 0;
    const total = Math.sqrt(ww * ww + wc * wc + wh * wh) || 1;
    const fw = normW > 0 ? ww / Math.sqrt(normW) / total : 0;
    const fc = normC > 0 ? wc / Math.sqrt(normC) / total : 0;
    const fh = normH > 0 ? wh / Math.sqrt(normH) / total : 0;
    for (let k = 0; k < K; k++) {
      out[k] = bias[k]! + sw[k]! * fw + sc[k]! * fc + sh[k]! * fh;
    }
  } finally {
    words.reset();
    chars.reset();
    head.reset();
  }
}

/** Smooth inverse document frequencies over the hash buckets: ln((1 + n) / (1 + df)) + 1. */
export function inverseDocumentFrequencies(
  docs: readonly (readonly string[])[],
  opts: FeatureOptions,
): Float32Array {
  const df = new Float32Array(1 << opts.bits);
  const { words, chars, head } = scratch;
  for (const tokens of docs) {
    countInto(tokens, opts, words, chars, head);
    for (let j = 0; j < words.size; j++) {
      df[words.keys[words.slots[j]!]!]!++;
    }
    for (let j = 0; j < chars.size; j++) {
      const k = chars.keys[chars.slots[j]!]!;
      if (!words.has(k)) {
        df[k]!++;
      }
    }
    for (let j = 0; j < head.size; j++) {
      const k = head.keys[head.slots[j]!]!;
      if (!words.has(k) && !chars.has(k)) {
        df[k]!++;
      }
    }
    words.reset();
    chars.reset();
    head.reset();
  }
  const n = docs.length;
  for (let k = 0; k < df.length; k++) {
    df[k] = Math.log((1 + n) / (1 + df[k]!)) + 1;
  }
  return df;
}
