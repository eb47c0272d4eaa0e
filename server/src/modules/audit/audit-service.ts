import { isIP } from 'node:net';

import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { appendAudit, auditChainHead, type ChainHead, verifyAuditChain } from '../../shared/audit';
import { readAuditHeads } from '../../shared/audit-heads';
import { formatLocal, localDay } from '../../shared/business-time';
import { ROLE_LABELS } from '../../shared/role-labels';
import type { TableCell } from '../exports';
import { type AuditFilter, type AuditRow, createAuditRepository } from './audit-repository';

/** Rows per query while exporting (streamed, never the whole trail in memory). */
const EXPORT_PAGE = 1000;

/**
 * A client address with its host part hidden (PIPL: an address is personal information): IPv4
 * keeps three octets (`203.0.113.*`), IPv6 its /64 network prefix (`2001:db8:85a3:8d3:*` — the
 * last 64 bits identify the device, so hiding one 16-bit group would hide nothing), an
 * IPv4-mapped IPv6 address is masked as IPv4. Anything else is hidden whole.
 */
export function maskIp(ip: string | null): string | null {
  if (ip === null || ip === '') {
    return ip;
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = mapped ? mapped[1]! : ip;
  if (isIP(v4) === 4) {
    return `${v4.slice(0, v4.lastIndexOf('.'))}.*`;
  }
  if (isIP(ip) === 6) {
    return `${expandIpv6(ip).slice(0, 4).join(':')}:*`;
  }
  return '*';
}

/** The eight groups of an IPv6 address (`::` expanded, leading zeros dropped, zone removed). */
function expandIpv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = ip.includes('::') && tail !== '' ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return groups.map((g) => (g.includes('.') ? g : g.replace(/^0+(?=.)/, '').toLowerCase()));
}

function parseDetail(text: string | null): Record<string, unknown> | null {
  if (text === null) {
    return null;
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { raw: text };
  }
}

/** The filters as recorded in the trail (only those given). */
function filtersOf(f: AuditFilter): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
}

type AuditDeps = Pick<Deps, 'db' | 'dialect' | 'clock' | 'config'>;

/**
 * The audit administrator's view of the tamper-evident trail (等保 安全管理中心 / 安全审计):
 * list with filters and keyset paging, chain verification (the CLI's code), CSV export. Only
 * `audit.read` (the auditor) reaches it; reading is itself recorded — once per search (its first
 * page; scrolling further is the same search), once per verification, once per export — and a
 * refused attempt by another role is recorded as a failed `audit.read`.
 */
