import fs from 'node:fs';

import { beforeAll, describe, expect, it } from 'vitest';

import { buildCounty, buildUser, type TestUser } from '../../../test/factories';
import { useServiceWorld } from '../../../test/service-world';
import { type Actor, anonymousActor, systemActor } from '../../shared/actor';
import { appendAudit, verifyAuditChain } from '../../shared/audit';
import { exportAuditHead } from '../../shared/audit-heads';
import { createAuditService, maskIp } from './index';

/**
 * The audit service (等保 安全审计 / 安全管理中心) on SQLite and PostgreSQL: county scope, every
 * filter, keyset paging newest first, its own reads recorded once per search, chain
 * verification with the shared code (a tampered row, exported heads), the export in chain order.
 */

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const ctx = useServiceWorld('2026-03-02T09:00:00+08:00');

let service: ReturnType<typeof createAuditService>;
let auditor: TestUser;
let otherCountyUser: TestUser;

async function add(
  actor: Actor | null,
  action: string,
  o: {
    at: number;
    target?: [string, string];
    ip?: string | null;
    outcome?: 'success' | 'failure';
    detail?: Record<string, unknown>;
  },
) {
  await ctx.database.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.database.dialect, {
      actor,
      action,
      targetType: o.target?.[0],
      targetId: o.target?.[1],
      ip: o.ip === undefined ? '203.0.113.45' : o.ip,
      outcome: o.outcome ?? 'success',
      detail: o.detail,
      at: o.at,
    }),
  );
}

const seqsOf = (items: { seq: number }[]) => items.map((i) => i.seq);
const list = (filters: Parameters<typeof service.list>[1], before?: number, limit = 50) =>
  service.list(auditor.actor, filters, { before, limit, fullIp: false, ip: '10.0.0.9' });

beforeAll(async () => {
  service = createAuditService(ctx.sut.deps);
  auditor = ctx.users.auditor;
  const countyB = await buildCounty(ctx.database.db, T0);
  otherCountyUser = await buildUser(ctx.database.db, {
    role: 'admin',
    countyId: countyB.id,
    displayName: '外县管理员',
  });
  const { admin, staff } = ctx.users;
  // 24 rows of county A's admin and staff, one a minute, then rows without a user and one of
  // another county's admin.
  for (let i = 0; i < 24; i++) {
    await add(i % 2 ? staff.actor : admin.actor, i % 3 === 0 ? 'test.user_create' : 'test.login', {
      at: T0 + i * 60_000,
      target: ['user', `u${i % 4}`],
      outcome: i % 5 === 0 ? 'failure' : 'success',
      detail: { i },
    });
  }
  await add(null, 'test.login', {
    at: T0 + 30 * 60_000,
    outcome: 'failure',
    detail: { username: 'nobody' },
    ip: '2001:db8:85a3:8d3:1319:8a2e:370:7344',
  });
  await add(systemActor, 'test.job', { at: T0 + 31 * 60_000, ip: null });
  await add(otherCountyUser.actor, 'test.login', { at: T0 + 32 * 60_000 });
  await add({ ...anonymousActor, displayName: '百分号%下划线_' }, 'test.percent%_x', {
    at: T0 + 33 * 60_000,
  });
});

describe('maskIp', () => {
  it('hides the host part of IPv4 and IPv6 addresses', () => {
    expect(maskIp('203.0.113.45')).toBe('203.0.113.*');
    expect(maskIp('::ffff:192.168.1.20')).toBe('192.168.1.*');
    expect(maskIp('2001:db8:85a3:8d3:1319:8a2e:370:7344')).toBe('2001:db8:85a3:8d3:*');
    expect(maskIp('2001:0db8::1')).toBe('2001:db8:0:0:*');
    expect(maskIp('::1')).toBe('0:0:0:0:*');
    expect(maskIp('not-an-ip')).toBe('*');
    expect(maskIp(null)).toBeNull();
  });
});

