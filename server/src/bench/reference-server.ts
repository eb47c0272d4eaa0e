/**
 * The bare reference server of `npx fannao bench intake`: Fastify + zod + better-sqlite3 (or pg)
 * with the same group commit and durability as the product (WAL + synchronous=FULL; PostgreSQL
 * defaults), an idempotency-key look-up and one insert per request — and no product logic. It is
 * the practical ceiling of this stack on this machine. Run as a child process:
 *   node --import tsx reference-server.ts --port 4000 (--sqlite file | --pg url) [--max-wait 2] [--max-batch 256]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import pg from 'pg';
import { z } from 'zod';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    sqlite: { type: 'string' },
    pg: { type: 'string' },
    'max-wait': { type: 'string', default: '2' },
    'max-batch': { type: 'string', default: '256' },
  },
});

interface Item {
  key: string;
  communityId: string;
  body: string;
  resolve: (r: { id: string; created: boolean }) => void;
  reject: (e: unknown) => void;
}

/** Commits one batch in one transaction; returns per item the id and whether it was created. */
type CommitBatch = (items: Item[]) => Promise<{ id: string; created: boolean }[]>;

const DDL =
  'create table if not exists ref_troubles (id text primary key, idempotency_key text not null unique, community_id text not null, body text not null, created_at bigint not null)';

async function openStore(): Promise<{ commit: CommitBatch; close: () => Promise<void> }> {
  if (args.sqlite) {
    const db = new SQLite(args.sqlite);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(DDL);
    const find = db.prepare<[string], { id: string }>(
      'select id from ref_troubles where idempotency_key = ?',
    );
    const insert = db.prepare(
      'insert into ref_troubles (id, idempotency_key, community_id, body, created_at) values (?, ?, ?, ?, ?)',
    );
    const tx = db.transaction((items: Item[]) =>
      items.map((item) => {
        const prior = find.get(item.key);
        if (prior) {
          return { id: prior.id, created: false };
        }
        const id = randomUUID();
        insert.run(id, item.key, item.communityId, item.body, Date.now());
        return { id, created: true };
      }),
    );
    return {
      commit: (items) => Promise.resolve(tx(items)),
      close: () => {
        db.close();
        return Promise.resolve();
      },
    };
  }
  if (!args.pg) {
    throw new Error('--sqlite <file> or --pg <url> is required');
  }
  const pool = new pg.Pool({ connectionString: args.pg, max: 10 });
  await pool.query(DDL);
  return {
    async commit(items) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out: { id: string; created: boolean }[] = [];
        for (const item of items) {
          const prior = await client.query<{ id: string }>(
            'select id from ref_troubles where idempotency_key = $1',
            [item.key],
          );
          if (prior.rows[0]) {
            out.push({ id: prior.rows[0].id, created: false });
            continue;
          }
          const id = randomUUID();
          await client.query(
            'insert into ref_troubles (id, idempotency_key, community_id, body, created_at) values ($1, $2, $3, $4, $5)',
            [id, item.key, item.communityId, item.body, Date.now()],
          );
          out.push({ id, created: true });
        }
        await client.query('commit');
        return out;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const store = await openStore();
const maxWaitMs = Number(args['max-wait']);
const maxBatch = Number(args['max-batch']);
let queue: Item[] = [];
let timer: NodeJS.Timeout | null = null;
let chain: Promise<void> = Promise.resolve();

function flush(): void {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  const batch = queue;
  queue = [];
  if (batch.length === 0) {
    return;
  }
  chain = chain.then(async () => {
    try {
      const results = await store.commit(batch);
      batch.forEach((item, i) => item.resolve(results[i]!));
    } catch (error) {
      batch.forEach((item) => item.reject(error));
    }
  });
}

function enqueue(key: string, communityId: string, body: string) {
  return new Promise<{ id: string; created: boolean }>((resolve, reject) => {
    queue.push({ key, communityId, body, resolve, reject });
    if (queue.length >= maxBatch) {
      flush();
    } else {
      timer ??= setTimeout(flush, maxWaitMs);
    }
  });
}

const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
app.get('/readyz', () => ({ status: 'ready' }));
app.post(
  '/api/v1/troubles',
  {
    schema: {
      headers: z.object({ 'idempotency-key': z.string().min(8).max(100) }),
      body: z
        .object({
          communityId: z.string().min(1).max(40),
          body: z.string().trim().min(2).max(2000),
        })
        .strict(),
    },
  },
  async (req, reply) => {
    const result = await enqueue(
      req.headers['idempotency-key'],
      req.body.communityId,
      req.body.body,
    );
    return reply.code(result.created ? 201 : 200).send({ id: result.id });
  },
);

const shutdown = async () => {
  await app.close();
  flush();
  await chain;
  await store.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
await app.listen({ port: Number(args.port ?? 0), host: '127.0.0.1' });
