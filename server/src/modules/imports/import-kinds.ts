import type { Kysely } from 'kysely';

import type {
  Channel,
  EnterpriseSize,
  ReporterType,
  Severity,
  Urgency,
} from '../../../../common/enums';
import type { DB, ImportKind, Trouble } from '../../db/schema';
import type { Actor } from '../../shared/actor';
import type { FieldCrypto } from '../../shared/field-crypto';
import { newId } from '../../shared/ids';
import type { TimelineEntry } from '../../shared/timeline';
// Leaf files, not the modules' index.ts: an import runs in a CLI process too, and the indexes
// bring routes, uploads and notifications with them (~100 MB of RSS under tsx; see
// docs/import-export.md, "Memory").
import { getCommunitySettings } from '../promise/community-settings';
import { computePriority } from '../promise/priority';
import { newTrackingCode } from '../troubles/tracking-code';
import { titleFrom } from '../troubles/trouble-title';
import { compactText, keyOf } from './cell-values';
import { createImportTargetRepository } from './import-target-repository';
import type { RowReader } from './row-reader';

export interface KindContext {
  db: Kysely<DB>;
  crypto: FieldCrypto;
  /** Keyed hash of a normalised phone or identity number, for look-ups without decrypting. */
  lookupHash: (value: string) => string;
  actor: Actor;
  now: number;
  countyId: string;
  communityId: string | null;
  importId: string;
  fileName: string;
}

/** A row that passed validation, with its natural key (hashed later) and rows' values. */
export interface Candidate<T> {
  rowNo: number;
  key: string;
  value: T;
}

export interface KindHandler<T> {
  /** The field a duplicate error is reported on. */
  duplicateField: string;
  /** Clean value and natural-key parts of a row, or null when the reader collected errors. */
  read(r: RowReader): { value: T; keyParts: (string | number | null)[] } | null;
  /**
   * What can have turned a row validated by the dry run bad since (a referenced enterprise or
   * category deactivated): the commit of staged rows asks this instead of validating again.
   */
  recheck(value: T): { field: string; code: 'unknown_enterprise' | 'unknown_category' }[];
  /** Row numbers of candidates that duplicate a record already in the database. */
  findExisting(batch: Candidate<T>[]): Promise<Set<number>>;
  /** Writes the batch in the caller's transaction; returns the new record ids, in order. */
  insert(trx: Kysely<DB>, batch: Candidate<T>[]): Promise<string[]>;
}

const words = <T extends string>(pairs: [T, string[]][]): Record<string, T> =>
  Object.fromEntries(pairs.flatMap(([v, ws]) => [v, ...ws].map((w) => [keyOf(w), v])));

const CHANNEL_WORDS = words<Channel>([
  ['online', ['线上', '网上', '小程序', '自助', '线上自助', '微信']],
  ['qr', ['扫码', '二维码']],
  ['visit', ['走访', '企业走访', '上门走访', '入企走访']],
  ['forum', ['夜诊', '周五夜诊', '座谈会', '政企沙龙', '恳谈会']],
  ['survey', ['问卷', '问卷调查', '调查问卷']],
  ['hotline', ['电话', '热线', '来电']],
  ['council', ['议事会', '职工议事会']],
  ['grid', ['网格', '网格员']],
  ['import', ['导入', '历史台账', '台账']],
]);
const REPORTER_WORDS = words<ReporterType>([
  ['worker', ['职工', '员工', '工人', '个人']],
  ['enterprise', ['企业', '单位', '公司']],
  ['anonymous', ['匿名']],
  ['staff', ['工作人员', '社区', '代报', '社区工作人员']],
]);
const SEVERITY_WORDS = words<Severity>([
  ['minor', ['轻', '一般', '较轻']],
  ['major', ['重', '严重', '较重', '重大']],
]);
const URGENCY_WORDS = words<Urgency>([
  ['normal', ['缓', '一般', '不急', '普通']],
  ['urgent', ['急', '紧急', '加急', '特急']],
]);
const SIZE_WORDS = words<EnterpriseSize>([
  ['micro', ['微型', '微']],
  ['small', ['小型', '小']],
  ['medium', ['中型', '中']],
  ['large', ['大型', '大']],
]);
const YES_NO = words<'yes' | 'no'>([
  ['yes', ['是', 'Y', 'true', '1', '匿名']],
  ['no', ['否', 'N', 'false', '0', '实名']],
]);
const GENDER_WORDS = words<'male' | 'female'>([
  ['male', ['男', 'M']],
  ['female', ['女', 'F']],
]);

