import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_DIALECT, TEST_PG_URL } from '../../test/test-db';
import { prepareDatabase } from '../bootstrap';
import { createDatabase, type Database } from '../db/database';
import { anonymousActor } from '../shared/actor';
import { appendAudit, auditVerifyCommand, verifyAuditChain } from '../shared/audit';
import { exportAuditHead, readAuditHeads } from '../shared/audit-heads';
import { systemClock } from '../shared/clock';

/**
 * The tamper-evident audit log (issue 8; 等保 安全审计, SPEC §10): `fannao audit verify`
 * recomputes the hash chain and names the first broken row; an edited row and a deleted row are
 * both detected, by the function and by the command in a child process (exit code 1).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);

let database: Database;
let dataDir: string;
let cliEnv: Record<string, string>;
let dropSchema: (() => Promise<void>) | null = null;

beforeAll(async () => {
  // The database the CLI opens from its environment: DATA_DIR/fannao.sqlite or DATABASE_URL.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fannao-audit-'));
  cliEnv = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', JOBS_ENABLED: 'false' };
  if (TEST_DIALECT === 'postgres') {
    const schema = `t_audit_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    database = createDatabase({ client: 'postgres', url: TEST_PG_URL, schema, poolSize: 2 });
    const url = new URL(TEST_PG_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    cliEnv.DATABASE_URL = url.toString();
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  } else {
    database = createDatabase({ client: 'sqlite', file: path.join(dataDir, 'fannao.sqlite') });
  }
  await prepareDatabase(database, systemClock);
  for (let i = 1; i <= 6; i++) {
    await database.db.transaction().execute((trx) =>
      appendAudit(trx, database.dialect, {
        actor: { ...anonymousActor, displayName: `审计测试${i}` },
        action: 'test.event',
        targetType: 'test',
        targetId: `t${i}`,
        ip: '127.0.0.1',
        outcome: i % 2 ? 'success' : 'failure',
        detail: { i },
        at: 1_700_000_000_000 + i,
      }),
    );
  }
}, 120_000);
afterAll(async () => {
  await database.close();
  await dropSchema?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function cli(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      [path.join(root, 'bin/fannao.mjs'), 'audit', 'verify'],
      { cwd: root, env: { ...process.env, ...cliEnv }, timeout: 60_000 },
    );
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') {
      throw error;
    }
    return { code: e.code, stdout: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

async function command(): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await auditVerifyCommand(database.db, (l) => lines.push(l));
  return { code, lines };
}

const rowsFrom = async () =>
  database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

// The CLI runs once, in a child process (tsx start-up is slow on the shared 2-core machine); the
// other cases call the same command function in-process.
describe('audit verify', () => {
  it('reports an intact chain: exit code 0', async () => {
    const rows = await rowsFrom();
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const last = { seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash };
    expect(await verifyAuditChain(database.db)).toEqual({
      rows: rows.length,
      brokenAt: null,
      last,
      headMismatches: [],
    });
    const json: string[] = [];
    expect(await auditVerifyCommand(database.db, (l) => json.push(l), { json: true })).toBe(0);
    expect(JSON.parse(json[0]!)).toEqual({
      ok: true,
      heads: 0,
      rows: rows.length,
      brokenAt: null,
      last,
      headMismatches: [],
    });
    const c = await command();
    expect(c).toEqual({ code: 0, lines: [`audit log ok: ${rows.length} rows, hash chain intact`] });
  });

  it('detects an edited row and names it (function, command and CLI exit 1)', async () => {
    const rows = await rowsFrom();
    const victim = rows.find((r) => r.action === 'test.event' && r.target_id === 't3')!;
    await database.db
      .updateTable('audit_log')
      .set({ outcome: 'success', actor_label: '被篡改' })
      .where('id', '=', victim.id)
      .execute();
    expect((await verifyAuditChain(database.db)).brokenAt).toBe(victim.seq);
    const c = await command();
    expect(c.code).toBe(1);
    expect(c.lines[0]).toContain(`seq ${victim.seq}`);
    const out = await cli();
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`first broken row seq ${victim.seq}`);
    // Restored to its original content, the chain verifies again.
    await database.db
      .updateTable('audit_log')
      .set({ outcome: victim.outcome, actor_label: victim.actor_label })
      .where('id', '=', victim.id)
      .execute();
    expect((await verifyAuditChain(database.db)).brokenAt).toBeNull();
  }, 90_000);

  it('detects a row whose hash was recomputed by the tamperer (the next link breaks)', async () => {
    const rows = await rowsFrom();
    const victim = rows.find((r) => r.target_id === 't2')!;
    await database.db
      .updateTable('audit_log')
      .set({ hash: 'f'.repeat(64) })
      .where('id', '=', victim.id)
      .execute();
    expect((await verifyAuditChain(database.db)).brokenAt).toBe(victim.seq);
    await database.db
      .updateTable('audit_log')
      .set({ hash: victim.hash })
      .where('id', '=', victim.id)
      .execute();
    expect((await verifyAuditChain(database.db)).brokenAt).toBeNull();
  });

  it('detects a deleted row at the row that followed it (function and command, exit code 1)', async () => {
    const rows = await rowsFrom();
    const victim = rows.find((r) => r.target_id === 't4')!;
    const next = rows.find((r) => r.seq > victim.seq)!;
    await database.db.deleteFrom('audit_log').where('id', '=', victim.id).execute();
    expect(await verifyAuditChain(database.db)).toEqual({
      rows: rows.length - 1,
      brokenAt: next.seq,
      last: { seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash },
      headMismatches: [],
    });
    const c = await command();
    expect(c.code).toBe(1);
    expect(c.lines[0]).toContain(`first broken row seq ${next.seq}`);
  });

  it('detects a deleted first row', async () => {
    const rows = await rowsFrom();
    await database.db.deleteFrom('audit_log').where('id', '=', rows[0]!.id).execute();
    const result = await verifyAuditChain(database.db);
    expect(result.brokenAt).toBe(rows[1]!.seq);
  });
});

/** A fresh chain of `n` rows (the cases above leave the log broken on purpose). */
async function freshChain(n: number, label: string) {
  await database.db.deleteFrom('audit_log').execute();
  for (let i = 1; i <= n; i++) {
    await database.db.transaction().execute((trx) =>
      appendAudit(trx, database.dialect, {
        actor: { ...anonymousActor, displayName: `${label}${i}` },
        action: 'test.event',
        outcome: 'success',
        detail: { i },
        at: 1_700_000_100_000 + i,
      }),
    );
  }
}