export function createAuditService(deps: AuditDeps) {
  const { db, dialect, clock, config } = deps;
  const repo = createAuditRepository(db);

  const record = (
    actor: Actor,
    action: string,
    ip: string | null,
    detail: Record<string, unknown>,
    outcome: 'success' | 'failure' = 'success',
  ) =>
    db.transaction().execute((trx) =>
      appendAudit(trx, dialect, {
        actor,
        action,
        targetType: 'audit_log',
        ip,
        outcome,
        detail,
        at: clock.now(),
      }),
    );

  const present = (r: AuditRow, fullIp: boolean) => ({
    seq: r.seq,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorLabel: r.actor_label,
    actorUsername: r.actor_username,
    actorRole: r.actor_role,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    ip: fullIp ? r.ip : maskIp(r.ip),
    outcome: r.outcome,
    detail: parseDetail(r.detail),
    hash: r.hash,
  });

  return {
    /**
     * One page, newest first. The first page of a search (no `before`) is recorded as
     * `audit.read` after it was read, so the answer shows the trail as it was before the read.
     */
    async list(
      actor: Actor,
      f: AuditFilter,
      o: { before?: number; limit: number; fullIp: boolean; ip: string | null },
    ) {
      const rows = await repo.page(actor.countyId ?? '', f, {
        order: 'desc',
        before: o.before,
        limit: o.limit + 1,
      });
      const items = rows.slice(0, o.limit).map((r) => present(r, o.fullIp));
      if (o.before === undefined) {
        await record(actor, 'audit.read', o.ip, {
          filters: filtersOf(f),
          ...(o.fullIp ? { fullIp: true } : {}),
        });
      }
      return {
        items,
        nextBefore: rows.length > o.limit ? (items[items.length - 1]?.seq ?? null) : null,
      };
    },

    /**
     * Recomputes the whole chain (shared/audit.ts, page by page like `fannao audit verify`)
     * and checks the heads exported to AUDIT_HEAD_FILE; recorded as `audit.verify`.
     */
    async verify(actor: Actor, ip: string | null) {
      let heads: ChainHead[] = [];
      let unreadable = false;
      try {
        heads = readAuditHeads(config.auditHeadFile);
      } catch {
        // A heads file that no longer parses is itself a finding: the chain is still checked.
        unreadable = true;
      }
      const report = await verifyAuditChain(db, heads);
      const ok = report.brokenAt === null && report.headMismatches.length === 0 && !unreadable;
      const result = {
        ok,
        checked: report.rows,
        lastSeq: report.last?.seq ?? null,
        lastHash: report.last?.hash ?? null,
        ...(report.brokenAt === null ? {} : { brokenAt: report.brokenAt }),
        heads: {
          checked: heads.length,
          mismatches: report.headMismatches,
          ...(unreadable ? { unreadable: true } : {}),
        },
        verifiedAt: clock.now(),
      };
      await record(actor, 'audit.verify', ip, {
        ok,
        checked: report.rows,
        lastSeq: result.lastSeq,
        ...(report.brokenAt === null ? {} : { brokenAt: report.brokenAt }),
        ...(report.headMismatches.length > 0
          ? { headMismatches: report.headMismatches.map((m) => m.seq) }
          : {}),
        ...(unreadable ? { headsUnreadable: true } : {}),
      });
      return result;
    },

    /**
     * The CSV export: every matching row up to the head at the time of the request, oldest
     * first (chain order). Recorded as `audit.export` before the first byte; the export does
     * not contain its own record.
     */
    async exportPlan(actor: Actor, f: AuditFilter, o: { fullIp: boolean; ip: string | null }) {
      const upTo = (await auditChainHead(db))?.seq ?? 0;
      await record(actor, 'audit.export', o.ip, {
        format: 'csv',
        filters: filtersOf(f),
        upToSeq: upTo,
        ...(o.fullIp ? { fullIp: true } : {}),
      });
      const countyId = actor.countyId ?? '';
      return {
        fileBase: `审计日志-${localDay(clock.now()).replace(/-/g, '')}`,
        sheet: '审计日志',
        /** Addresses in full (`fullIp`): the export was recorded with that flag. */
        unmasked: o.fullIp,
        headers: [
          '序号',
          '时间',
          '操作人',
          '用户名',
          '角色',
          '操作',
          '对象类型',
          '对象ID',
          'IP',
          '结果',
          '详情',
          '哈希',
        ],
        async *rows(): AsyncGenerator<TableCell[]> {
          for (let after = 0; ;) {
            const page = await repo.page(countyId, f, {
              order: 'asc',
              after,
              upTo,
              limit: EXPORT_PAGE,
            });
            for (const r of page) {
              yield [
                r.seq,
                formatLocal(r.at),
                r.actor_label,
                r.actor_username,
                r.actor_role === null ? null : ROLE_LABELS[r.actor_role],
                r.action,
                r.target_type,
                r.target_id,
                o.fullIp ? r.ip : maskIp(r.ip),
                r.outcome === 'success' ? '成功' : '失败',
                r.detail,
                r.hash,
              ];
            }
            if (page.length < EXPORT_PAGE) {
              return;
            }
            after = page[page.length - 1]!.seq;
          }
        },
      };
    },

    /** A refused attempt to read the trail (another role than the auditor): `audit.read` failure. */
    async recordDenied(actor: Actor, route: string, ip: string | null) {
      await record(actor, 'audit.read', ip, { route, reason: 'forbidden' }, 'failure');
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
