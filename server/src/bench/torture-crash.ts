import fs from 'node:fs';
import path from 'node:path';

import { type Kysely, sql } from 'kysely';

import { type Config, loadConfig } from '../config';
import type { DB } from '../db/schema';
import { createDeps } from '../deps';
import { rebuildAggregates } from '../modules/indices';
import { createProblemService } from '../modules/problems';
import { sweepOverdue } from '../modules/promise';
import { createTroubleIntake } from '../modules/troubles';
import type { Actor } from '../shared/actor';
import { FakeClock } from '../shared/clock';
import { newId } from '../shared/ids';
import {
  createTarget,
  DEFAULT_PG_URL,
  freePort,
  prng,
  seedIntakeWorld,
  type ServerChild,
  sleep,
  startProduct,
  withDatabase,
} from './bench-support';

export interface TortureOptions {
  db: 'sqlite' | 'postgres';
  kills: number;
  connections: number;
  seed: number;
  json: boolean;
  keep: boolean;
}

const HOUR = 3_600_000;

/**
 * `npx fannao torture crash` (reliability.md §7): the real server under intake load is killed
 * with SIGKILL at random moments, restarted, and the client retries every unacknowledged
 * request with its Idempotency-Key and re-sends some acknowledged ones. Problems are seeded so
 * that they are overdue or fall due during the run, so the scheduler's overdue sweep runs across
 * the kills. Then: every acknowledged trouble exists exactly once with the acknowledged id, no
 * key is stored twice, the index aggregates equal a rebuild from the raw rows, the SQLite file
 * passes integrity_check, and no escalation (problem, deadline, level) was recorded, announced
 * or notified twice. Exit code 1 when any check fails.
 */
