import { idf, termCounts, tfWeight, type Tokenizer } from './similar-tokens';

/** What the index keeps per document besides its terms (shown with a suggestion). */
export interface DocMeta {
  title: string;
  status: string;
}

export interface Hit {
  id: string;
  score: number;
}

interface Doc {
  id: string;
  meta: DocMeta;
  /** term → 1 + ln tf */
  w: Map<string, number>;
  /** Vector norm with the idf of the last re-weighing (see `refreshNorms`). */
  norm: number;
}

/** Postings walked per query before the remaining (commoner) terms are only looked up. */
const WALK_BUDGET = 12_000;
/** At least this many of the rarest query terms are always walked. */
const MIN_WALKED_TERMS = 6;
/** The collection size idf assumes at least (see `docsForIdf`). */
export const IDF_MIN_DOCS = 100;

/**
 * An in-memory inverted index of sparse TF-IDF vectors (one per open problem of a community).
 * Scores are cosine similarities in [0, 1] with weights `(1 + ln tf) · ln(1 + N / df)`.
 *
 * A query walks the postings of its rarest terms first (a near-duplicate shares them), within a
 * budget of postings, accumulating partial dot products in a dense array; the best candidates
 * are then scored exactly over all query terms. The cost grows with the postings of the
 * query's rare terms, not with the number of documents. Document norms are re-weighed when the
 * collection has grown or shrunk by a fifth since the last time (idf drifts slowly).
 */
export function createTextIndex(tokenizer: Tokenizer) {
  // Small collections (a new community, a batch of a few texts) would give shared words a
  // lower idf than one-off noise; counting at least IDF_MIN_DOCS documents smooths that out.
  const docsForIdf = () => Math.max(slotOf.size, IDF_MIN_DOCS);
  const slots: (Doc | undefined)[] = [];
  const free: number[] = [];
  const slotOf = new Map<string, number>();
  const postings = new Map<string, Map<number, number>>();
  let acc = new Float64Array(1024);
  let normsAt = 0;

  const idfOf = (t: string) => idf(docsForIdf(), postings.get(t)?.size ?? 0);

  function normOf(w: Map<string, number>): number {
    let s = 0;
    for (const [t, x] of w) {
      const v = x * idfOf(t);
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
    for (const d of slots) {
      if (d) {
        d.norm = normOf(d.w);
      }
    }
  }

  function remove(id: string): void {
    const slot = slotOf.get(id);
    if (slot === undefined) {
      return;
    }
    const d = slots[slot]!;
    for (const t of d.w.keys()) {
      const p = postings.get(t)!;
      p.delete(slot);
      if (p.size === 0) {
        postings.delete(t);
      }
    }
    slots[slot] = undefined;
    slotOf.delete(id);
    free.push(slot);
  }

  function upsert(id: string, text: string, meta: DocMeta): void {
    remove(id);
    const w = new Map<string, number>();
    for (const [t, f] of termCounts(tokenizer(text))) {
      w.set(t, tfWeight(f));
    }
    const slot = free.pop() ?? slots.length;
    if (slot >= acc.length) {
      acc = new Float64Array(acc.length * 2);
    }
    slotOf.set(id, slot);
    for (const [t, x] of w) {
      let p = postings.get(t);
      if (!p) {
        p = new Map();
        postings.set(t, p);
      }
      p.set(slot, x);
    }
    const d: Doc = { id, meta, w, norm: 0 };
    slots[slot] = d;
    d.norm = normOf(w);
  }

  /** The query's terms known to the index with their weights, rarest first. */
  function queryVector(text: string) {
    const terms: { t: string; w: number; df: number }[] = [];
    let s = 0;
    for (const [t, f] of termCounts(tokenizer(text))) {
      const df = postings.get(t)?.size ?? 0;
      // Unknown terms still count in the query norm (they make the texts less alike).
      const w = tfWeight(f) * idf(docsForIdf(), df);
      s += w * w;
      if (df > 0) {
        terms.push({ t, w, df });
      }
    }
    terms.sort((a, b) => a.df - b.df);
    return { terms, qNorm: Math.sqrt(s) };
  }

  function exact(terms: { t: string; w: number }[], qNorm: number, d: Doc): number {
    let dot = 0;
    for (const { t, w } of terms) {
      const x = d.w.get(t);
      if (x !== undefined) {
        dot += w * x * idfOf(t);
      }
    }
    return dot === 0 || d.norm === 0 ? 0 : Math.min(1, dot / (qNorm * d.norm));
  }

  const rank = (hits: Hit[], limit: number) =>
    hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);

  return {
    upsert,
    remove,
    has: (id: string) => slotOf.has(id),
    meta: (id: string) => {
      const slot = slotOf.get(id);
      return slot === undefined ? undefined : slots[slot]?.meta;
    },
    get size() {
      return slotOf.size;
    },

    /** The `limit` most similar documents with score ≥ `minScore`, best first. */
    query(
      text: string,
      limit: number,
      minScore = 0.05,
      shortlist = Math.max(limit * 10, 60),
    ): Hit[] {
      refreshNorms();
      const { terms, qNorm } = queryVector(text);
      if (terms.length === 0) {
        return [];
      }
      const touched: number[] = [];
      let walked = 0;
      for (let i = 0; i < terms.length; i++) {
        const { t, w } = terms[i]!;
        const p = postings.get(t)!;
        if (i >= MIN_WALKED_TERMS && walked + p.size > WALK_BUDGET) {
          break;
        }
        walked += p.size;
        const qw = w * idfOf(t);
        for (const [slot, x] of p) {
          if (acc[slot] === 0) {
            touched.push(slot);
          }
          acc[slot]! += qw * x;
        }
      }
      // Shortlist by the partial dot product over the norm, then score exactly.
      const k = Math.max(shortlist, limit);
      const partial = new Float64Array(touched.length);
      for (let i = 0; i < touched.length; i++) {
        const slot = touched[i]!;
        partial[i] = acc[slot]! / (slots[slot]!.norm || 1);
        acc[slot] = 0;
      }
      const hits: Hit[] = [];
      for (const i of topIndices(partial, k)) {
        const d = slots[touched[i]!]!;
        const score = exact(terms, qNorm, d);
        if (score >= minScore) {
          hits.push({ id: d.id, score });
        }
      }
      return rank(hits, limit);
    },

    /** The same scores computed for every document (the benchmark's brute-force baseline). */
    scan(text: string, limit: number, minScore = 0.05): Hit[] {
      refreshNorms();
      const { terms, qNorm } = queryVector(text);
      const hits: Hit[] = [];
      if (terms.length === 0) {
        return hits;
      }
      for (const d of slots) {
        if (d) {
          const score = exact(terms, qNorm, d);
          if (score >= minScore) {
            hits.push({ id: d.id, score });
          }
        }
      }
      return rank(hits, limit);
    },
  };
}

export type TextIndex = ReturnType<typeof createTextIndex>;

/** Indices of the `k` largest values of an array (bounded min-heap, no full sort). */
export function topIndices(values: Float64Array, k: number): number[] {
  if (values.length <= k) {
    return [...values.keys()];
  }
  const heap: number[] = [];
  const less = (a: number, b: number) => values[heap[a]!]! < values[heap[b]!]!;
  const swap = (a: number, b: number) => {
    [heap[a], heap[b]] = [heap[b]!, heap[a]!];
  };
  for (let i = 0; i < values.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0;) {
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
        if (l < heap.length && less(l, m)) {
          m = l;
        }
        if (r < heap.length && less(r, m)) {
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
  return heap;
}
