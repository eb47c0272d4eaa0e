import { bigramTokenizer, idf, normalizeText, tfWeight, type Tokenizer } from './similar-tokens';

/** What the index keeps per document besides its terms (shown with a suggestion). */
export interface DocMeta {
  title: string;
  status: string;
}

export interface Hit {
  id: string;
  score: number;
}

/** Postings walked per query before the remaining (commoner) terms are only looked up. */
const WALK_BUDGET = 12_000;
/** At least this many of the rarest query terms are always walked (unless they are stop terms). */
const MIN_WALKED_TERMS = 6;
/** Terms in more than this share of the documents (公司, 工资) are never walked, only scored. */
const STOP_DF_SHARE = 0.05;
/** The collection size idf assumes at least (see `docsForIdf`). */
export const IDF_MIN_DOCS = 100;
/** Postings pack `slot << 8 | tf`: at most 2^23 documents per index, tf capped at 255. */
const MAX_SLOTS = 1 << 23;
const MAX_TF = 255;
/** 1 + ln tf for tf 0…255 (term frequencies are stored as bytes). */
const TF_WEIGHT = Float64Array.from({ length: MAX_TF + 1 }, (_, tf) => tfWeight(tf));

// Term keys of the bigram fast path: CJK code units as dense indices (0 … CJK_SPAN − 1), a lone
// character is its index, a bigram CJK_SPAN + i1 · CJK_SPAN + i2 (< 2^30: a small integer for
// V8, no heap number); Latin/digit words are their strings.
const CJK_A = 0x3400; // U+3400–U+4DBF, U+4E00–U+9FFF are contiguous
const CJK_A_END = 0x9fff;
const CJK_C = 0xf900; // U+F900–U+FAFF
const CJK_C_END = 0xfaff;
const CJK_SPAN = CJK_A_END - CJK_A + 1 + (CJK_C_END - CJK_C + 1);

function cjkIndex(c: number): number {
  if (c >= CJK_A && c <= CJK_A_END) {
    return c - CJK_A;
  }
  if (c >= CJK_C && c <= CJK_C_END) {
    return c - CJK_C + (CJK_A_END - CJK_A + 1);
  }
  return -1;
}

const isWordChar = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/**
 * The terms of `bigramTokenizer` as keys, without building a string per bigram: Chinese runs
 * give their bigrams (a lone character stays a unigram), Latin/digit runs their word (a lone
 * digit is dropped). Same terms as `bigramTokenizer(text)`, one key per term.
 */
export function bigramKeys(text: string, emit: (key: number | string) => void): void {
  const s = normalizeText(text);
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const k = cjkIndex(c);
    if (k >= 0) {
      let prev = k;
      let j = i + 1;
      let k2: number;
      while (j < n && (k2 = cjkIndex(s.charCodeAt(j))) >= 0) {
        emit(CJK_SPAN + prev * CJK_SPAN + k2);
        prev = k2;
        j++;
      }
      if (j === i + 1) {
        emit(k);
      }
      i = j;
    } else if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(s.charCodeAt(j))) {
        j++;
      }
      if (j - i > 1 || !(c >= 0x30 && c <= 0x39)) {
        emit(s.slice(i, j));
      }
      i = j;
    } else {
      i++;
    }
  }
}

/** A growable Int32Array. */
function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) {
    return a;
  }
  const b = new Int32Array(Math.max(need, a.length * 2, 4));
  b.set(a);
  return b;
}

const EMPTY: Int32Array<ArrayBuffer> = new Int32Array(0);

