import type { Kysely } from 'kysely';

import type { DB } from '../db/schema';

type Work<T> = (trx: Kysely<DB>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitter {
  /** Runs `work` inside a shared transaction; resolves only after that transaction committed. */
  run<T>(work: Work<T>): Promise<T>;
  /** Flushes what is queued and refuses new work. */
  close(): Promise<void>;
  /** Calls `listener` with the size of every committed transaction (metrics). */
  observe(listener: (batchSize: number) => void): void;
}

export interface GroupCommitOptions {
  /**
   * `group` (default): collect, commit together, answer. `per-request`: every item in its own
   * transaction at once — the naive path, kept as a real switch (INTAKE_COMMIT) so that
   * `npx fannao bench intake` can measure both on the same server.
   */
  mode?: 'group' | 'per-request';
  maxWaitMs: number;
  maxBatch: number;
  /**
   * Batches committing at the same time (default 1). SQLite has one writer, so 1 is right there;
   * PostgreSQL commits concurrent transactions on separate connections and groups their WAL
   * flushes itself, so a few batches in flight keep the pool busy while one waits for its fsync.
   */
  concurrency?: number;
}

/**
 * Group commit (SPEC §10, reliability.md §2): one fsync costs milliseconds and better-sqlite3
 * blocks while it waits, so intake writes are collected for at most `maxWaitMs` (or `maxBatch`
 * items), committed in one transaction, and only then answered. If any item fails, the batch is
 * rolled back and every item is retried alone in its own transaction, so one bad item never
 * takes others down and nothing is answered before it is durable.
 */
export function createGroupCommitter(db: Kysely<DB>, options: GroupCommitOptions): GroupCommitter {
  const listeners: ((batchSize: number) => void)[] = [];
  const committed = (size: number) => {
    for (const listener of listeners) {
      listener(size);
    }
  };
  if (options.mode === 'per-request') {
    return createPerRequestCommitter(db, listeners, committed);
  }
  const queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  const inFlight = new Set<Promise<void>>();
  const concurrency = Math.max(1, options.concurrency ?? 1);
  let closed = false;

  const schedule = () => {
    if (queue.length >= options.maxBatch) {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      startFlush();
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = null;
        startFlush();
      }, options.maxWaitMs);
    }
  };

  // Starts a batch when a slot is free; otherwise the queue keeps growing and the next batch
  // starts (bigger) as soon as one in flight has committed.
  const startFlush = () => {
    if (queue.length === 0 || inFlight.size >= concurrency) {
      return;
    }
    const batch = queue.splice(0, options.maxBatch);
    const running = flush(batch).finally(() => {
      inFlight.delete(running);
      if (queue.length > 0 && !timer) {
        startFlush();
      }
    });
    inFlight.add(running);
  };

  async function flush(batch: Pending[]): Promise<void> {
    const results: unknown[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const item of batch) {
          results.push(await item.work(trx));
        }
      });
      committed(batch.length);
      batch.forEach((item, i) => item.resolve(results[i]));
      return;
    } catch {
      // fall through: retry each item alone so a single failure stays isolated
    }
    for (const item of batch) {
      try {
        const result = await db.transaction().execute((trx) => item.work(trx));
        committed(1);
        item.resolve(result);
      } catch (error) {
        item.reject(error);
      }
    }
  }

  return {
    run<T>(work: Work<T>): Promise<T> {
      if (closed) {
        return Promise.reject(new Error('group committer is closed'));
      }
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    async close() {
      closed = true;
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      while (queue.length > 0 || inFlight.size > 0) {
        startFlush();
        await Promise.race(inFlight);
      }
    },
    observe(listener) {
      listeners.push(listener);
    },
  };
}

/** One transaction per item, started at once; `close` waits for those in flight. */
function createPerRequestCommitter(
  db: Kysely<DB>,
  listeners: ((batchSize: number) => void)[],
  committed: (size: number) => void,
): GroupCommitter {
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  return {
    run<T>(work: Work<T>): Promise<T> {
      if (closed) {
        return Promise.reject(new Error('group committer is closed'));
      }
      const done = db
        .transaction()
        .execute(work)
        .then((result) => {
          committed(1);
          return result;
        });
      const tracked = done.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(tracked);
      void tracked.then(() => inFlight.delete(tracked));
      return done;
    },
    async close() {
      closed = true;
      await Promise.all([...inFlight]);
    },
    observe(listener) {
      listeners.push(listener);
    },
  };
}
