import { createHash } from 'node:crypto';

import { type Kysely, sql } from 'kysely';

import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import type { Actor } from './actor';
import type { Clock } from './clock';
import { newId } from './ids';

export interface AuditEntry {
  actor: Actor | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  outcome: 'success' | 'failure';
  detail?: Record<string, unknown>;
  at: number;
}

const GENESIS = '0'.repeat(64);

function hashOf(prevHash: string, seq: number, row: Record<string, unknown>): string {
  return createHash('sha256')
    .update(`${prevHash}|${seq}|${JSON.stringify(row, Object.keys(row).sort())}`)
    .digest('hex');
}

/**
 * Appends a tamper-evident audit record (SPEC §10, 等保 安全审计): each row carries the SHA-256
 * of the previous row's hash and its own content. Must run inside a transaction.
 */
export async function appendAudit(
  db: Kysely<DB>,
  dialect: Dialect,
  entry: AuditEntry,
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext('fannao.audit_log'))`.execute(db);
  }
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  const row = {
    at: entry.at,
    actor_user_id: entry.actor?.userId ?? null,
    actor_label: entry.actor?.displayName ?? '系统',
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    ip: entry.ip ?? null,
    outcome: entry.outcome,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
  await db
    .insertInto('audit_log')
    .values({ id: newId(), seq, prev_hash: prevHash, hash: hashOf(prevHash, seq, row), ...row })
    .execute();
}

/**
 * An audit writer bound to a database (accounts, TOTP): each record in a short transaction of
 * its own, stamped with the clock's time.
 */
export function createAuditWriter(deps: { db: Kysely<DB>; dialect: Dialect; clock: Clock }) {
  return (
    actor: Actor | null,
    action: string,
    outcome: 'success' | 'failure',
    ip: string | null,
    detail?: Record<string, unknown>,
    /** The record acted on (a user for user management), filterable in the audit view. */
    target?: { type: string; id: string },
  ): Promise<void> =>
    deps.db.transaction().execute((trx) =>
      appendAudit(trx, deps.dialect, {
        actor,
        action,
        outcome,
        ip,
        detail,
        targetType: target?.type,
        targetId: target?.id,
        at: deps.clock.now(),
      }),
    );
}

/** The last row of the chain: what a daily export keeps outside the database. */
export interface ChainHead {
  seq: number;
  hash: string;
  at: number;
}

export async function auditChainHead(db: Kysely<DB>): Promise<ChainHead | null> {
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash', 'at'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ? { seq: last.seq, hash: last.hash, at: last.at } : null;
}

/** Rows read per page while verifying (the log grows for years; it is never loaded whole). */
const VERIFY_PAGE = 5000;

export interface ChainReport {
  rows: number;
  /** The first row whose link or content does not match, or null. */
  brokenAt: number | null;
  /** The last row checked (the head at the time of the check), or null for an empty log. */
  last: { seq: number; hash: string } | null;
  /**
   * Exported heads the database no longer matches: the row is gone (the log was cut at its
   * end, which the chain alone cannot show) or has another hash (the chain was rewritten).
   */
  headMismatches: { seq: number; expected: string; found: string | null }[];
}

/**
 * Recomputes the chain page by page and checks it against heads exported earlier
 * (audit-heads.ts). Without heads only edits, deletions and insertions inside the chain show.
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  heads: readonly ChainHead[] = [],
): Promise<ChainReport> {
  const wanted = new Map(heads.map((h) => [h.seq, h.hash]));
  const seen = new Map<number, string>();
  let prev = GENESIS;
  let rows = 0;
  let brokenAt: number | null = null;
  let last: ChainReport['last'] = null;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(VERIFY_PAGE)
      .execute();
    for (const r of page) {
      const { seq, prev_hash, hash, ...rest } = r;
      const content: Record<string, unknown> = { ...rest };
      delete content.id;
      if (brokenAt === null && (prev_hash !== prev || hashOf(prev, seq, content) !== hash)) {
        brokenAt = seq;
      }
      if (wanted.has(seq)) {
        seen.set(seq, hash);
      }
      prev = hash;
      after = seq;
      last = { seq, hash };
    }
    rows += page.length;
    if (page.length < VERIFY_PAGE) {
      break;
    }
  }
  const headMismatches = [...wanted]
    .filter(([seq, hash]) => seen.get(seq) !== hash)
    .map(([seq, expected]) => ({ seq, expected, found: seen.get(seq) ?? null }));
  return { rows, brokenAt, last, headMismatches };
}

/**
 * `fannao audit verify`: checks the whole chain, and the exported heads when there are any, and
 * writes one line — `ok` with the row count, or what is wrong (an edited row breaks its own
 * hash, a deleted row the next row's link, a cut-off end or a rewritten chain an exported head).
 * Returns the process exit code: 0 intact, 1 tampered.
 */
export async function auditVerifyCommand(
  db: Kysely<DB>,
  write: (line: string) => void,
  options: { json?: boolean; heads?: readonly ChainHead[] } = {},
): Promise<number> {
  const heads = options.heads ?? [];
  const result = await verifyAuditChain(db, heads);
  const ok = result.brokenAt === null && result.headMismatches.length === 0;
  if (options.json) {
    write(JSON.stringify({ ok, heads: heads.length, ...result }));
  } else if (ok) {
    write(
      `audit log ok: ${result.rows} rows, hash chain intact` +
        (heads.length > 0 ? `, ${heads.length} exported heads match` : ''),
    );
  } else if (result.brokenAt !== null) {
    write(
      `audit log TAMPERED: first broken row seq ${result.brokenAt} of ${result.rows} rows (edited, deleted or inserted at or before it)`,
    );
  } else {
    const m = result.headMismatches[0]!;
    write(
      `audit log TAMPERED: exported head seq ${m.seq} ` +
        (m.found === null
          ? `is missing (the log ends at ${result.rows} rows: cut off after the export)`
          : `has another hash (the chain was rewritten)`),
    );
  }
  return ok ? 0 : 1;
}