describe('audit list', () => {
  it('shows the county’s users and the rows without a user, newest first, never another county', async () => {
    const page = await list({ action: 'test.' });
    const seqs = seqsOf(page.items);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page.items.some((i) => i.actorUserId === otherCountyUser.id)).toBe(false);
    expect(page.items.filter((i) => i.actorUserId === null).map((i) => i.actorLabel)).toEqual(
      expect.arrayContaining(['系统', '百分号%下划线_']),
    );
    expect(page.items).toHaveLength(24 + 3);
    const first = page.items.find((i) => i.action === 'test.login' && i.actorUserId !== null)!;
    expect(first).toMatchObject({
      actorUsername: expect.any(String),
      actorRole: expect.stringMatching(/^(admin|staff)$/),
      ip: '203.0.113.*',
      targetType: 'user',
      detail: { i: expect.any(Number) },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const v6 = page.items.find((i) => i.detail?.username === 'nobody')!;
    expect(v6.ip).toBe('2001:db8:85a3:8d3:*');
    expect(page.items.find((i) => i.action === 'test.job')!.ip).toBeNull();
  });

  it('pages by keyset: every row once, in order, with nextBefore', async () => {
    const all = seqsOf((await list({ action: 'test.' })).items);
    const seen: number[] = [];
    let before: number | undefined;
    for (let n = 0; n < 10; n++) {
      const page = await list({ action: 'test.' }, before, 10);
      seen.push(...seqsOf(page.items));
      if (page.nextBefore === null) {
        break;
      }
      expect(page.nextBefore).toBe(page.items.at(-1)!.seq);
      before = page.nextBefore;
    }
    expect(seen).toEqual(all);
  });

  it('filters by time, actor, action prefix, target and outcome', async () => {
    const { admin, staff } = ctx.users;
    const window = await list({
      action: 'test.',
      from: T0 + 5 * 60_000,
      to: T0 + 10 * 60_000,
    });
    expect(window.items.map((i) => i.at).sort()).toEqual(
      [5, 6, 7, 8, 9].map((m) => T0 + m * 60_000),
    );
    const byId = await list({ action: 'test.', actor: admin.id });
    expect(byId.items).toHaveLength(12);
    expect(new Set(byId.items.map((i) => i.actorUserId))).toEqual(new Set([admin.id]));
    const byName = await list({ action: 'test.', actor: 'staff用' });
    expect(new Set(byName.items.map((i) => i.actorUserId))).toEqual(new Set([staff.id]));
    const byUsername = await list({ action: 'test.', actor: staff.username });
    expect(byUsername.items).toHaveLength(12);
    const created = await list({ action: 'test.user_' });
    expect(created.items).toHaveLength(8);
    expect(created.items.every((i) => i.action === 'test.user_create')).toBe(true);
    // `%` and `_` in a prefix are literal, not wildcards.
    expect((await list({ action: 'test.percent%_' })).items).toHaveLength(1);
    expect((await list({ action: 'test.p_rcent' })).items).toHaveLength(0);
    const target = await list({ action: 'test.', targetType: 'user', targetId: 'u1' });
    expect(target.items).toHaveLength(6);
    const failures = await list({ action: 'test.', outcome: 'failure' });
    expect(failures.items.every((i) => i.outcome === 'failure')).toBe(true);
    expect(failures.items).toHaveLength(5 + 1);
  });

  it('records a search once (its first page), with its filters, not each further page', async () => {
    const reads = async () =>
      (await list({ action: 'audit.read' })).items.filter((i) => i.actorUserId === auditor.id);
    const before = (await reads()).length;
    const first = await list({ action: 'test.', outcome: 'failure' }, undefined, 2);
    expect(first.items.some((i) => i.action === 'audit.read')).toBe(false);
    await list({ action: 'test.', outcome: 'failure' }, first.nextBefore!, 2);
    await list({ action: 'test.', outcome: 'failure' }, first.nextBefore!, 2);
    const after = await reads();
    // The first call above, and each `reads()` call (a first page) — scrolling added none.
    expect(after.length - before).toBe(2);
    expect(after[0]!.detail).toEqual({ filters: { action: 'test.', outcome: 'failure' } });
    expect(after[0]!).toMatchObject({
      targetType: 'audit_log',
      outcome: 'success',
      ip: '10.0.0.*',
    });
    expect(after[1]!.detail).toEqual({ filters: { action: 'audit.read' } });
  });

  it('shows full addresses on request and records that it did', async () => {
    const page = await service.list(
      auditor.actor,
      { action: 'test.login' },
      { limit: 5, fullIp: true, ip: '10.0.0.9' },
    );
    expect(page.items.filter((i) => i.actorUserId !== null)[0]!.ip).toBe('203.0.113.45');
    const read = (await list({ action: 'audit.read', actor: auditor.id })).items[0]!;
    expect(read.detail).toEqual({ filters: { action: 'test.login' }, fullIp: true });
  });
});

describe('audit verify', () => {
  it('reports an intact chain with its head, recorded as audit.verify', async () => {
    const last = await ctx.database.db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const result = await service.verify(auditor.actor, '10.0.0.9');
    expect(result).toMatchObject({
      ok: true,
      checked: expect.any(Number),
      lastSeq: last.seq,
      lastHash: last.hash,
      heads: { checked: 0, mismatches: [] },
    });
    expect(result).not.toHaveProperty('brokenAt');
    const recorded = (await list({ action: 'audit.verify' })).items[0]!;
    expect(recorded.detail).toMatchObject({ ok: true, lastSeq: last.seq });
  });

  it('names the first tampered row, then verifies again once it is restored', async () => {
    const victim = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'test.user_create')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await ctx.database.db
      .updateTable('audit_log')
      .set({ outcome: victim.outcome === 'success' ? 'failure' : 'success' })
      .where('id', '=', victim.id)
      .execute();
    const broken = await service.verify(auditor.actor, null);
    expect(broken).toMatchObject({ ok: false, brokenAt: victim.seq });
    expect((await list({ action: 'audit.verify' })).items[0]!.detail).toMatchObject({
      ok: false,
      brokenAt: victim.seq,
    });
    await ctx.database.db
      .updateTable('audit_log')
      .set({ outcome: victim.outcome })
      .where('id', '=', victim.id)
      .execute();
    expect((await service.verify(auditor.actor, null)).ok).toBe(true);
  });

  it('checks the exported heads: a rewritten head and an unreadable file are not ok', async () => {
    const file = ctx.sut.deps.config.auditHeadFile;
    const head = (await exportAuditHead(ctx.database.db, file, ctx.clock.now()))!;
    expect(await service.verify(auditor.actor, null)).toMatchObject({
      ok: true,
      heads: { checked: 1, mismatches: [] },
    });
    fs.writeFileSync(
      file,
      `${JSON.stringify({ seq: head.seq, hash: 'f'.repeat(64), at: head.at, exportedAt: head.at })}\n`,
    );
    expect(await service.verify(auditor.actor, null)).toMatchObject({
      ok: false,
      heads: { checked: 1, mismatches: [{ seq: head.seq, expected: 'f'.repeat(64) }] },
    });
    fs.writeFileSync(file, 'not json\n');
    expect(await service.verify(auditor.actor, null)).toMatchObject({
      ok: false,
      heads: { checked: 0, unreadable: true },
    });
    fs.rmSync(file);
    expect((await verifyAuditChain(ctx.database.db)).brokenAt).toBeNull();
  });
});

describe('audit export', () => {
  it('streams the matching rows in chain order up to the head, and records the export first', async () => {
    const plan = await service.exportPlan(
      auditor.actor,
      { action: 'test.', outcome: 'failure' },
      { fullIp: false, ip: '10.0.0.9' },
    );
    const rows = [];
    for await (const r of plan.rows()) {
      rows.push(r);
    }
    expect(plan.headers[0]).toBe('序号');
    expect(rows).toHaveLength(6);
    const seqs = rows.map((r) => r[0] as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(rows.every((r) => r[9] === '失败')).toBe(true);
    expect(rows.find((r) => r[3] === ctx.users.admin.username)![4]).toBe('系统管理员');
    expect(rows.every((r) => r[8] === null || String(r[8]).endsWith('*'))).toBe(true);
    const recorded = (await list({ action: 'audit.export' })).items[0]!;
    expect(recorded.detail).toMatchObject({
      format: 'csv',
      filters: { action: 'test.', outcome: 'failure' },
      upToSeq: expect.any(Number),
    });
    expect(recorded.seq).toBe((recorded.detail!.upToSeq as number) + 1);
  });
});
