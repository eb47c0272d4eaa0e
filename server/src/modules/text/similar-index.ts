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
  meta: DocMeta;
  /** term → raw frequency */
  tf: Map<string, number>;
}

/**
 * An in-memory inverted index of sparse TF-IDF vectors (one per open problem of a community).
 * Scores are cosine similarities in [0, 1] with weights `(1 + ln tf) · idf`.
 *
 * A query walks the postings of its rarer terms only, accumulating dot products for the
 * documents that share them; very common terms (df above `commonShare` of the documents, e.g.
 * 公司, 工资 in a factory community) add their weight to those candidates by look-up instead of
 * walking their long postings. The best candidates are then scored exactly. The cost depends on
 * the postings of the query's rare terms, not on the number of documents.
 */
export function createTextIndex(tokenizer: Tokenizer, options: { commonShare?: number } = {}) {
  const commonShare = options.commonShare ?? 0.04;
  const docs = new Map<string, Doc>();
  const postings = new Map<string, Map<string, number>>();

  function weigh(tf: Map<string, number>): Map<string, number> {
    const n = docs.size;
    const v = new Map<string, number>();
    for (const [t, f] of tf) {
      v.set(t, tfWeight(f) * idf(n, postings.get(t)?.size ?? 0));
    }
    return v;
  }

  function docNorm(d: Doc): number {
    let s = 0;
    const n = docs.size;
    for (const [t, f] of d.tf) {
      const w = tfWeight(f) * idf(n, postings.get(t)?.size ?? 0);
      s += w * w;
    }
    return Math.sqrt(s);
  }

  function remove(id: string): void {
    const d = docs.get(id);
    if (!d) {
      return;
    }
    for (const t of d.tf.keys()) {
      const p = postings.get(t);
      p?.delete(id);
      if (p && p.size === 0) {
        postings.delete(t);
      }
    }
    docs.delete(id);
  }

  function upsert(id: string, text: string, meta: DocMeta): void {
    remove(id);
    const tf = termCounts(tokenizer(text));
    docs.set(id, { meta, tf });
    for (const [t, f] of tf) {
      let p = postings.get(t);
      if (!p) {
        p = new Map();
        postings.set(t, p);
      }
      p.set(id, f);
    }
  }

  /** Exact cosine of a weighted query vector with a document. */
  function exact(q: Map<string, number>, qNorm: number, d: Doc): number {
    let dot = 0;
    const n = docs.size;
    for (const [t, w] of q) {
      const f = d.tf.get(t);
      if (f !== undefined) {
        dot += w * tfWeight(f) * idf(n, postings.get(t)?.size ?? 0);
      }
    }
    if (dot === 0) {
      return 0;
    }
    return Math.min(1, dot / (qNorm * docNorm(d)));
  }

  function queryVector(text: string) {
    const q = weigh(termCounts(tokenizer(text)));
    let s = 0;
    for (const w of q.values()) {
      s += w * w;
    }
    return { q, qNorm: Math.sqrt(s) };
  }

  return {
    upsert,
    remove,
    has: (id: string) => docs.has(id),
    meta: (id: string) => docs.get(id)?.meta,
    get size() {
      return docs.size;
    },

    /** The `limit` most similar documents with score ≥ `minScore`, best first. */
    query(text: string, limit: number, minScore = 0.05): Hit[] {
      const { q, qNorm } = queryVector(text);
      if (qNorm === 0 || docs.size === 0) {
        return [];
      }
      const cap = Math.max(200, Math.floor(docs.size * commonShare));
      const rare: string[] = [];
      const common: string[] = [];
      for (const t of q.keys()) {
        const df = postings.get(t)?.size ?? 0;
        if (df === 0) {
          continue;
        }
        (df <= cap ? rare : common).push(t);
      }
      // Only common terms in the query: walk the least common of them so there are candidates.
      if (rare.length === 0 && common.length > 0) {
        common.sort((a, b) => postings.get(a)!.size - postings.get(b)!.size);
        rare.push(common.shift()!);
      }
      const n = docs.size;
      const acc = new Map<string, number>();
      for (const t of rare) {
        const qw = q.get(t)!;
        const w = idf(n, postings.get(t)!.size);
        for (const [id, f] of postings.get(t)!) {
          acc.set(id, (acc.get(id) ?? 0) + qw * tfWeight(f) * w);
        }
      }
      // Rank candidates by the partial dot product, then score the best ones exactly.
      const hits: Hit[] = [];
      for (const id of topKeys(acc, Math.max(limit * 8, 50))) {
        const score = exact(q, qNorm, docs.get(id)!);
        if (score >= minScore) {
          hits.push({ id, score });
        }
      }
      return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
    },

    /** The same ranking by scoring every document (the baseline the benchmark compares with). */
    scan(text: string, limit: number, minScore = 0.05): Hit[] {
      const { q, qNorm } = queryVector(text);
      if (qNorm === 0) {
        return [];
      }
      const hits: Hit[] = [];
      for (const [id, d] of docs) {
        const score = exact(q, qNorm, d);
        if (score >= minScore) {
          hits.push({ id, score });
        }
      }
      return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
    },
  };
}

export type TextIndex = ReturnType<typeof createTextIndex>;

/** The keys of the `k` largest values, without sorting the whole map (a bounded min-heap). */
export function topKeys(values: Map<string, number>, k: number): string[] {
  const heap: [string, number][] = [];
  const less = (i: number, j: number) => heap[i]![1] < heap[j]![1];
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) {
        m = l;
      }
      if (r < heap.length && less(r, m)) {
        m = r;
      }
      if (m === i) {
        return;
      }
      swap(i, m);
      i = m;
    }
  };
  for (const [key, v] of values) {
    if (heap.length < k) {
      heap.push([key, v]);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!less(i, parent)) {
          break;
        }
        swap(i, parent);
        i = parent;
      }
    } else if (v > heap[0]![1]) {
      heap[0] = [key, v];
      down(0);
    }
  }
  return heap.sort((a, b) => b[1] - a[1]).map(([key]) => key);
}
