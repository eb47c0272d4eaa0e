import type { Role } from '../../../../common/enums';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { appendAudit } from '../../shared/audit';
import { formatLocal, localDay } from '../../shared/business-time';
import { forbidden } from '../../shared/errors';
import { maskName, maskPhone } from '../../shared/field-crypto';
import { label } from '../../shared/messages';
import { can } from '../../shared/permissions';
import { ROLE_LABELS } from '../../shared/role-labels';
import { communityScopeOf } from '../directory';
import type { IndexQuery, IndexService } from '../indices';
import {
  createExportReadModel,
  EXPORT_PAGE,
  type ProblemExportFilter,
  type TroubleExportFilter,
} from './export-read-model';
import type { TableCell } from './table-writer';

/** A list ready to stream: file name, sheet, headers and a row generator. */
export interface TablePlan {
  fileBase: string;
  sheet: string;
  headers: string[];
  rows: () => AsyncGenerator<TableCell[]>;
  /** True when personal data is in clear (the export was audited). */
  unmasked: boolean;
}

const CHANNELS: Record<string, string> = {
  online: '线上自助',
  qr: '扫码',
  visit: '企业走访',
  forum: '座谈会/夜诊',
  survey: '问卷调查',
  hotline: '电话',
  council: '职工议事会',
  grid: '网格员',
  import: '导入',
  open311: 'Open311',
};
const REPORTERS: Record<string, string> = {
  worker: '职工',
  enterprise: '企业',
  anonymous: '匿名',
  staff: '工作人员代报',
};
const SIZES: Record<string, string> = {
  micro: '微型',
  small: '小型',
  medium: '中型',
  large: '大型',
};
const time = (ms: number | null) => (ms === null ? null : formatLocal(ms));

/** 36**************12 — region and last digits only (GB/T 35273 display restriction). */
export function maskIdNumber(id: string): string {
  return id.length < 8
    ? '*'.repeat(id.length)
    : `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`;
}

async function* pages<T extends { id: string }>(
  fetch: (after: string) => Promise<T[]>,
): AsyncGenerator<T> {
  for (let after = ''; ;) {
    const page = await fetch(after);
    yield* page;
    if (page.length < EXPORT_PAGE) {
      return;
    }
    after = page[page.length - 1]!.id;
  }
}

/**
 * Exports of the lists and index tables (issue 7, SPEC §9): the same filters and scope as the
 * lists. Phone and identity numbers are masked — and names shown only for reporters who gave
 * them — unless the actor holds `personal.unmask` (admins) and did not ask for `mask=true`;
 * every unmasked export is written to the tamper-evident audit log before the first byte.
 */
