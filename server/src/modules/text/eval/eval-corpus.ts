import { rng } from '../classifier-linear';
import { clusterTexts } from '../cluster-texts';
import { heatIndex } from '../heat-index';
import type { Segmenter } from '../segmenter';
import { createTextIndex } from '../similar-index';
import { bigramTokenizer } from '../similar-tokens';
import { readJsonl } from './eval-data';

/*
 * The corpus sections of the evaluation, on 附件3 (fj3_full4326_votes): clustering against the
 * three teams' consensus, the top-5 hot problems by the heat index, and duplicate look-up with
 * the similar-problems index. The clustering, heat and index code is the similar/cluster/heat
 * modules' (similar-*, cluster-*, heat-*); this file only measures it.
 */
interface Message {
  id: number;
  user: string;
  title: string;
  detail: string;
  time: number;
  votes: number;
  against: number;
}

export function loadMessages(dir: string): Message[] {
  return readJsonl<{
    留言编号: number;
    留言用户: string;
    留言主题: string;
    留言详情: string;
    留言时间_iso: string;
    点赞数: number;
    反对数: number;
  }>(dir, 'fj3_full4326_votes').map((r) => ({
    id: r.留言编号,
    user: r.留言用户,
    title: r.留言主题.trim(),
    detail: r.留言详情.trim(),
    time: Date.parse(`${r.留言时间_iso.replace(' ', 'T')}+08:00`),
    votes: r.点赞数,
    against: r.反对数,
  }));
}

export interface CorpusResult {
  messages: number;
  clustering: {
    clusters: number;
    multiMessageClusters: number;
    consensusMessages: number;
    bcubedPrecision: number;
    bcubedRecall: number;
    bcubedF1: number;
    seconds: number;
  };
  hot: {
    rank: number;
    title: string;
    keywords: string[];
    heat: number;
    reporters: number;
    messages: number;
    votes: number;
    from: string;
    to: string;
  }[];
  teams: {
    team: string;
    rank: number;
    heat: number;
    range: string;
    place: string;
    description: string;
  }[];
  duplicates: {
    exactPairs: number;
    exactP1: number | null;
    nearPairs: number;
    nearP1: number | null;
  };
}