/** Size class from headcount (统计上大中小微型企业划分办法, industry: <20, <300, <1000). */
function sizeOf(employees: number): EnterpriseSize {
  return employees < 20
    ? 'micro'
    : employees < 300
      ? 'small'
      : employees < 1000
        ? 'medium'
        : 'large';
}

function nameMap(rows: { id: string; names: string[] }[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of rows) {
    for (const n of r.names) {
      if (n && !map.has(keyOf(n))) {
        map.set(keyOf(n), r.id);
      }
    }
  }
  return map;
}

/** Builds the handler of a kind, loading the look-ups (enterprises, categories, settings) once. */
export async function createKindHandler(
  kind: ImportKind,
  ctx: KindContext,
): Promise<KindHandler<unknown>> {
  switch (kind) {
    case 'troubles':
      return await troubleHandler(ctx);
    case 'enterprises':
      return await enterpriseHandler(ctx);
    case 'workers':
      return await workerHandler(ctx);
    case 'departments':
      return await departmentHandler(ctx);
  }
}

interface TroubleRow {
  receivedAt: number;
  body: string;
  title: string | null;
  categoryId: string | null;
  enterpriseId: string | null;
  reporterType: ReporterType;
  reporterName: string | null;
  reporterPhone: string | null;
  channel: Channel;
  severity: Severity;
  urgency: Urgency;
  workersAffected: number;
  answer: string | null;
}

