import { createHash } from 'node:crypto';

import { type Kysely, sql } from 'kysely';

import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import type { Actor } from './actor';
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

/** Recomputes the chain; returns the first broken sequence number, or null when intact. */
export async function verifyAuditChain(
  db: Kysely<DB>,
): Promise<{ rows: number; brokenAt: number | null }> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = GENESIS;
  for (const r of rows) {
    const { seq, prev_hash, hash, ...rest } = r;
    const content: Record<string, unknown> = { ...rest };
    delete content.id;
    if (prev_hash !== prev || hashOf(prev, seq, content) !== hash) {
      return { rows: rows.length, brokenAt: seq };
    }
    prev = hash;
  }
  return { rows: rows.length, brokenAt: null };
}

/**
 * `fannao audit verify`: checks the whole chain and writes one line — `ok` with the row count,
 * or the first broken sequence number (an edited row breaks its own hash, a deleted row the
 * next row's link). Returns the process exit code: 0 intact, 1 tampered.
 */
export async function auditVerifyCommand(
  db: Kysely<DB>,
  write: (line: string) => void,
  options: { json?: boolean } = {},
): Promise<number> {
  const result = await verifyAuditChain(db);
  const ok = result.brokenAt === null;
  if (options.json) {
    write(JSON.stringify({ ok, rows: result.rows, brokenAt: result.brokenAt }));
  } else if (ok) {
    write(`audit log ok: ${result.rows} rows, hash chain intact`);
  } else {
    const broken = result.brokenAt ?? 0;
    write(
      `audit log TAMPERED: first broken row seq ${broken} of ${result.rows} rows (edited, deleted or inserted at or before it)`,
    );
  }
  return ok ? 0 : 1;
}
