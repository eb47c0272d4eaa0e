import { createTextIndex, IDF_MIN_DOCS } from './similar-index';
import { bigramTokenizer, idf, termCounts, tfWeight, type Tokenizer } from './similar-tokens';

export interface ClusterText {
  id: string;
  text: string;
  /** A short heading of the text (a trouble's title); used for the cluster title when given. */
  title?: string;
  reporter?: string;
  time?: number;
  votes?: number;
}

export interface ClusterOptions {
  /** Cosine similarity (bigram TF-IDF) from which two texts are about the same thing. */
  threshold?: number;
  /** Neighbours looked at per text. */
  neighbours?: number;
  /** Terms for similarity (default: character bigrams). */
  tokenizer?: Tokenizer;
  /** Terms for the keywords (default: the similarity tokenizer; pass a word segmenter). */
  keywordTokenizer?: Tokenizer;
  keywords?: number;
  titleChars?: number;
  /** Centroid similarity from which two groups join (default 0.15). */
  mergeThreshold?: number;
}

export interface TextCluster {
  /** Members, the most central first, with their similarity to the cluster's centroid. */
  members: { id: string; similarity: number }[];
  representativeId: string;
  title: string;
  keywords: string[];
  /** Mean similarity of the members to the centroid (1 for a single text). */
  cohesion: number;
}

export const DEFAULT_CLUSTER_THRESHOLD = 0.2;
/** Centroid similarity from which two groups of the same issue join. */
export const DEFAULT_MERGE_THRESHOLD = 0.15;

type Vec = Map<string, number>;

function centroidOf(members: number[], vectors: Vec[]): Vec {
  const c: Vec = new Map();
  for (const m of members) {
    for (const [t, w] of vectors[m]!) {
      c.set(t, (c.get(t) ?? 0) + w / members.length);
    }
  }
  return c;
}

function unit(v: Vec): Vec {
  const n = Math.sqrt(dot(v, v)) || 1;
  return new Map([...v].map(([t, w]) => [t, w / n]));
}

/**
 * Joins groups whose centroids are at least `threshold` alike: the same issue told in two
 * vocabularies (搅拌站噪音 / 搅拌厂污染) forms two stars whose centroids still meet, and a lone
 * paraphrase joins the group it resembles. Two lone texts never join here. Candidate pairs
 * share one of their centroids' 20 heaviest terms.
 */
function mergeCloseGroups(groups: number[][], vectors: Vec[], threshold: number): void {
  const centroids = new Map(groups.map((g, i) => [i, unit(centroidOf(g, vectors))]));
  const byTerm = new Map<string, number[]>();
  for (const [i, c] of centroids) {
    const top = [...c.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
    for (const [t] of top) {
      byTerm.set(t, [...(byTerm.get(t) ?? []), i]);
    }
  }
  const parent = new Map<number, number>();
  const find = (i: number): number => {
    let r = i;
    while (parent.has(r)) {
      r = parent.get(r)!;
    }
    return r;
  };
  const seen = new Set<string>();
  for (const list of byTerm.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const key = `${list[a]}:${list[b]}`;
        if (seen.has(key)) {
          continue;
        }
        seen.add(key);
        // Two lone texts never join here (that would be single-link at a lower threshold).
        if (groups[list[a]!]!.length === 1 && groups[list[b]!]!.length === 1) {
          continue;
        }
        if (dot(centroids.get(list[a]!)!, centroids.get(list[b]!)!) >= threshold) {
          const ra = find(list[a]!);
          const rb = find(list[b]!);
          if (ra !== rb) {
            parent.set(Math.max(ra, rb), Math.min(ra, rb));
          }
        }
      }
    }
  }
  for (const i of [...parent.keys()].sort((a, b) => b - a)) {
    groups[find(i)]!.push(...groups[i]!);
    groups[i] = [];
  }
  for (let i = groups.length - 1; i >= 0; i--) {
    if (groups[i]!.length === 0) {
      groups.splice(i, 1);
    }
  }
}

function unitVectors(texts: ClusterText[], tokenizer: Tokenizer): Vec[] {
  const tfs = texts.map((t) => termCounts(tokenizer(t.text)));
  const df = new Map<string, number>();
  for (const tf of tfs) {
    for (const term of tf.keys()) {
      df.set(term, (df.get(term) ?? 0) + 1);
    }
  }
  return tfs.map((tf) => {
    const v: Vec = new Map();
    let s = 0;
    for (const [term, f] of tf) {
      const w = tfWeight(f) * idf(Math.max(texts.length, IDF_MIN_DOCS), df.get(term)!);
      v.set(term, w);
      s += w * w;
    }
    const n = Math.sqrt(s) || 1;
    for (const [term, w] of v) {
      v.set(term, w / n);
    }
    return v;
  });
}

function dot(a: Vec, b: Vec): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    s += w * (large.get(t) ?? 0);
  }
  return s;
}