async function troubleHandler(ctx: KindContext): Promise<KindHandler<TroubleRow>> {
  const repo = createImportTargetRepository(ctx.db);
  const communityId = ctx.communityId!;
  const community = (await repo.community(communityId))!;
  const settings = await getCommunitySettings(ctx.db, communityId);
  const enterprises = nameMap(
    (await repo.enterprisesOf(communityId))
      .filter((e) => e.active === 1)
      .map((e) => ({ id: e.id, names: [e.name] })),
  );
  const cats = await repo.activeCategories();
  const byId = new Map(cats.map((c) => [c.id, c]));
  // Second-level names first (招工难), then first-level ones (招工用工), codes and English names;
  // "招工用工/招工难" and "招工用工-招工难" name the child.
  const categories = nameMap(
    [...cats]
      .sort((a, b) => Number(a.parent_id === null) - Number(b.parent_id === null))
      .map((c) => {
        const parent = c.parent_id ? byId.get(c.parent_id) : undefined;
        const paths = parent
          ? ['/', '-', '>', '－', '—', '／'].map((sep) => `${parent.name}${sep}${c.name}`)
          : [];
        return { id: c.id, names: [c.name, c.code, c.name_en, ...paths] };
      }),
  );
  for (const c of cats) {
    const parent = c.parent_id ? byId.get(c.parent_id) : undefined;
    if (parent) {
      categories.set(keyOf(`${parent.name}${c.name}`), c.id);
    }
  }

  const enterpriseIds = new Set(enterprises.values());
  const categoryIds = new Set(categories.values());
  return {
    duplicateField: 'body',
    recheck(v) {
      const out: { field: string; code: 'unknown_enterprise' | 'unknown_category' }[] = [];
      if (v.categoryId !== null && !categoryIds.has(v.categoryId)) {
        out.push({ field: 'category', code: 'unknown_category' });
      }
      if (v.enterpriseId !== null && !enterpriseIds.has(v.enterpriseId)) {
        out.push({ field: 'enterprise', code: 'unknown_enterprise' });
      }
      return out;
    },
    read(r) {
      const receivedAt = r.instant('receivedAt', { required: true });
      const body = r.text('body', { max: 2000, min: 2, required: true });
      const title = r.text('title', { max: 60 });
      const categoryId = r.ref('category', categories, 'unknown_category');
      const enterpriseId = r.ref('enterprise', enterprises, 'unknown_enterprise');
      const name = r.name('reporterName', { max: 40 });
      const phone = r.phone('reporterPhone');
      const channel = r.choice('channel', CHANNEL_WORDS) ?? 'import';
      const typed = r.choice('reporterType', REPORTER_WORDS);
      const severity = r.choice('severity', SEVERITY_WORDS) ?? 'minor';
      const urgency = r.choice('urgency', URGENCY_WORDS) ?? 'normal';
      const workers = r.integer('workersAffected', { min: 1, max: 100_000 }) ?? 1;
      const answer = r.text('answer', { max: 2000 });
      const anonymousFlag = r.choice('anonymous', YES_NO);
      if (r.errors.length > 0 || receivedAt === null || body === null) {
        return null;
      }
      const reporterType: ReporterType =
        typed ??
        (anonymousFlag === 'yes' || (name === null && phone === null) ? 'anonymous' : 'worker');
      const anonymous = reporterType === 'anonymous';
      return {
        value: {
          receivedAt,
          body,
          title,
          categoryId,
          enterpriseId,
          reporterType,
          reporterName: anonymous ? null : name,
          reporterPhone: anonymous ? null : phone,
          channel,
          severity,
          urgency,
          workersAffected: workers,
          answer,
        },
        keyParts: [communityId, receivedAt, compactText(body), enterpriseId],
      };
    },
    async findExisting(batch) {
      const found = await repo.troublesAt(
        communityId,
        batch.map((c) => c.value.receivedAt),
      );
      const existing = new Set(
        found.map((t) => `${t.received_at}|${compactText(t.body)}|${t.enterprise_id ?? ''}`),
      );
      return new Set(
        batch
          .filter((c) =>
            existing.has(
              `${c.value.receivedAt}|${compactText(c.value.body)}|${c.value.enterpriseId ?? ''}`,
            ),
          )
          .map((c) => c.rowNo),
      );
    },
    async insert(trx, batch) {
      const rows: Trouble[] = [];
      const events: TimelineEntry[] = [];
      for (const { value: v, rowNo } of batch) {
        const { severity, priority } = computePriority({
          severity: v.severity,
          urgency: v.urgency,
          workersAffected: v.workersAffected,
          threshold: settings.severityWorkersThreshold,
        });
        const row: Trouble = {
          id: newId(),
          code: newTrackingCode(community.code_prefix),
          community_id: communityId,
          enterprise_id: v.enterpriseId,
          reporter_type: v.reporterType,
          reporter_user_id: null,
          reporter_name: v.reporterName,
          reporter_phone_enc: v.reporterPhone ? ctx.crypto.encrypt(v.reporterPhone) : null,
          channel: v.channel,
          title: v.title ?? titleFrom(v.body),
          body: v.body,
          category_id: v.categoryId,
          category_source: v.categoryId ? 'person' : null,
          category_confidence: null,
          category_set_by: v.categoryId ? ctx.actor.userId : null,
          severity,
          urgency: v.urgency,
          workers_affected: v.workersAffected,
          priority,
          status: v.answer ? 'resolved_on_spot' : 'received',
          problem_id: null,
          on_spot_answer: v.answer,
          received_at: v.receivedAt,
          closed_at: v.answer ? v.receivedAt : null,
          created_by: ctx.actor.userId,
          idempotency_key: null,
          idempotency_fingerprint: null,
          created_at: ctx.now,
          updated_at: ctx.now,
        };
        rows.push(row);
        // Object literals, not spreads of a shared base (one or two events per row).
        events.push({
          entityType: 'trouble',
          entityId: row.id,
          communityId,
          actor: ctx.actor,
          at: v.receivedAt,
          action: 'receive',
          after: { status: 'received', channel: row.channel, priority, importId: ctx.importId },
          note: `导入 ${ctx.fileName} 第 ${rowNo} 行`,
        });
        if (v.answer) {
          events.push({
            entityType: 'trouble',
            entityId: row.id,
            communityId,
            actor: ctx.actor,
            at: v.receivedAt,
            action: 'resolveOnSpot',
            before: { status: 'received' },
            after: { status: 'resolved_on_spot' },
            note: v.answer,
          });
        }
      }
      await createImportTargetRepository(trx).insertTroubles(rows, events);
      return rows.map((r) => r.id);
    },
  };
}

