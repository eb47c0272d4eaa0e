import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { CHANNELS, REPORTER_TYPES } from '../../../common/enums';
import { prepareDatabase } from '../bootstrap';
import type { Config } from '../config';
import { createDatabase, type Database, type DbSettings } from '../db/database';
import type { Trouble } from '../db/schema';
import { createIndexService, rebuildAggregates } from '../modules/indices';
import { ensureCommunitySettings } from '../modules/promise';
import { systemActor } from '../shared/actor';
import { systemClock } from '../shared/clock';
import { newId } from '../shared/ids';

/** A small deterministic PRNG (mulberry32) so every run loads the same data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function time(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) {
    await fn();
  }
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

export async function freshDatabase(
  kind: 'sqlite' | 'postgres',
  config: Config,
): Promise<{ database: Database; settings: DbSettings; cleanup: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-bench-'));
    const settings: DbSettings = { client: 'sqlite', file: path.join(dir, 'bench.sqlite') };
    const database = createDatabase(settings);
    return {
      database,
      settings,
      cleanup: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url =
    config.db.client === 'postgres'
      ? config.db.url
      : (process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const schema = `bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const settings: DbSettings = { client: 'postgres', url, schema };
  const database = createDatabase(settings);
  return {
    database,
    settings,
    cleanup: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/**
 * `npx fannao bench indices`: loads N troubles (default 1 M) over 5 years and 10 communities into
 * a fresh database, then times the month trouble-index query for one community and for the
 * county against a plain GROUP BY over the raw troubles table in the same run.
 */