describe('exported chain heads', () => {
  it('exports the head once per change, and verify checks it', async () => {
    await freshChain(5, '导出');
    const file = path.join(dataDir, 'heads', 'audit-heads.ndjson');
    const head = await exportAuditHead(database.db, file, 1_700_000_200_000);
    expect(head?.seq).toBeGreaterThan(0);
    await exportAuditHead(database.db, file, 1_700_000_200_001);
    expect(readAuditHeads(file)).toEqual([head]);
    const lines: string[] = [];
    const heads = readAuditHeads(file);
    expect(await auditVerifyCommand(database.db, (l) => lines.push(l), { heads })).toBe(0);
    expect(lines[0]).toContain('1 exported heads match');
  });

  it('detects a log cut off after the export, which the chain alone cannot show', async () => {
    await freshChain(6, '截断');
    const file = path.join(dataDir, 'cut.ndjson');
    const head = (await exportAuditHead(database.db, file, 1_700_000_300_000))!;
    await database.db
      .deleteFrom('audit_log')
      .where('seq', '>', head.seq - 2)
      .execute();
    // The remaining rows still link up…
    expect((await verifyAuditChain(database.db)).brokenAt).toBeNull();
    // …but the exported head is gone.
    expect(await verifyAuditChain(database.db, readAuditHeads(file))).toMatchObject({
      brokenAt: null,
      headMismatches: [{ seq: head.seq, expected: head.hash, found: null }],
    });
    const lines: string[] = [];
    const code = await auditVerifyCommand(database.db, (l) => lines.push(l), {
      heads: readAuditHeads(file),
    });
    expect(code).toBe(1);
    expect(lines[0]).toContain(`exported head seq ${head.seq} is missing`);
  });

  it('detects a chain rewritten with fresh hashes', async () => {
    await freshChain(4, '原始');
    const file = path.join(dataDir, 'rewrite.ndjson');
    const head = (await exportAuditHead(database.db, file, 1_700_000_400_000))!;
    // The tamperer replaces the whole history with a consistent forged one of the same length.
    await freshChain(4, '伪造');
    expect((await verifyAuditChain(database.db)).brokenAt).toBeNull();
    const result = await verifyAuditChain(database.db, readAuditHeads(file));
    expect(result.headMismatches).toHaveLength(1);
    expect(result.headMismatches[0]!.found).not.toBe(head.hash);
    const json: string[] = [];
    expect(
      await auditVerifyCommand(database.db, (l) => json.push(l), {
        json: true,
        heads: readAuditHeads(file),
      }),
    ).toBe(1);
    expect(JSON.parse(json[0]!)).toMatchObject({ ok: false, heads: 1, brokenAt: null });
  });

  it('refuses a heads file with a malformed line', () => {
    const file = path.join(dataDir, 'bad.ndjson');
    fs.writeFileSync(file, '{"seq":1,"hash":"abc","at":1,"exportedAt":1}\n');
    expect(() => readAuditHeads(file)).toThrow(/not an audit head line/);
  });
});