interface EnterpriseRow {
  name: string;
  industry: string;
  size: EnterpriseSize;
  employeeCount: number;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
}

async function enterpriseHandler(ctx: KindContext): Promise<KindHandler<EnterpriseRow>> {
  const repo = createImportTargetRepository(ctx.db);
  const communityId = ctx.communityId!;
  const existing = new Set((await repo.enterprisesOf(communityId)).map((e) => keyOf(e.name)));
  return {
    duplicateField: 'name',
    recheck: () => [],
    read(r) {
      const name = r.name('name', { max: 100, required: true });
      const industry = r.name('industry', { max: 50 });
      const size = r.choice('size', SIZE_WORDS);
      const employees = r.integer('employeeCount', { min: 0, max: 1_000_000 });
      const contactName = r.name('contactName', { max: 50 });
      const contactPhone = r.phone('contactPhone');
      const address = r.text('address', { max: 200 });
      if (r.errors.length > 0 || name === null) {
        return null;
      }
      return {
        value: {
          name,
          industry: industry ?? '未填写',
          size: size ?? sizeOf(employees ?? 0),
          employeeCount: employees ?? 0,
          contactName,
          contactPhone,
          address,
        },
        keyParts: [communityId, keyOf(name)],
      };
    },
    findExisting(batch) {
      return Promise.resolve(
        new Set(batch.filter((c) => existing.has(keyOf(c.value.name))).map((c) => c.rowNo)),
      );
    },
    async insert(trx, batch) {
      const rows = batch.map(({ value: v }) => ({
        id: newId(),
        community_id: communityId,
        name: v.name,
        industry: v.industry,
        size: v.size,
        employee_count: v.employeeCount,
        contact_name: v.contactName,
        contact_phone_enc: v.contactPhone ? ctx.crypto.encrypt(v.contactPhone) : null,
        address: v.address,
        active: 1 as const,
        created_at: ctx.now,
        updated_at: ctx.now,
      }));
      await createImportTargetRepository(trx).insertEnterprises(rows);
      rows.forEach((r) => existing.add(keyOf(r.name)));
      return rows.map((r) => r.id);
    },
  };
}

interface WorkerRow {
  name: string;
  enterpriseId: string | null;
  phone: string | null;
  idNumber: string | null;
  gender: 'male' | 'female' | null;
  position: string | null;
  hiredOn: string | null;
  note: string | null;
}