export async function tortureCrash(config: Config, opts: TortureOptions) {
  const rand = prng(opts.seed);
  const pgUrl =
    config.db.client === 'postgres'
      ? config.db.url
      : (process.env.TEST_DATABASE_URL ?? DEFAULT_PG_URL);
  const baseDir = path.join(config.dataDir, `torture-${newId().toLowerCase()}`);
  const say = (s: string) => {
    if (!opts.json) {
      process.stdout.write(`${s}\n`);
    }
  };
  const target = await createTarget({ kind: opts.db, baseDir, name: 'torture', pgUrl });
  const env = {
    ...target.env,
    INTAKE_RATE_PER_MINUTE: '1000000',
    LOG_LEVEL: 'error',
    JOBS_ENABLED: 'true',
  };
  let server: ServerChild | null = null;
  try {
    const world = await seedIntakeWorld(target.settings);
    const seeded = await seedDueProblems(loadConfig(env), target, world, rand);
    say(
      `torture crash · ${opts.db} · ${opts.kills} kills · ${opts.connections} connections · seed ${opts.seed} · ${seeded} problems overdue or falling due`,
    );
    const port = await freePort();
    const acked = new Map<string, string>();
    const pending = new Set<string>();
    const stats = { sent: 0, replays: 0, replayMismatches: 0, unexpected: 0 };
    let next = 0;
    const bodyOf = (key: string) =>
      JSON.stringify({ communityId: world.communityId, body: `崩溃测试 ${key}：宿舍热水器坏了` });

    const post = async (url: string, key: string): Promise<void> => {
      stats.sent++;
      try {
        const res = await fetch(`${url}/api/v1/troubles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: bodyOf(key),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        if (res.status === 201 || res.status === 200) {
          const id = (JSON.parse(text) as { id: string }).id;
          const prior = acked.get(key);
          if (prior !== undefined && prior !== id) {
            stats.replayMismatches++;
          }
          acked.set(key, prior ?? id);
          pending.delete(key);
        } else {
          if (res.status < 500) {
            stats.unexpected++;
          }
          if (!acked.has(key)) {
            pending.add(key);
          }
        }
      } catch {
        if (!acked.has(key)) {
          pending.add(key); // the answer was lost: the trouble may or may not be stored
        }
      }
    };

    const runPool = async (items: string[], url: string) => {
      const queue = [...items];
      await Promise.all(
        Array.from({ length: opts.connections }, async () => {
          for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
            await post(url, key);
          }
        }),
      );
    };

    /** Retries pending keys and re-sends a sample of acknowledged ones (must replay the same id). */
    const recover = async (url: string) => {
      await runPool([...pending], url);
      const ackedKeys = [...acked.keys()];
      const sample = Array.from(
        { length: Math.min(40, ackedKeys.length) },
        () => ackedKeys[Math.floor(rand() * ackedKeys.length)]!,
      );
      stats.replays += sample.length;
      await runPool(sample, url);
    };

    let kills = 0;
    for (let cycle = 0; cycle <= opts.kills; cycle++) {
      server = await startProduct(env, port);
      await recover(server.url);
      if (cycle === opts.kills) {
        break;
      }
      let loading = true;
      const load = Promise.all(
        Array.from({ length: opts.connections }, async () => {
          while (loading) {
            const key = `crash-${opts.seed}-${next++}`;
            await post(server!.url, key);
          }
        }),
      );
      await sleep(400 + Math.floor(rand() * 2600));
      server.child.kill('SIGKILL');
      await server.exited;
      kills++;
      loading = false;
      await load;
      say(`kill ${kills}: acknowledged ${acked.size}, unacknowledged (to retry) ${pending.size}`);
    }
    // Everything still pending is retried until answered (the server is up now).
    for (let round = 0; pending.size > 0 && round < 5; round++) {
      await runPool([...pending], server!.url);
    }
    const exitCode = await server!.stop();
    server = null;

    const result = await withDatabase(target.settings, (database) =>
      verify(database.db, database.dialect, acked, opts.seed),
    );
    const summary = {
      db: opts.db,
      kills,
      acknowledged: acked.size,
      found: result.found,
      duplicates: result.duplicates,
      lost: result.lost,
      mismatched: result.mismatched,
      unacknowledgedLeft: pending.size,
      storedWithoutAck: result.storedWithoutAck,
      replays: stats.replays,
      replayMismatches: stats.replayMismatches,
      unexpected4xx: stats.unexpected,
      requestsSent: stats.sent,
      receiveEventsMismatched: result.receiveEventsMismatched,
      aggregatesMatchRebuild: result.aggregatesMatch,
      integrityCheck: result.integrity,
      sweepsRun: result.sweeps,
      escalations: result.escalations,
      escalationDuplicates: result.escalationDuplicates,
      notificationDuplicates: result.notificationDuplicates,
      gracefulExitCode: exitCode,
    };
    say(
      `acknowledged ${summary.acknowledged} / found ${summary.found} / duplicates ${summary.duplicates} / lost ${summary.lost} / kills ${summary.kills}`,
    );
    say(
      `mismatched ids ${summary.mismatched} · replays ${summary.replays} (different id: ${summary.replayMismatches}) · stored without acknowledgement ${summary.storedWithoutAck} · receive events off ${summary.receiveEventsMismatched}`,
    );
    say(
      `aggregates equal rebuild: ${summary.aggregatesMatchRebuild} · integrity: ${summary.integrityCheck} · overdue sweeps run ${summary.sweepsRun} · escalations ${summary.escalations} (duplicates ${summary.escalationDuplicates}, duplicate notifications ${summary.notificationDuplicates}) · SIGTERM exit ${String(exitCode)}`,
    );
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    }
    const failed =
      summary.lost > 0 ||
      summary.duplicates > 0 ||
      summary.mismatched > 0 ||
      summary.replayMismatches > 0 ||
      summary.unacknowledgedLeft > 0 ||
      summary.storedWithoutAck > 0 ||
      summary.receiveEventsMismatched > 0 ||
      !summary.aggregatesMatchRebuild ||
      (summary.integrityCheck !== 'ok' && summary.integrityCheck !== 'n/a') ||
      summary.escalationDuplicates > 0 ||
      summary.notificationDuplicates > 0;
    if (failed) {
      process.exitCode = 1;
    }
    return summary;
  } finally {
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    if (!opts.keep) {
      await target.cleanup();
      fs.rmSync(baseDir, { recursive: true, force: true });
    }
  }
}

/**
 * Problems whose 24-hour coordination deadline has passed 1–3 escalation intervals ago or
 * falls due in the next seconds, made through the product's own intake and problem services.
 */
async function seedDueProblems(
  config: Config,
  target: { settings: Parameters<typeof withDatabase>[0] },
  world: { countyId: string; communityId: string },
  rand: () => number,
): Promise<number> {
  const now = Date.now();
  const clock = new FakeClock(now);
  return withDatabase(target.settings, async (database) => {
    const deps = createDeps(config, database, clock);
    const intake = createTroubleIntake(deps);
    const problems = createProblemService(deps);
    const admin: Actor = {
      userId: null,
      role: 'admin',
      displayName: '崩溃测试',
      countyId: world.countyId,
      communityId: null,
      enterpriseId: null,
      departmentId: null,
    };
    const offsets = [
      -49 * HOUR,
      -25 * HOUR,
      -2 * HOUR,
      -30_000,
      ...Array.from({ length: 8 }, () => 2_000 + Math.floor(rand() * 20_000)),
    ];
    for (const [i, offset] of offsets.entries()) {
      clock.set(now - 24 * HOUR + offset);
      const { trouble } = await intake({
        actor: admin,
        body: {
          communityId: world.communityId,
          channel: 'online',
          body: `逾期测试 ${i}：工资拖欠两个月`,
          severity: 'minor',
          urgency: 'normal',
          workersAffected: 1,
          anonymous: true,
          attachmentIds: [],
        },
      });
      await problems.createFromTroubles({
        actor: admin,
        troubleIds: [trouble.id],
        title: `逾期测试 ${i}`,
      });
    }
    await deps.committer.close();
    return offsets.length;
  });
}

/** Every non-zero aggregate cell as canonical JSON lines. */
async function aggregateSnapshot(db: Kysely<DB>): Promise<string> {
  const lines: string[] = [];
  for (const table of [
    'agg_trouble_days',
    'agg_trouble_months',
    'agg_trouble_dims',
    'agg_problem_days',
  ] as const) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    for (const row of rows) {
      const numeric = Object.entries(row).filter(([, v]) => typeof v !== 'string');
      if (numeric.every(([, v]) => Number(v) === 0)) {
        continue;
      }
      lines.push(
        `${table} ${JSON.stringify(
          Object.fromEntries(
            Object.entries(row)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)]),
          ),
        )}`,
      );
    }
  }
  return lines.sort().join('\n');
}

class Rollback extends Error {}

async function verify(
  db: Kysely<DB>,
  dialect: 'sqlite' | 'postgres',
  acked: Map<string, string>,
  seed: number,
) {
  const rows = await db
    .selectFrom('troubles')
    .select(['id', 'idempotency_key'])
    .where('idempotency_key', 'like', `crash-${seed}-%`)
    .execute();
  const byKey = new Map<string, string[]>();
  for (const r of rows) {
    const list = byKey.get(r.idempotency_key!) ?? [];
    list.push(r.id);
    byKey.set(r.idempotency_key!, list);
  }
  let found = 0;
  let lost = 0;
  let mismatched = 0;
  for (const [key, id] of acked) {
    const ids = byKey.get(key);
    if (!ids) {
      lost++;
    } else if (!ids.includes(id)) {
      mismatched++;
    } else {
      found++;
    }
  }
  const duplicates = [...byKey.values()].filter((ids) => ids.length > 1).length;
  const storedWithoutAck = [...byKey.keys()].filter((k) => !acked.has(k)).length;
  const receive = await sql<{ n: number }>`
    select count(*) as n from troubles t
    where (select count(*) from events e
           where e.entity_type = 'trouble' and e.entity_id = t.id and e.action = 'receive') <> 1`.execute(
    db,
  );

  // Two sweeps at once on the final state (as two instances would), then the uniqueness checks.
  await Promise.all([sweepOverdue(db, Date.now()), sweepOverdue(db, Date.now())]).catch(
    () => undefined, // a unique-key conflict between the two is the guard working
  );

  const before = await aggregateSnapshot(db);
  let rebuilt = '';
  try {
    await db.transaction().execute(async (trx) => {
      await rebuildAggregates(trx);
      rebuilt = await aggregateSnapshot(trx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) {
      throw error;
    }
  }

  let integrity = 'n/a';
  if (dialect === 'sqlite') {
    const r = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    integrity = r.rows.map((x) => x.integrity_check).join('; ');
  }
  const sweeps = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'promise.overdue-sweep')
    .where('state', '=', 'done')
    .executeTakeFirstOrThrow();
  const escalations = await db
    .selectFrom('escalations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const escalationDuplicates = await sql<{ n: number }>`
    select count(*) as n from (
      select problem_id, kind, due_at, level from escalations
      group by problem_id, kind, due_at, level having count(*) > 1) d`.execute(db);
  const eventsVsRows = await sql<{ n: number }>`
    select count(*) as n from problems p
    where (select count(*) from events e
           where e.entity_type = 'problem' and e.entity_id = p.id and e.action = 'escalate')
       <> (select count(*) from escalations x where x.problem_id = p.id)`.execute(db);
  const notificationDuplicates = await sql<{ n: number }>`
    select count(*) as n from (
      select user_id, dedupe_key from notifications
      group by user_id, dedupe_key having count(*) > 1) d`.execute(db);
  return {
    found,
    lost,
    mismatched,
    duplicates,
    storedWithoutAck,
    receiveEventsMismatched: Number(receive.rows[0]?.n ?? 0),
    aggregatesMatch: before === rebuilt,
    integrity,
    sweeps: Number(sweeps.n),
    escalations: Number(escalations.n),
    escalationDuplicates:
      Number(escalationDuplicates.rows[0]?.n ?? 0) + Number(eventsVsRows.rows[0]?.n ?? 0),
    notificationDuplicates: Number(notificationDuplicates.rows[0]?.n ?? 0),
  };
}
