import type { Kysely } from 'kysely';

import type { DB } from '../db/schema';

type Work<T> = (trx: Kysely<DB>) => Promise<T>;

/** What a batch work answers for one item: its value, or an error for that item alone. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Work over many items at once, in the caller's transaction: one outcome per item, in order.
 * An item answered `{ ok: false }` must have written nothing (the others commit); throwing
 * rolls the whole batch back, and every item is then retried alone.
 */
export type BatchWork<I, R> = (trx: Kysely<DB>, items: I[]) => Promise<Outcome<R>[]>;

interface Pending {
  work: BatchWork<unknown, unknown>;
  item: unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitter {
  /** Runs `work` inside a shared transaction; resolves only after that transaction committed. */
  run<T>(work: Work<T>): Promise<T>;
  /**
   * Queues `item` for `work` (the same function for every item of a kind, e.g. intake): the
   * items of one batch that share a work go to it in one call, so it can read and write them
   * with a few statements per batch instead of a few per item. Resolves after the commit.
   */
  submit<I, R>(work: BatchWork<I, R>, item: I): Promise<R>;
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
    let outcomes: Outcome<unknown>[] | null = null;
    try {
      outcomes = await db.transaction().execute((trx) => runGroups(trx, batch));
    } catch {
      // fall through: retry each item alone so a single failure stays isolated
    }
    if (outcomes) {
      committed(batch.length);
      batch.forEach((item, i) => settle(item, outcomes[i]!));
      return;
    }
    for (const item of batch) {
      try {
        const [outcome] = await db.transaction().execute((trx) => item.work(trx, [item.item]));
        committed(1);
        settle(item, outcome!);
      } catch (error) {
        item.reject(error);
      }
    }
  }

  const enqueue = (pending: Pending) => {
    queue.push(pending);
    schedule();
  };

  return {
    run<T>(work: Work<T>): Promise<T> {
      return submitTo(closed, enqueue, single(work), undefined);
    },
    submit<I, R>(work: BatchWork<I, R>, item: I): Promise<R> {
      return submitTo(closed, enqueue, work, item);
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
  const start = <R>(work: BatchWork<unknown, R>, item: unknown): Promise<R> => {
    if (closed) {
      return Promise.reject(new Error('group committer is closed'));
    }
    const done = db
      .transaction()
      .execute((trx) => work(trx, [item]))
      .then(([outcome]) => {
        committed(1);
        if (!outcome!.ok) {
          throw outcome!.error;
        }
        return outcome!.value;
      });
    const tracked = done.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(tracked);
    void tracked.then(() => inFlight.delete(tracked));
    return done;
  };
  return {
    run<T>(work: Work<T>): Promise<T> {
      return start(single(work), undefined);
    },
    submit<I, R>(work: BatchWork<I, R>, item: I): Promise<R> {
      return start(work as BatchWork<unknown, R>, item);
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

/** A plain `run` work as a batch work of its own (one item, run as before). */
function single<T>(work: Work<T>): BatchWork<unknown, T> {
  return async (trx) => [{ ok: true, value: await work(trx) }];
}

function submitTo<I, R>(
  closed: boolean,
  enqueue: (pending: Pending) => void,
  work: BatchWork<I, R>,
  item: I,
): Promise<R> {
  if (closed) {
    return Promise.reject(new Error('group committer is closed'));
  }
  return new Promise<R>((resolve, reject) => {
    enqueue({
      work: work as BatchWork<unknown, unknown>,
      item,
      resolve: resolve as (v: unknown) => void,
      reject,
    });
  });
}

/**
 * Runs a batch in one transaction: the items of each work together (in the order the works
 * first appear), returning the outcomes in the batch's order.
 */
async function runGroups(trx: Kysely<DB>, batch: Pending[]): Promise<Outcome<unknown>[]> {
  const groups = new Map<BatchWork<unknown, unknown>, number[]>();
  batch.forEach((p, i) => {
    const group = groups.get(p.work);
    if (group) {
      group.push(i);
    } else {
      groups.set(p.work, [i]);
    }
  });
  const outcomes: Outcome<unknown>[] = new Array<Outcome<unknown>>(batch.length);
  for (const [work, indexes] of groups) {
    const out = await work(
      trx,
      indexes.map((i) => batch[i]!.item),
    );
    if (out.length !== indexes.length) {
      throw new Error('batch work answered a different number of outcomes');
    }
    indexes.forEach((i, k) => {
      outcomes[i] = out[k]!;
    });
  }
  return outcomes;
}

function settle(pending: Pending, outcome: Outcome<unknown>): void {
  if (outcome.ok) {
    pending.resolve(outcome.value);
  } else {
    pending.reject(outcome.error);
  }
}