async function workerHandler(ctx: KindContext): Promise<KindHandler<WorkerRow>> {
  const repo = createImportTargetRepository(ctx.db);
  const communityId = ctx.communityId!;
  const enterprises = nameMap(
    (await repo.enterprisesOf(communityId)).map((e) => ({ id: e.id, names: [e.name] })),
  );
  const enterpriseIds = new Set(enterprises.values());
  return {
    duplicateField: 'name',
    recheck: (v) =>
      v.enterpriseId !== null && !enterpriseIds.has(v.enterpriseId)
        ? [{ field: 'enterprise', code: 'unknown_enterprise' }]
        : [],
    read(r) {
      const name = r.name('name', { max: 40, required: true });
      const enterpriseId = r.ref('enterprise', enterprises, 'unknown_enterprise');
      const phone = r.phone('phone');
      const idNumber = r.idNumber('idNumber');
      const gender = r.choice('gender', GENDER_WORDS);
      const position = r.text('position', { max: 50 });
      const hiredOn = r.day('hiredOn');
      const note = r.text('note', { max: 500 });
      if (r.errors.length > 0 || name === null) {
        return null;
      }
      return {
        value: { name, enterpriseId, phone, idNumber, gender, position, hiredOn, note },
        // A person is their identity number; without one, name + phone (+ enterprise).
        keyParts: idNumber
          ? [communityId, 'id', idNumber]
          : [communityId, 'name', keyOf(name), phone, enterpriseId],
      };
    },
    async findExisting(batch) {
      const ids = batch.flatMap((c) =>
        c.value.idNumber ? [ctx.lookupHash(c.value.idNumber)] : [],
      );
      const phones = batch.flatMap((c) =>
        !c.value.idNumber && c.value.phone ? [ctx.lookupHash(c.value.phone)] : [],
      );
      const found = await repo.workersMatching(communityId, ids, phones);
      const idSet = new Set(found.map((w) => w.id_number_hash));
      const namePhone = new Set(found.map((w) => `${keyOf(w.name)}|${w.phone_hash}`));
      return new Set(
        batch
          .filter((c) =>
            c.value.idNumber
              ? idSet.has(ctx.lookupHash(c.value.idNumber))
              : c.value.phone !== null &&
                namePhone.has(`${keyOf(c.value.name)}|${ctx.lookupHash(c.value.phone)}`),
          )
          .map((c) => c.rowNo),
      );
    },
    async insert(trx, batch) {
      const rows = batch.map(({ value: v }) => ({
        id: newId(),
        community_id: communityId,
        enterprise_id: v.enterpriseId,
        name: v.name,
        gender: v.gender,
        phone_enc: v.phone ? ctx.crypto.encrypt(v.phone) : null,
        phone_hash: v.phone ? ctx.lookupHash(v.phone) : null,
        id_number_enc: v.idNumber ? ctx.crypto.encrypt(v.idNumber) : null,
        id_number_hash: v.idNumber ? ctx.lookupHash(v.idNumber) : null,
        position: v.position,
        hired_on: v.hiredOn,
        note: v.note,
        active: 1 as const,
        created_at: ctx.now,
        updated_at: ctx.now,
      }));
      await createImportTargetRepository(trx).insertWorkers(rows);
      return rows.map((r) => r.id);
    },
  };
}

interface DepartmentRow {
  name: string;
  shortName: string;
}

async function departmentHandler(ctx: KindContext): Promise<KindHandler<DepartmentRow>> {
  const repo = createImportTargetRepository(ctx.db);
  const existing = new Set((await repo.departmentsOf(ctx.countyId)).map((d) => keyOf(d.name)));
  return {
    duplicateField: 'name',
    recheck: () => [],
    read(r) {
      const name = r.name('name', { max: 100, required: true });
      const shortName = r.name('shortName', { max: 40 });
      if (r.errors.length > 0 || name === null) {
        return null;
      }
      return {
        value: { name, shortName: shortName ?? name },
        keyParts: [ctx.countyId, keyOf(name)],
      };
    },
    findExisting(batch) {
      return Promise.resolve(
        new Set(batch.filter((c) => existing.has(keyOf(c.value.name))).map((c) => c.rowNo)),
      );
    },
    async insert(trx, batch) {
      const rows = batch.map(({ value: v }) => ({
        id: newId(),
        county_id: ctx.countyId,
        name: v.name,
        short_name: v.shortName,
        active: 1 as const,
        created_at: ctx.now,
      }));
      await createImportTargetRepository(trx).insertDepartments(rows);
      rows.forEach((r) => existing.add(keyOf(r.name)));
      return rows.map((r) => r.id);
    },
  };
}
