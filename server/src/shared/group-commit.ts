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
}

/**
 * Group commit (SPEC §10, reliability.md §2): one fsync costs milliseconds and better-sqlite3
 * blocks while it waits, so intake writes are collected for at most `maxWaitMs` (or `maxBatch`
 * items), committed in one transaction, and only then answered. If any item fails, the batch is
 * rolled back and every item is retried alone in its own transaction, so one bad item never
 * takes others down and nothing is answered before it is durable.
 */
export function createGroupCommitter(
  db: Kysely<DB>,
  options: { maxWaitMs: number; maxBatch: number },
): GroupCommitter {
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
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

  const startFlush = () => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) {
      return;
    }
    flushing = flushing.then(() => flush(batch));
  };

  async function flush(batch: Pending[]): Promise<void> {
    const results: unknown[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const item of batch) {
          results.push(await item.work(trx));
        }
      });
      batch.forEach((item, i) => item.resolve(results[i]));
      return;
    } catch {
      // fall through: retry each item alone so a single failure stays isolated
    }
    for (const item of batch) {
      try {
        item.resolve(await db.transaction().execute((trx) => item.work(trx)));
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
      startFlush();
      await flushing;
    },
  };
}
