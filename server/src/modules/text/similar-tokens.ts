/**
 * Tokens for similarity and clustering. A `Tokenizer` turns a text into terms; the default is
 * character bigrams of Chinese runs plus whole Latin/digit words, which is strong for
 * near-duplicate Chinese messages (the same complaint retold) and needs no dictionary. The
 * word segmenter (segmenter.ts) can be passed instead where whole words read better
 * (cluster keywords).
 */
export type Tokenizer = (text: string) => string[];

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

/** Full-width ASCII to half-width, lower case; keeps Chinese as it is. */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase();
}

/** Character bigrams of each Chinese run (a lone character stays a unigram), Latin/digit words. */
export const bigramTokenizer: Tokenizer = (text) => {
  const out: string[] = [];
  for (const m of normalizeText(text).matchAll(RUNS)) {
    const run = m[0];
    if (!CJK.test(run[0]!)) {
      if (run.length > 1 || !/\d/.test(run)) {
        out.push(run);
      }
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) {
      out.push(chars[0]!);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) {
      out.push(chars[i]! + chars[i + 1]!);
    }
  }
  return out;
};

/** Term frequencies of a token list. */
export function termCounts(tokens: string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens) {
    tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  return tf;
}

/** Sub-linear term weight (1 + ln tf), the usual damping for repeated words. */
export const tfWeight = (tf: number): number => (tf > 0 ? 1 + Math.log(tf) : 0);

/** Smoothed inverse document frequency. */
export const idf = (docs: number, df: number): number => Math.log(1 + docs / Math.max(df, 1));

/** Cosine of two sparse vectors. */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const v = large.get(t);
    if (v !== undefined) {
      dot += w * v;
    }
  }
  if (dot === 0) {
    return 0;
  }
  return dot / (norm(a) * norm(b));
}

export function norm(v: Map<string, number>): number {
  let s = 0;
  for (const w of v.values()) {
    s += w * w;
  }
  return Math.sqrt(s);
}