/** The first clause of a text, at most `max` characters (a readable title). */
export function shortTitle(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const first = clean.split(/[。！？!?；;\n]/)[0]?.trim() || clean;
  const chars = [...first];
  return chars.length <= max ? first : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Groups texts into candidate problems (SPEC §8). Pure: no I/O.
 *
 * 1. Each text's neighbours with similarity ≥ `threshold` (an inverted index over bigram
 *    TF-IDF vectors, so near-duplicates and retellings of the same complaint meet).
 * 2. Star clustering: the text with the most neighbours (then the highest summed similarity)
 *    becomes a centre and takes its unassigned neighbours; repeat. Unlike single-link this
 *    does not chain unrelated texts through intermediate ones.
 * 3. A text left alone joins the cluster of its most similar neighbour.
 * 4. Per cluster: the centroid, the most central member (the representative, whose title or
 *    first clause becomes the cluster title), cohesion and the top keywords (terms weighted
 *    by in-cluster frequency × idf over the batch).
 *
 * Clusters are returned largest first; single texts are clusters of one.
 */
export function clusterTexts(
  texts: ClusterText[],
  options: ClusterOptions = {},
): { clusters: TextCluster[] } {
  const threshold = options.threshold ?? DEFAULT_CLUSTER_THRESHOLD;
  const tokenizer = options.tokenizer ?? bigramTokenizer;
  const keywordTokenizer = options.keywordTokenizer ?? tokenizer;
  const k = options.neighbours ?? 50;
  const index = createTextIndex(tokenizer);
  texts.forEach((t, i) => index.upsert(String(i), t.text, { title: '', status: '' }));
  const neighbours = texts.map((t, i) =>
    index
      .query(t.text, k + 1, threshold, k + 20)
      .filter((h) => h.id !== String(i))
      .map((h) => ({ i: Number(h.id), score: h.score })),
  );

  const order = texts
    .map((_, i) => i)
    .sort(
      (a, b) =>
        neighbours[b]!.length - neighbours[a]!.length ||
        neighbours[b]!.reduce((s, n) => s + n.score, 0) -
          neighbours[a]!.reduce((s, n) => s + n.score, 0) ||
        a - b,
    );
  const clusterOf = new Array<number>(texts.length).fill(-1);
  const groups: number[][] = [];
  for (const c of order) {
    if (clusterOf[c] !== -1 || neighbours[c]!.length === 0) {
      continue;
    }
    const free = neighbours[c]!.filter((n) => clusterOf[n.i] === -1);
    if (free.length === 0) {
      continue;
    }
    const g = groups.length;
    groups.push([c, ...free.map((n) => n.i)]);
    clusterOf[c] = g;
    for (const n of free) {
      clusterOf[n.i] = g;
    }
  }
  for (let i = 0; i < texts.length; i++) {
    if (clusterOf[i] !== -1) {
      continue;
    }
    const best = neighbours[i]!.find((n) => clusterOf[n.i] !== -1);
    if (best) {
      const g = clusterOf[best.i]!;
      clusterOf[i] = g;
      groups[g]!.push(i);
    } else {
      clusterOf[i] = groups.length;
      groups.push([i]);
    }
  }

  const vectors = unitVectors(texts, tokenizer);
  mergeCloseGroups(groups, vectors, options.mergeThreshold ?? DEFAULT_MERGE_THRESHOLD);
  const keywordDf = new Map<string, number>();
  const keywordTf = texts.map((t) => termCounts(keywordTokenizer(t.text)));
  for (const tf of keywordTf) {
    for (const term of tf.keys()) {
      keywordDf.set(term, (keywordDf.get(term) ?? 0) + 1);
    }
  }
  const clusters = groups.map((members) => {
    const centroid: Vec = new Map();
    for (const m of members) {
      for (const [t, w] of vectors[m]!) {
        centroid.set(t, (centroid.get(t) ?? 0) + w / members.length);
      }
    }
    const cNorm = Math.sqrt(dot(centroid, centroid)) || 1;
    const scored = members
      .map((m) => ({
        m,
        similarity: members.length === 1 ? 1 : dot(vectors[m]!, centroid) / cNorm,
      }))
      .sort((a, b) => b.similarity - a.similarity || a.m - b.m);
    const rep = texts[scored[0]!.m]!;
    const weights = new Map<string, number>();
    for (const m of members) {
      for (const [t, f] of keywordTf[m]!) {
        if ([...t].length > 1) {
          const w = tfWeight(f) * idf(texts.length, keywordDf.get(t)!);
          weights.set(t, (weights.get(t) ?? 0) + w);
        }
      }
    }
    const keywords = [...weights.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, options.keywords ?? 5)
      .map(([t]) => t);
    return {
      members: scored.map((s) => ({
        id: texts[s.m]!.id,
        similarity: Math.round(s.similarity * 1000) / 1000,
      })),
      representativeId: rep.id,
      title: shortTitle(rep.title ?? rep.text, options.titleChars ?? 30),
      keywords,
      cohesion:
        Math.round((scored.reduce((s, x) => s + x.similarity, 0) / scored.length) * 1000) / 1000,
    };
  });
  clusters.sort((a, b) => b.members.length - a.members.length || b.cohesion - a.cohesion);
  return { clusters };
}