/**
 * An in-memory inverted index of sparse TF-IDF vectors (one per open problem of a community).
 * Scores are cosine similarities in [0, 1] with weights `(1 + ln tf) · ln(1 + N / df)`.
 *
 * Layout (no per-term or per-document Maps, little for the garbage collector to walk): terms are
 * interned to dense integer ids (the bigram tokenizer's terms without building strings, see
 * `bigramKeys`); documents are dense slots (a free list reuses removed ones); each term's
 * postings are one growable Int32Array of `slot << 8 | tf`; each document's terms sit in a shared
 * arena (term id and tf) compacted when half of it is garbage; norms are a Float64Array.
 *
 * A query walks the postings of its rarest terms first (a near-duplicate shares them), within a
 * budget of postings and never through stop terms (in more than 5 % of the documents),
 * accumulating partial dot products in a reused Float64Array reset through the touched list;
 * the best candidates by partial score (bounded heap) are then scored exactly over all query
 * terms. The cost grows with the postings of the query's rare terms, not with the number of
 * documents. Norms are re-weighed when the collection grew or shrank by a fifth (idf drifts
 * slowly).
 */
export function createTextIndex(tokenizer: Tokenizer) {
  const fast = tokenizer === bigramTokenizer;
  // Terms.
  const termOf = new Map<number | string, number>();
  const termKey: (number | string)[] = [];
  const postings: Int32Array<ArrayBuffer>[] = [];
  let df = new Int32Array(1024);
  const freeTerms: number[] = [];
  // Documents.
  const ids: (string | undefined)[] = [];
  const metas: (DocMeta | undefined)[] = [];
  let norms = new Float64Array(1024);
  let docStart = new Int32Array(1024);
  let docLen = new Int32Array(1024);
  const freeSlots: number[] = [];
  const slotOf = new Map<string, number>();
  let slotCount = 0;
  // Arena of document terms: term ids and their tf.
  let arenaTerm = new Int32Array(1 << 16);
  let arenaTf = new Uint8Array(1 << 16);
  let arenaUsed = 0;
  let arenaLive = 0;
  // Query scratch.
  let acc = new Float64Array(1024);
  let touched = new Int32Array(1024);
  let qWeight = new Float64Array(1024);
  let scratch = new Int32Array(256);
  let normsAt = 0;

  // Small collections (a new community, a batch of a few texts) would give shared words a
  // lower idf than one-off noise; counting at least IDF_MIN_DOCS documents smooths that out.
  const docsForIdf = () => Math.max(slotOf.size, IDF_MIN_DOCS);
  const idfOf = (t: number) => idf(docsForIdf(), df[t]!);

  // Term collection state of `terms` (one closure for every text, not one per call).
  let nScratch = 0;
  let interning = false;
  const unknown = new Map<number | string, number>();
  const collect = (key: number | string) => {
    let t = termOf.get(key);
    if (t === undefined) {
      if (!interning) {
        unknown.set(key, (unknown.get(key) ?? 0) + 1);
        return;
      }
      t = newTerm(key);
    }
    if (nScratch === scratch.length) {
      scratch = grow(scratch, nScratch + 1);
    }
    scratch[nScratch++] = t;
  };

  /**
   * The text's distinct term ids, ascending (a view of the scratch array, valid until the next
   * call), their tf, and the terms the index does not know (interned instead when `intern`).
   */
  function terms(text: string, intern: boolean) {
    nScratch = 0;
    interning = intern;
    unknown.clear();
    if (fast) {
      bigramKeys(text, collect);
    } else {
      for (const token of tokenizer(text)) {
        collect(token);
      }
    }
    const n = nScratch;
    const sorted = scratch.subarray(0, n).sort();
    // Runs of equal ids → unique ids (in place at the front) with their counts.
    const tfs: number[] = [];
    let u = 0;
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && sorted[j] === sorted[i]) {
        j++;
      }
      sorted[u++] = sorted[i]!;
      tfs.push(Math.min(j - i, MAX_TF));
      i = j;
    }
    return { termIds: sorted.subarray(0, u), tfs, unknown };
  }

  function newTerm(key: number | string): number {
    const t = freeTerms.pop() ?? termKey.length;
    if (t === termKey.length) {
      termKey.push(key);
      postings.push(EMPTY);
      if (t >= df.length) {
        const d = new Int32Array(df.length * 2);
        d.set(df);
        df = d;
        qWeight = new Float64Array(df.length);
      }
    } else {
      termKey[t] = key;
    }
    termOf.set(key, t);
    return t;
  }

  function normOfSlot(slot: number): number {
    let s = 0;
    const end = docStart[slot]! + docLen[slot]!;
    for (let i = docStart[slot]!; i < end; i++) {
      const v = TF_WEIGHT[arenaTf[i]!]! * idfOf(arenaTerm[i]!);
      s += v * v;
    }
    return Math.sqrt(s);
  }

  function refreshNorms(): void {
    const n = slotOf.size;
    if (Math.abs(n - normsAt) <= 0.2 * normsAt) {
      return;
    }
    normsAt = n;
    const idfs = new Float64Array(termKey.length);
    for (let t = 0; t < idfs.length; t++) {
      idfs[t] = idfOf(t);
    }
    for (let slot = 0; slot < slotCount; slot++) {
      if (ids[slot] !== undefined) {
        let s = 0;
        const end = docStart[slot]! + docLen[slot]!;
        for (let i = docStart[slot]!; i < end; i++) {
          const v = TF_WEIGHT[arenaTf[i]!]! * idfs[arenaTerm[i]!]!;
          s += v * v;
        }
        norms[slot] = Math.sqrt(s);
      }
    }
  }

  /** Copies the live documents' terms to the front of a new arena (`room` × the live size). */
  function compactArena(room = 2): void {
    const term = new Int32Array(Math.max(Math.ceil(arenaLive * room), 1 << 16));
    const tf = new Uint8Array(term.length);
    let at = 0;
    for (let slot = 0; slot < slotCount; slot++) {
      if (ids[slot] !== undefined) {
        const s = docStart[slot]!;
        const l = docLen[slot]!;
        term.set(arenaTerm.subarray(s, s + l), at);
        tf.set(arenaTf.subarray(s, s + l), at);
        docStart[slot] = at;
        at += l;
      }
    }
    arenaTerm = term;
    arenaTf = tf;
    arenaUsed = at;
  }

  function remove(id: string): void {
    const slot = slotOf.get(id);
    if (slot === undefined) {
      return;
    }
    const end = docStart[slot]! + docLen[slot]!;
    for (let i = docStart[slot]!; i < end; i++) {
      const t = arenaTerm[i]!;
      const p = postings[t]!;
      const last = df[t]! - 1;
      const at = p.lastIndexOf((slot << 8) | arenaTf[i]!, last);
      p[at] = p[last]!;
      df[t] = last;
      if (last === 0) {
        // The term left with its last document: free its id and postings.
        postings[t] = EMPTY;
        termOf.delete(termKey[t]!);
        termKey[t] = '';
        freeTerms.push(t);
      }
    }
    arenaLive -= docLen[slot]!;
    docLen[slot] = 0;
    ids[slot] = undefined;
    metas[slot] = undefined;
    slotOf.delete(id);
    freeSlots.push(slot);
    if (arenaUsed > 1 << 20 && arenaLive < arenaUsed / 2) {
      compactArena();
    }
  }

  function newSlot(): number {
    const free = freeSlots.pop();
    if (free !== undefined) {
      return free;
    }
    const slot = slotCount++;
    if (slot >= MAX_SLOTS) {
      throw new Error(`text index: more than ${MAX_SLOTS} documents`);
    }
    if (slot >= norms.length) {
      const size = norms.length * 2;
      const n = new Float64Array(size);
      n.set(norms);
      norms = n;
      docStart = grow(docStart, size);
      docLen = grow(docLen, size);
      acc = new Float64Array(size);
      touched = new Int32Array(size);
    }
    return slot;
  }

  function upsert(id: string, text: string, meta: DocMeta): void {
    remove(id);
    const { termIds, tfs } = terms(text, true);
    const slot = newSlot();
    slotOf.set(id, slot);
    ids[slot] = id;
    metas[slot] = meta;
    const len = termIds.length;
    if (arenaUsed + len > arenaTerm.length) {
      if (arenaLive + len <= arenaUsed / 2) {
        compactArena();
      }
      if (arenaUsed + len > arenaTerm.length) {
        const size = Math.max(arenaTerm.length * 2, arenaUsed + len);
        const term = new Int32Array(size);
        term.set(arenaTerm.subarray(0, arenaUsed));
        const tf = new Uint8Array(size);
        tf.set(arenaTf.subarray(0, arenaUsed));
        arenaTerm = term;
        arenaTf = tf;
      }
    }
    docStart[slot] = arenaUsed;
    docLen[slot] = len;
    for (let i = 0; i < len; i++) {
      const t = termIds[i]!;
      const tf = tfs[i]!;
      arenaTerm[arenaUsed + i] = t;
      arenaTf[arenaUsed + i] = tf;
      const d = df[t]!;
      const p = (postings[t] = grow(postings[t]!, d + 1));
      p[d] = (slot << 8) | tf;
      df[t] = d + 1;
    }
    arenaUsed += len;
    arenaLive += len;
    norms[slot] = normOfSlot(slot);
  }

  /** The query's terms known to the index with their weights, rarest first, and its norm. */
  function queryVector(text: string) {
    const { termIds, tfs, unknown } = terms(text, false);
    const n = docsForIdf();
    const out: { t: number; w: number; df: number }[] = [];
    let s = 0;
    for (let i = 0; i < termIds.length; i++) {
      const t = termIds[i]!;
      const w = TF_WEIGHT[tfs[i]!]! * idfOf(t);
      s += w * w;
      out.push({ t, w, df: df[t]! });
    }
    // Unknown terms still count in the query norm (they make the texts less alike).
    for (const f of unknown.values()) {
      const w = tfWeight(f) * idf(n, 0);
      s += w * w;
    }
    out.sort((a, b) => a.df - b.df || a.t - b.t);
    return { terms: out, qNorm: Math.sqrt(s) };
  }

  /** Exact cosine of a document with the query whose idf-weighted terms are in `qWeight`. */
  function exact(qNorm: number, slot: number): number {
    let dot = 0;
    const end = docStart[slot]! + docLen[slot]!;
    for (let i = docStart[slot]!; i < end; i++) {
      const q = qWeight[arenaTerm[i]!]!;
      if (q !== 0) {
        dot += q * TF_WEIGHT[arenaTf[i]!]!;
      }
    }
    const norm = norms[slot]!;
    return dot === 0 || norm === 0 ? 0 : Math.min(1, dot / (qNorm * norm));
  }

  /** Runs `fn` with `qWeight[t] = w · idf(t)` set for the query's terms, then clears them. */
  function withQuery<T>(text: string, fn: (q: ReturnType<typeof queryVector>) => T): T {
    refreshNorms();
    const q = queryVector(text);
    for (const { t, w } of q.terms) {
      qWeight[t] = w * idfOf(t);
    }
    try {
      return fn(q);
    } finally {
      for (const { t } of q.terms) {
        qWeight[t] = 0;
      }
    }
  }

  const rank = (hits: Hit[], limit: number) =>
    hits
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit);

  return {
    upsert,
    remove,
    has: (id: string) => slotOf.has(id),
    meta: (id: string) => {
      const slot = slotOf.get(id);
      return slot === undefined ? undefined : metas[slot];
    },
    get size() {
      return slotOf.size;
    },
    /**
     * Gives back the room grown arrays keep for more (after a bulk build): postings and the
     * arena shrink to what they hold plus an eighth.
     */
    trim(): void {
      for (let t = 0; t < postings.length; t++) {
        const p = postings[t]!;
        const want = df[t]! + (df[t]! >> 3) + 1;
        if (p.length > want) {
          postings[t] = p.slice(0, want);
        }
      }
      compactArena(1.125);
    },

    /** Distinct terms indexed (diagnostics). */
    get terms() {
      return termOf.size;
    },

    /** The `limit` most similar documents with score ≥ `minScore`, best first. */
    query(
      text: string,
      limit: number,
      minScore = 0.05,
      shortlist = Math.max(limit * 10, 60),
    ): Hit[] {
      return withQuery(text, ({ terms: qTerms, qNorm }) => {
        if (qTerms.length === 0) {
          return [];
        }
        const stopDf = Math.max(STOP_DF_SHARE * slotOf.size, 50);
        let nTouched = 0;
        let walked = 0;
        for (let i = 0; i < qTerms.length; i++) {
          const { t, df: d } = qTerms[i]!;
          if (walked > 0 && (d > stopDf || (i >= MIN_WALKED_TERMS && walked + d > WALK_BUDGET))) {
            break;
          }
          walked += d;
          const qw = qWeight[t]!;
          const p = postings[t]!;
          for (let j = 0; j < d; j++) {
            const x = p[j]!;
            const slot = x >> 8;
            if (acc[slot] === 0) {
              touched[nTouched++] = slot;
            }
            acc[slot]! += qw * TF_WEIGHT[x & 0xff]!;
          }
        }
        // Shortlist by the partial dot product over the norm, then score exactly.
        const partial = new Float64Array(nTouched);
        for (let i = 0; i < nTouched; i++) {
          const slot = touched[i]!;
          partial[i] = acc[slot]! / (norms[slot] || 1);
          acc[slot] = 0;
        }
        const hits: Hit[] = [];
        for (const i of topIndices(partial, Math.max(shortlist, limit))) {
          const slot = touched[i]!;
          const score = exact(qNorm, slot);
          if (score >= minScore) {
            hits.push({ id: ids[slot]!, score });
          }
        }
        return rank(hits, limit);
      });
    },

    /** The same scores computed for every document (the benchmark's brute-force baseline). */
    scan(text: string, limit: number, minScore = 0.05): Hit[] {
      return withQuery(text, ({ terms: qTerms, qNorm }) => {
        const hits: Hit[] = [];
        if (qTerms.length === 0) {
          return hits;
        }
        for (let slot = 0; slot < slotCount; slot++) {
          const id = ids[slot];
          if (id !== undefined) {
            const score = exact(qNorm, slot);
            if (score >= minScore) {
              hits.push({ id, score });
            }
          }
        }
        return rank(hits, limit);
      });
    },
  };
}

export type TextIndex = ReturnType<typeof createTextIndex>;

/** Indices of the `k` largest values of an array (bounded min-heap, no full sort). */
export function topIndices(values: Float64Array, k: number): number[] {
  if (values.length <= k) {
    return [...values.keys()];
  }
  const heap = new Int32Array(k);
  let size = 0;
  const less = (a: number, b: number) => values[heap[a]!]! < values[heap[b]!]!;
  const swap = (a: number, b: number) => {
    const x = heap[a]!;
    heap[a] = heap[b]!;
    heap[b] = x;
  };
  for (let i = 0; i < values.length; i++) {
    if (size < k) {
      heap[size++] = i;
      for (let c = size - 1; c > 0;) {
        const parent = (c - 1) >> 1;
        if (!less(c, parent)) {
          break;
        }
        swap(c, parent);
        c = parent;
      }
    } else if (values[i]! > values[heap[0]!]!) {
      heap[0] = i;
      for (let c = 0; ;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < size && less(l, m)) {
          m = l;
        }
        if (r < size && less(r, m)) {
          m = r;
        }
        if (m === c) {
          break;
        }
        swap(c, m);
        c = m;
      }
    }
  }
  return [...heap];
}