export async function benchIndices(
  config: Config,
  opts: { rows: number; db: 'sqlite' | 'postgres'; runs: number; communities: number },
) {
  const { database, cleanup } = await freshDatabase(opts.db, config);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  try {
    await prepareDatabase(database, systemClock);
    const { db } = database;
    const now = Date.now();
    const countyId = newId();
    await db
      .insertInto('counties')
      .values({ id: countyId, name: '基准县', code: 'bench', created_at: now })
      .execute();
    const communityIds: string[] = [];
    const enterprises: { id: string; community: string }[] = [];
    for (let c = 0; c < opts.communities; c++) {
      const id = newId();
      communityIds.push(id);
      await db
        .insertInto('communities')
        .values({
          id,
          county_id: countyId,
          slug: `bench-${c}`,
          name: `基准社区${c}`,
          code_prefix: 'BM',
          created_at: now,
        })
        .execute();
      await ensureCommunitySettings(db, id, now);
      for (let e = 0; e < 20; e++) {
        const eid = newId();
        enterprises.push({ id: eid, community: id });
        await db
          .insertInto('enterprises')
          .values({
            id: eid,
            community_id: id,
            name: `基准企业${c}-${e}`,
            industry: e % 2 ? '线路板' : '机械',
            size: 'small',
            employee_count: 100,
            contact_name: null,
            contact_phone_enc: null,
            address: null,
            active: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
    }
    const leaves = (
      await db.selectFrom('categories').select('id').where('parent_id', 'is not', null).execute()
    ).map((r) => r.id);
    const rand = prng(42);
    const start = Date.parse('2019-01-01T00:00:00+08:00');
    const span = Date.parse('2024-01-01T00:00:00+08:00') - start;
    const t0 = performance.now();
    const BATCH = 500;
    for (let done = 0; done < opts.rows;) {
      await db.transaction().execute(async (trx) => {
        for (let b = 0; b < 100 && done < opts.rows; b++) {
          const rows: Trouble[] = [];
          for (let i = 0; i < BATCH && done < opts.rows; i++, done++) {
            const ent = enterprises[Math.floor(rand() * enterprises.length)]!;
            const received = start + Math.floor(rand() * span);
            rows.push({
              id: newId(),
              code: `BM-${done.toString(36).toUpperCase()}`,
              community_id: ent.community,
              enterprise_id: ent.id,
              reporter_type: REPORTER_TYPES[Math.floor(rand() * 3)]!,
              reporter_user_id: null,
              reporter_name: null,
              reporter_phone_enc: null,
              channel: CHANNELS[Math.floor(rand() * 8)]!,
              title: '基准烦恼',
              body: '基准数据',
              category_id: leaves[Math.floor(rand() * leaves.length)]!,
              category_source: 'person',
              category_confidence: null,
              category_set_by: null,
              severity: rand() < 0.3 ? 'major' : 'minor',
              urgency: rand() < 0.3 ? 'urgent' : 'normal',
              workers_affected: 1 + Math.floor(rand() * 20),
              priority: 'P4',
              status: 'received',
              problem_id: null,
              on_spot_answer: null,
              received_at: received,
              closed_at: null,
              created_by: null,
              idempotency_key: null,
              idempotency_fingerprint: null,
              created_at: received,
              updated_at: received,
            });
          }
          await trx.insertInto('troubles').values(rows).execute();
        }
      });
    }
    const loadMs = performance.now() - t0;
    const t1 = performance.now();
    await db.transaction().execute((trx) => rebuildAggregates(trx));
    const rebuildMs = performance.now() - t1;

    const indices = createIndexService({
      db,
      dialect: database.dialect,
      clock: systemClock,
      config,
    });
    const actor = { ...systemActor, countyId };
    const month = {
      from: Date.parse('2023-09-01T00:00:00+08:00'),
      to: Date.parse('2023-10-01T00:00:00+08:00'),
    };
    const raw = (ids: string[]) =>
      db
        .selectFrom('troubles')
        .select('category_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('community_id', 'in', ids)
        .where('received_at', '>=', month.from)
        .where('received_at', '<', month.to)
        .groupBy('category_id')
        .execute();
    const one = await indices.troubleIndex(actor, { community: communityIds[0], month: '2023-09' });
    const rawOne = (await raw([communityIds[0]!])).reduce((s, r) => s + Number(r.n), 0);
    if (one.total !== rawOne) {
      throw new Error(`aggregate total ${one.total} differs from raw ${rawOne}`);
    }
    const results = {
      community: await time(opts.runs, () =>
        indices.troubleIndex(actor, { community: communityIds[0], month: '2023-09' }),
      ),
      communityRaw: await time(opts.runs, () => raw([communityIds[0]!])),
      county: await time(opts.runs, () => indices.troubleIndex(actor, { month: '2023-09' })),
      countyRaw: await time(opts.runs, () => raw(communityIds)),
      countyYear: await time(opts.runs, () => indices.troubleIndex(actor, { year: '2023' })),
    };
    const f = (x: number) => x.toFixed(2).padStart(8);
    out(
      `bench indices · ${opts.db} · ${opts.rows.toLocaleString('en')} troubles · ${opts.communities} communities · ${opts.runs} runs`,
    );
    out(
      `load ${(loadMs / 1000).toFixed(1)} s (${Math.round(opts.rows / (loadMs / 1000)).toLocaleString('en')} rows/s) · rebuild aggregates ${(rebuildMs / 1000).toFixed(1)} s`,
    );
    out(`month 2023-09, one community: ${one.total} troubles (raw GROUP BY agrees)`);
    out('query                                   p50 ms   p95 ms');
    out(
      `trouble index, one community, month  ${f(results.community.p50)} ${f(results.community.p95)}`,
    );
    out(
      `raw GROUP BY, one community, month   ${f(results.communityRaw.p50)} ${f(results.communityRaw.p95)}`,
    );
    out(`trouble index, county, month         ${f(results.county.p50)} ${f(results.county.p95)}`);
    out(
      `raw GROUP BY, county, month          ${f(results.countyRaw.p50)} ${f(results.countyRaw.p95)}`,
    );
    out(
      `trouble index, county, year          ${f(results.countyYear.p50)} ${f(results.countyYear.p95)}`,
    );
    out(
      `ratio raw/index p95: community ${(results.communityRaw.p95 / results.community.p95).toFixed(2)} · county ${(results.countyRaw.p95 / results.county.p95).toFixed(2)}`,
    );
    out(
      `target p95 < 20 ms (set for 1 M troubles on SQLite) · ${opts.db}: community ${results.community.p95 < 20 ? 'met' : 'NOT met'}, county ${results.county.p95 < 20 ? 'met' : 'NOT met'}`,
    );
    return results;
  } finally {
    await cleanup();
  }
}
