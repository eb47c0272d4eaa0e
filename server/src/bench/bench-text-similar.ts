import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

import { prepareDatabase } from '../bootstrap';
import { createDatabase } from '../db/database';
import type { Problem, Trouble } from '../db/schema';
import { BRANDS, composeTrouble, Rng, TEXT_CATEGORIES } from '../modules/demo';
import { ensureCommunitySettings } from '../modules/promise';
import { createTextIndex } from '../modules/text/similar-index';
import { createSimilarRepository } from '../modules/text/similar-repository';
import { createSimilarService } from '../modules/text/similar-service';
import { bigramTokenizer } from '../modules/text/similar-tokens';
import { systemActor } from '../shared/actor';
import { systemClock } from '../shared/clock';
import { newId } from '../shared/ids';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function time<T>(items: T[], fn: (item: T) => unknown) {
  for (const item of items.slice(0, 5)) {
    await fn(item);
  }
  const ms: number[] = [];
  for (const item of items) {
    const t0 = performance.now();
    await fn(item);
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const f = (n: number) => n.toFixed(2);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

/** Collects garbage when it can (`--expose-gc` set at run time) and returns heap + buffers. */
function memory(): { heap: number; buffers: number } {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

/**
 * `npx fannao bench text-similar`: N open problems (default 100,000) in one community, each made
 * of 1–3 troubles composed from the demo's phrase templates (31 categories, worker and
 * enterprise voice, filled slots, enterprise names), in a fresh SQLite database. Reports the
 * first query's answer time (it starts the background build and answers `indexing: true`), the
 * build time (paged reads included) and the memory the index holds after it (heap and array
 * buffers, after a forced collection); times `suggestForTrouble` end to end (trouble look-up,
 * index query, scope check) once the index is ready, the in-memory build alone, and the
 * in-memory index query next to a brute-force cosine scan over every problem of the community,
 * on the same queries, and compares the best match's score of both.
 */
export async function benchTextSimilar(opts: { problems: number; queries: number }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-bench-'));
  const database = createDatabase({ client: 'sqlite', file: path.join(dir, 'bench.sqlite') });
  const out = (s: string) => process.stdout.write(`${s}\n`);
  try {
    await prepareDatabase(database, systemClock);
    const { db } = database;
    const now = Date.now();
    const countyId = newId();
    const communityId = newId();
    await db
      .insertInto('counties')
      .values({ id: countyId, name: '基准县', code: 'bench', created_at: now })
      .execute();
    await db
      .insertInto('communities')
      .values({
        id: communityId,
        county_id: countyId,
        slug: 'bench',
        name: '基准社区',
        code_prefix: 'BM',
        created_at: now,
      })
      .execute();
    await ensureCommunitySettings(db, communityId, now);
    const rng = new Rng(20231123);
    const compose = () => {
      const brand = rng.pick(BRANDS);
      return composeTrouble(rng, {
        category: rng.pick(TEXT_CATEGORIES),
        reporterType: rng.chance(0.3) ? 'enterprise' : 'worker',
        channel: 'visit',
        ctx: { enterpriseShort: brand, enterpriseName: `${brand}科技有限公司`, industry: '电子' },
      });
    };

    const t0 = performance.now();
    const batch: Problem[] = [];
    const flush = async () => {
      if (batch.length > 0) {
        await db.insertInto('problems').values(batch).execute();
        batch.length = 0;
      }
    };
    for (let i = 0; i < opts.problems; i++) {
      const parts = Array.from({ length: rng.int(1, 3) }, compose);
      const at = now - rng.int(0, 365) * 86_400_000;
      batch.push({
        id: newId(),
        code: `BM-P-${i}`,
        community_id: communityId,
        title: parts[0]!.title,
        // The troubles' texts stand in the summary so that the load stays quick.
        summary: parts.map((p) => `${p.title} ${p.body}`).join('\n'),
        public_summary: null,
        category_id: null,
        owner_user_id: null,
        severity: 'minor',
        urgency: 'normal',
        workers_affected: 1,
        priority: 'P4',
        status: 'open',
        received_at: at,
        coordination_due_at: at + 86_400_000,
        resolution_due_at: at + 7 * 86_400_000,
        deadline_estimated: 0,
        coordinated_at: null,
        answered_at: null,
        closed_at: null,
        resolution_text: null,
        reopen_count: 0,
        overdue_kind: null,
        overdue_since: null,
        escalation_level: 0,
        merged_into_id: null,
        created_by: null,
        created_at: at,
        updated_at: at,
      });
      if (batch.length === 400) {
        await flush();
      }
    }
    await flush();
    const queries: Trouble[] = [];
    for (let i = 0; i < opts.queries; i++) {
      const t = compose();
      queries.push({
        id: newId(),
        code: `BQ${i}`,
        community_id: communityId,
        enterprise_id: null,
        reporter_type: 'worker',
        reporter_user_id: null,
        reporter_name: null,
        reporter_phone_enc: null,
        channel: 'visit',
        title: t.title,
        body: t.body,
        category_id: null,
        category_source: null,
        category_confidence: null,
        category_set_by: null,
        severity: 'minor',
        urgency: 'normal',
        workers_affected: 1,
        priority: 'P4',
        status: 'received',
        problem_id: null,
        on_spot_answer: null,
        received_at: now,
        closed_at: null,
        created_by: null,
        idempotency_key: null,
        idempotency_fingerprint: null,
        created_at: now,
        updated_at: now,
      });
    }
    await db.insertInto('troubles').values(queries).execute();
    out(`loaded ${opts.problems} open problems in ${f((performance.now() - t0) / 1000)} s`);

    const mem0 = memory();
    const service = createSimilarService({ db, syncIntervalMs: 60_000 });
    const actor = { ...systemActor, countyId };
    const tb = performance.now();
    // The first query starts the build and does not wait for it (a large community).
    const first = await service.suggest(actor, queries[0]!.id, 5);
    const firstMs = performance.now() - tb;
    await service.ready(communityId);
    const buildS = (performance.now() - tb) / 1000;
    const mem1 = memory();
    out(
      `first query answered in ${f(firstMs)} ms with indexing: ${first.indexing}; ` +
        `index built in the background in ${f(buildS)} s (paged reads from SQLite included)`,
    );
    const stats = Object.values(service.stats())[0]!;
    out(
      `index: ${stats.problems} problems, ${stats.terms} terms; memory after build: ` +
        `heap +${mb(mem1.heap - mem0.heap)}, array buffers +${mb(mem1.buffers - mem0.buffers)} ` +
        `(total heap used ${mb(mem1.heap)})`,
    );
    const e2e = await time(queries, (q) => service.suggestForTrouble(actor, q.id, 5));

    // The same index, in memory, against the brute-force scan over every problem.
    const docs: { id: string; text: string; title: string; status: string }[] = [];
    for await (const page of createSimilarRepository(db).openProblemPages(communityId)) {
      docs.push(...page);
    }
    const ti = performance.now();
    const index = createTextIndex(bigramTokenizer);
    for (const p of docs) {
      index.upsert(p.id, p.text, { title: p.title, status: p.status });
    }
    out(`in-memory build (texts already read): ${f((performance.now() - ti) / 1000)} s`);
    const texts = queries.map((q) => `${q.title}\n${q.body}`);
    const indexed = await time(texts, (t) => index.query(t, 5));
    const scanTexts = texts.slice(0, Math.min(texts.length, 60));
    const scan = await time(scanTexts, (t) => index.scan(t, 5));
    // Template-made texts have many near-ties, so compare the best scores, not the ids.
    let same = 0;
    let close = 0;
    let ratioSum = 0;
    for (const t of scanTexts) {
      const a = index.query(t, 1)[0]?.score ?? 0;
      const b = index.scan(t, 1)[0]?.score ?? 0;
      same += Math.abs(a - b) < 1e-9 ? 1 : 0;
      close += a >= 0.95 * b ? 1 : 0;
      ratioSum += b > 0 ? a / b : 1;
    }
    out(`suggestForTrouble (end to end, SQLite): p50 ${f(e2e.p50)} ms, p95 ${f(e2e.p95)} ms`);
    out(
      `index query (in memory):               p50 ${f(indexed.p50)} ms, p95 ${f(indexed.p95)} ms`,
    );
    out(`brute-force scan (in memory):          p50 ${f(scan.p50)} ms, p95 ${f(scan.p95)} ms`);
    out(`ratio scan / index at p95: ${f(scan.p95 / indexed.p95)}x`);
    out(
      `best match vs the scan's: same score ${same}/${scanTexts.length}, within 5 % ${close}/${scanTexts.length}, mean score ratio ${(ratioSum / scanTexts.length).toFixed(3)}`,
    );
    out(`target: suggestForTrouble p95 < 20 ms with ${opts.problems} open problems`);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