export function createExportService(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'crypto'> & { indices: IndexService },
) {
  const { db, dialect, clock, crypto, indices } = deps;
  const read = createExportReadModel(db);
  const today = () => localDay(clock.now()).replace(/-/g, '');

  async function unmasking(
    actor: Actor,
    list: string,
    o: { mask?: boolean; format: string; ip: string | null; filters: unknown },
  ): Promise<boolean> {
    if (o.mask === true || !can(actor, 'personal.unmask')) {
      return false;
    }
    await db.transaction().execute((trx) =>
      appendAudit(trx, dialect, {
        actor,
        action: 'export.unmasked',
        targetType: list,
        ip: o.ip,
        outcome: 'success',
        detail: { format: o.format, filters: o.filters },
        at: clock.now(),
      }),
    );
    return true;
  }

  const phone = (enc: string | null, clear: boolean) =>
    enc ? (clear ? crypto.decrypt(enc) : maskPhone(crypto.decrypt(enc))) : null;

  type Opts = { mask?: boolean; format: string; ip: string | null };

  return {
    async troubles(actor: Actor, f: TroubleExportFilter, o: Opts): Promise<TablePlan> {
      const clear = await unmasking(actor, 'troubles', { ...o, filters: f });
      return {
        fileBase: `烦恼列表-${today()}`,
        sheet: '烦恼列表',
        unmasked: clear,
        headers: [
          '查询码',
          '社区',
          '企业',
          '反映人类型',
          '反映人',
          '联系电话',
          '渠道',
          '标题',
          '内容',
          '分类',
          '轻重',
          '缓急',
          '涉及人数',
          '优先级',
          '状态',
          '类问题编号',
          '反映时间',
          '办结时间',
        ],
        async *rows() {
          for await (const t of pages((after) => read.troubles(actor, f, after))) {
            const anonymous = t.reporter_type === 'anonymous';
            yield [
              t.code,
              t.community_name,
              t.enterprise_name,
              REPORTERS[t.reporter_type] ?? t.reporter_type,
              anonymous
                ? '匿名'
                : t.reporter_name && !clear
                  ? maskName(t.reporter_name)
                  : t.reporter_name,
              anonymous ? null : phone(t.reporter_phone_enc, clear),
              CHANNELS[t.channel] ?? t.channel,
              t.title,
              t.body,
              t.category_name,
              t.severity === 'major' ? '重' : '轻',
              t.urgency === 'urgent' ? '急' : '缓',
              t.workers_affected,
              t.priority,
              label(t.status, 'zh-CN'),
              t.problem_code,
              time(t.received_at),
              time(t.closed_at),
            ];
          }
        },
      };
    },

    problems(actor: Actor, f: ProblemExportFilter): TablePlan {
      if (!can(actor, 'problem.read')) {
        throw forbidden('problem.read');
      }
      return {
        fileBase: `类问题列表-${today()}`,
        sheet: '类问题',
        unmasked: false,
        headers: [
          '编号',
          '社区',
          '标题',
          '分类',
          '状态',
          '优先级',
          '轻重',
          '缓急',
          '涉及人数',
          '烦恼数',
          '受理时间',
          '协调期限',
          '办结期限',
          '协调时间',
          '答复时间',
          '逾期',
          '督办级别',
          '重新办理次数',
        ],
        async *rows() {
          for await (const p of pages((after) => read.problems(actor, f, after))) {
            yield [
              p.code,
              p.community_name,
              p.title,
              p.category_name,
              label(p.status, 'zh-CN'),
              p.priority,
              p.severity === 'major' ? '重' : '轻',
              p.urgency === 'urgent' ? '急' : '缓',
              p.workers_affected,
              Number(p.trouble_count ?? 0),
              time(p.received_at),
              time(p.coordination_due_at),
              time(p.resolution_due_at),
              time(p.coordinated_at),
              time(p.answered_at),
              p.overdue_kind === null
                ? ''
                : p.overdue_kind === 'coordination'
                  ? '协调逾期'
                  : '办结逾期',
              p.escalation_level,
              p.reopen_count,
            ];
          }
        },
      };
    },

    async enterprises(
      actor: Actor,
      f: { communityId?: string; q?: string; industry?: string },
      o: Opts,
    ): Promise<TablePlan> {
      const clear = await unmasking(actor, 'enterprises', { ...o, filters: f });
      const scope = communityScopeOf(actor);
      return {
        fileBase: `企业名录-${today()}`,
        sheet: '企业',
        unmasked: clear,
        headers: [
          '企业名称',
          '社区',
          '行业',
          '规模',
          '员工人数',
          '联系人',
          '联系电话',
          '地址',
          '状态',
        ],
        async *rows() {
          for await (const e of pages((after) => read.enterprises(scope, f, after))) {
            yield [
              e.name,
              e.community_name,
              e.industry,
              SIZES[e.size] ?? e.size,
              e.employee_count,
              e.contact_name,
              phone(e.contact_phone_enc, clear),
              e.address,
              e.active === 1 ? '正常' : '停用',
            ];
          }
        },
      };
    },

    async workers(
      actor: Actor,
      f: { communityId?: string; enterpriseId?: string; q?: string },
      o: Opts,
    ): Promise<TablePlan> {
      const clear = await unmasking(actor, 'workers', { ...o, filters: f });
      const scope = communityScopeOf(actor);
      return {
        fileBase: `职工名册-${today()}`,
        sheet: '职工',
        unmasked: clear,
        headers: ['姓名', '社区', '企业', '性别', '手机号', '身份证号', '岗位', '入职日期', '备注'],
        async *rows() {
          for await (const w of pages((after) => read.workers(scope, f, after))) {
            const id = w.id_number_enc ? crypto.decrypt(w.id_number_enc) : null;
            yield [
              clear ? w.name : maskName(w.name),
              w.community_name,
              w.enterprise_name,
              w.gender === 'male' ? '男' : w.gender === 'female' ? '女' : null,
              phone(w.phone_enc, clear),
              id === null ? null : clear ? id : maskIdNumber(id),
              w.position,
              w.hired_on,
              w.note,
            ];
          }
        },
      };
    },

    async departments(actor: Actor): Promise<TablePlan> {
      const rows = actor.countyId ? await read.departments(actor.countyId) : [];
      return {
        fileBase: `职能部门-${today()}`,
        sheet: '职能部门',
        unmasked: false,
        headers: ['部门名称', '简称', '状态'],
        async *rows() {
          for (const d of rows) {
            yield await Promise.resolve([d.name, d.short_name, d.active === 1 ? '正常' : '停用']);
          }
        },
      };
    },

    async users(
      actor: Actor,
      f: {
        role?: Role;
        communityId?: string;
      },
      o: Opts,
    ): Promise<TablePlan> {
      const clear = await unmasking(actor, 'users', { ...o, filters: f });
      const countyId = actor.countyId ?? '';
      return {
        fileBase: `用户-${today()}`,
        sheet: '用户',
        unmasked: clear,
        headers: ['用户名', '姓名', '角色', '社区', '企业', '部门', '手机号', '状态', '创建时间'],
        async *rows() {
          for await (const u of pages((after) => read.users(countyId, f, after))) {
            yield [
              u.username,
              u.display_name,
              ROLE_LABELS[u.role] ?? u.role,
              u.community_name,
              u.enterprise_name,
              u.department_name,
              phone(u.phone_enc, clear),
              u.active === 1 ? '正常' : '停用',
              time(u.created_at),
            ];
          }
        },
      };
    },

    /** 烦恼指数 table: first-level categories ranked, each followed by its second-level ones. */
    async troubleIndex(actor: Actor, q: IndexQuery): Promise<TablePlan> {
      const index = await indices.troubleIndex(actor, q);
      const out: TableCell[][] = [];
      for (const c of index.categories) {
        out.push([c.rank, c.name, '', c.count, c.share, c.previousCount, c.change]);
        for (const k of c.children) {
          out.push([k.rank, c.name, k.name, k.count, k.share, k.previousCount, k.change]);
        }
      }
      out.push(['', '未分类', '', index.unclassified.count, index.unclassified.share, null, null]);
      out.push(['', '合计', '', index.total, 100, index.previousTotal, null]);
      return {
        fileBase: `烦恼指数-${index.period.from}至${index.period.to}`,
        sheet: '烦恼指数',
        unmasked: false,
        headers: ['排名', '一级分类', '二级分类', '数量', '占比(%)', '上期数量', '较上期(百分点)'],
        async *rows() {
          for (const r of out) {
            yield await Promise.resolve(r);
          }
        },
      };
    },

    /** 三率 table: departments, then communities, each ranked. */
    async threeRates(actor: Actor, q: IndexQuery): Promise<TablePlan> {
      const rates = await indices.threeRates(actor, q);
      const out: TableCell[][] = [
        ...rates.departments.map((r) => [
          '职能部门',
          r.rank,
          r.name,
          r.problems,
          r.responseRate,
          r.resolutionRate,
          r.satisfactionRate,
          r.ratings,
        ]),
        ...rates.communities.map((r) => [
          '社区',
          r.rank,
          r.name,
          r.problems,
          r.responseRate,
          r.resolutionRate,
          r.satisfactionRate,
          r.ratings,
        ]),
      ];
      return {
        fileBase: `三率-${rates.period.from}至${rates.period.to}`,
        sheet: '三率',
        unmasked: false,
        headers: [
          '类型',
          '排名',
          '名称',
          '类问题数',
          '响应率(%)',
          '解决率(%)',
          '满意率(%)',
          '评价数',
        ],
        async *rows() {
          for (const r of out) {
            yield await Promise.resolve(r);
          }
        },
      };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