const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/** B-cubed precision/recall/F1 over the gold items (Amigó et al. 2009). */
export function bcubed(
  gold: Map<string, string>,
  predicted: Map<string, string>,
): { precision: number; recall: number; f1: number } {
  const items = [...gold.keys()];
  let p = 0;
  let r = 0;
  for (const a of items) {
    const sameCluster = items.filter((b) => predicted.get(b) === predicted.get(a));
    const sameClass = items.filter((b) => gold.get(b) === gold.get(a));
    const both = sameCluster.filter((b) => gold.get(b) === gold.get(a)).length;
    p += both / sameCluster.length;
    r += both / sameClass.length;
  }
  p /= Math.max(items.length, 1);
  r /= Math.max(items.length, 1);
  return { precision: p, recall: r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

export function evaluateCorpus(
  dir: string,
  segmenter: Segmenter,
  options: { sample: number | null },
): CorpusResult {
  const consensus = readJsonl<{ cluster: string; 留言编号: number; n_teams: number }>(
    dir,
    'hot_issue_team_consensus',
  ).filter((c) => c.n_teams === 3);
  const gold = new Map(consensus.map((c) => [String(c.留言编号), c.cluster]));
  let messages = loadMessages(dir);
  if (options.sample !== null) {
    const next = rng(5);
    const keep = new Set(consensus.map((c) => c.留言编号));
    const others = messages.filter((m) => !keep.has(m.id)).sort(() => next() - 0.5);
    const chosen = new Set([...keep, ...others.slice(0, options.sample).map((m) => m.id)]);
    messages = messages.filter((m) => chosen.has(m.id));
  }
  const started = performance.now();
  const { clusters } = clusterTexts(
    messages.map((m) => ({
      id: String(m.id),
      text: `${m.title}\n${m.detail}`,
      title: m.title,
      reporter: m.user,
      time: m.time,
      votes: m.votes,
    })),
    { keywordTokenizer: (t) => segmenter.segment(t) },
  );
  const seconds = (performance.now() - started) / 1000;
  const clusterOf = new Map<string, string>();
  clusters.forEach((c, i) => c.members.forEach((m) => clusterOf.set(m.id, String(i))));
  const b = bcubed(gold, clusterOf);

  const byId = new Map(messages.map((m) => [String(m.id), m]));
  const from = Math.min(...messages.map((m) => m.time));
  const to = Math.max(...messages.map((m) => m.time)) + 1;
  const hot = clusters
    .filter((c) => c.members.length >= 2)
    .map((c) => {
      const ms = c.members.map((m) => byId.get(m.id)!);
      const h = heatIndex(
        ms.map((m) => ({ reporter: m.user, time: m.time, votes: m.votes, against: m.against })),
        { from, to },
      );
      return { c, h };
    })
    .sort((x, y) => y.h.heat - x.h.heat)
    .slice(0, 5)
    .map(({ c, h }, i) => ({
      rank: i + 1,
      title: c.title,
      keywords: c.keywords.slice(0, 6),
      heat: Math.round(h.heat * 100) / 100,
      reporters: h.reporters,
      messages: h.messages,
      votes: h.votes,
      from: h.firstAt ? day(h.firstAt) : '',
      to: h.lastAt ? day(h.lastAt) : '',
    }));

  const teams = ['S', 'J', 'T'].flatMap((team) =>
    readJsonl<{
      热度排名: number;
      热度指数: number;
      时间范围: string;
      '地点/人群': string;
      问题描述: string;
    }>(dir, `hot_team${team}_issues`).map((r) => ({
      team,
      rank: r.热度排名,
      heat: r.热度指数,
      range: r.时间范围,
      place: r['地点/人群'],
      description: r.问题描述,
    })),
  );

  return {
    messages: messages.length,
    clustering: {
      clusters: clusters.length,
      multiMessageClusters: clusters.filter((c) => c.members.length >= 2).length,
      consensusMessages: gold.size,
      bcubedPrecision: b.precision,
      bcubedRecall: b.recall,
      bcubedF1: b.f1,
      seconds,
    },
    hot,
    teams,
    duplicates: duplicateLookup(messages),
  };
}

/**
 * Duplicates: each exact-duplicate group (same title and detail) and each near-duplicate pair
 * (same title, different detail) holds one message out; the rest are indexed as problems; P@1 is
 * the share of held-out messages whose best match belongs to their group.
 */
function duplicateLookup(messages: readonly Message[]) {
  const groups = (key: (m: Message) => string) => {
    const map = new Map<string, Message[]>();
    for (const m of messages) {
      map.set(key(m), [...(map.get(key(m)) ?? []), m]);
    }
    return [...map.values()].filter((g) => g.length >= 2);
  };
  const exact = groups((m) => `${m.title}\u0000${m.detail}`);
  const near = groups((m) => m.title).filter(
    (g) => [...g[0]!.title].length >= 6 && new Set(g.map((m) => m.detail)).size === g.length,
  );
  const p1 = (gs: Message[][]) => {
    const held = new Set(gs.map((g) => g[g.length - 1]!.id));
    const index = createTextIndex(bigramTokenizer);
    for (const m of messages) {
      if (!held.has(m.id)) {
        index.upsert(String(m.id), `${m.title}\n${m.detail}`, { title: m.title, status: 'open' });
      }
    }
    let hits = 0;
    for (const g of gs) {
      const q = g[g.length - 1]!;
      const top = index.query(`${q.title}\n${q.detail}`, 1)[0];
      if (top && g.some((m) => String(m.id) === top.id)) {
        hits++;
      }
    }
    return gs.length > 0 ? hits / gs.length : null;
  };
  return { exactPairs: exact.length, exactP1: p1(exact), nearPairs: near.length, nearP1: p1(near) };
}
