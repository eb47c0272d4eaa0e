import { BAOHUA_ANCHORS } from './demo-anchors';
import { DEMO_ORIGIN } from './demo-calendar';
import {
  BAOHUA_MONTHLY,
  BAOHUA_SUBCATEGORIES,
  TONGMU_MONTHLY,
  TONGMU_SUBCATEGORIES,
} from './demo-categories';
import type { CommunityProfile, DraftTrouble, PlanContext } from './demo-context';
import { planEnterprises } from './demo-enterprises';
import {
  BAOHUA_OWNERS,
  DEMO_ACCOUNTS,
  DEMO_COMMUNITIES,
  DEMO_COUNTY,
  DEMO_DEPARTMENTS,
  DEMO_PASSWORDS,
} from './demo-org';
import { assignWorkerAccount, recordIntake } from './demo-plan-intake';
import { linkTroubles } from './demo-plan-linking';
import { planProblems } from './demo-plan-problems';
import { planRatings } from './demo-plan-ratings';
import { draftTroubles } from './demo-plan-troubles';
import { BAOHUA_PROBLEMS } from './demo-problems';
import { TONGMU_PROBLEMS } from './demo-problems-services';
import { createIdFactory, createTrackingCodes, DEMO_SEED, Rng } from './demo-random';
import type { DemoPlan, PlannedProblem, PlannedTrouble } from './demo-types';
import { scopeOf } from './demo-users';

const PROFILES: CommunityProfile[] = [
  {
    key: 'baohua',
    monthly: BAOHUA_MONTHLY,
    subcategories: BAOHUA_SUBCATEGORIES,
    problems: BAOHUA_PROBLEMS,
    anchors: BAOHUA_ANCHORS,
    staff: ['baohua1', 'baohua2', 'baohua3'],
    ownerOf: (category) => BAOHUA_OWNERS[category.split('.')[0]!]!,
  },
  {
    key: 'tongmu',
    monthly: TONGMU_MONTHLY,
    subcategories: TONGMU_SUBCATEGORIES,
    problems: TONGMU_PROBLEMS,
    anchors: [],
    staff: ['tongmu1'],
    ownerOf: () => 'tongmu1',
  },
];

/**
 * Builds the whole demo as plain rows from the seed — a pure function: no database, no clock,
 * no Math.random; the same seed gives the same plan, ids included.
 */
export function buildDemoPlan(seed: number = DEMO_SEED): DemoPlan {
  const rng = new Rng(seed);
  let refClock = DEMO_ORIGIN;
  const refId = createIdFactory(rng.fork('reference-ids'));
  const nextRefId = () => refId(refClock++);
  const ctx: PlanContext = {
    rng,
    id: createIdFactory(rng.fork('ids')),
    trackingCode: createTrackingCodes(rng.fork('tracking-codes')),
    users: new Map(),
    enterprises: new Map(),
    departments: new Map(),
    communities: new Map(),
    supervisor: 'tiexinban',
    events: [],
    assignments: [],
    extensions: [],
    escalations: [],
    ratings: [],
    notifications: [],
  };

  const county = { id: nextRefId(), name: DEMO_COUNTY.name, code: DEMO_COUNTY.code };
  const communities = DEMO_COMMUNITIES.map((c) => {
    const row = {
      id: nextRefId(),
      key: c.key,
      county_id: county.id,
      slug: c.slug,
      name: c.name,
      code_prefix: c.codePrefix,
    };
    ctx.communities.set(c.key, { id: row.id, prefix: c.codePrefix, name: c.name });
    return row;
  });
  for (const e of planEnterprises(rng.fork('enterprises'))) {
    ctx.enterprises.set(e.key, { ...e, id: nextRefId() });
  }
  const departments = DEMO_DEPARTMENTS.map((d) => {
    const id = nextRefId();
    ctx.departments.set(d.key, { id, name: d.name, shortName: d.shortName, user: `dept-${d.key}` });
    return { id, county_id: county.id, name: d.name, short_name: d.shortName, active: 1 as const };
  });
  for (const a of DEMO_ACCOUNTS) {
    const community = a.community ? ctx.communities.get(a.community)! : null;
    const enterprise = a.enterprise ? ctx.enterprises.get(a.enterprise)! : null;
    const department = a.department ? ctx.departments.get(a.department)! : null;
    ctx.users.set(a.username, {
      id: nextRefId(),
      username: a.username,
      password: DEMO_PASSWORDS[a.role],
      displayName: a.displayName,
      role: a.role,
      scope: scopeOf(a),
      communityId: community?.id ?? null,
      enterpriseId: enterprise?.id ?? null,
      departmentId: department?.id ?? null,
    });
  }

  const troubles: PlannedTrouble[] = [];
  const problems: PlannedProblem[] = [];
  for (const profile of PROFILES) {
    const drafts = draftCommunity(ctx, profile);
    const planned = planProblems(ctx, profile, drafts);
    recordIntake(ctx, drafts, planned.answeredAt);
    planRatings(ctx, profile, drafts, planned.problems);
    problems.push(...planned.problems);
    troubles.push(...drafts.map(toRow));
  }

  return {
    county,
    communities,
    enterprises: [...ctx.enterprises.values()].map((e) => ({
      id: e.id,
      community_id: ctx.communities.get(e.community)!.id,
      name: e.name,
      industry: e.industry,
      size: e.size,
      employee_count: e.employeeCount,
      contact_name: e.contactName,
      contact_phone: e.contactPhone,
      address: e.address,
      active: 1,
    })),
    departments,
    users: [...ctx.users.values()],
    problems,
    troubles,
    assignments: ctx.assignments,
    events: ctx.events.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1)),
    extensions: ctx.extensions,
    escalations: ctx.escalations,
    ratings: ctx.ratings,
    notifications: ctx.notifications,
    counters: PROFILES.map((p) => ({
      name: `problem:${ctx.communities.get(p.key)!.id}:23`,
      value: p.problems.length,
    })),
  };
}

function draftCommunity(ctx: PlanContext, profile: CommunityProfile) {
  const drafts = draftTroubles(ctx, profile);
  if (profile.key === 'baohua') {
    assignWorkerAccount(ctx, drafts, 'worker1', 4);
  }
  const unplaced = linkTroubles(ctx, profile, drafts);
  if (unplaced > 0) {
    throw new Error(`${unplaced} troubles of ${profile.key} found no problem`);
  }
  return drafts;
}

function toRow(d: DraftTrouble): PlannedTrouble {
  return {
    id: d.id,
    code: d.code,
    community_id: d.communityId,
    enterprise_id: d.enterpriseId,
    reporter_type: d.reporterType,
    reporter_user_id: d.reporterUserId,
    reporter_name: d.reporterName,
    reporter_phone: d.reporterPhone,
    channel: d.channel,
    title: d.title,
    body: d.body,
    category_code: d.category,
    category_source: 'person',
    category_confidence: null,
    category_set_by: d.categorySetBy,
    severity: d.severity,
    urgency: d.urgency,
    workers_affected: d.workers,
    priority: d.priority,
    status: d.status,
    problem_id: d.problemId,
    on_spot_answer: d.onSpotAnswer,
    received_at: d.receivedAt,
    closed_at: d.closedAt,
    created_by: d.createdBy,
    idempotency_key: null,
    idempotency_fingerprint: null,
    created_at: d.receivedAt,
    updated_at: d.closedAt ?? d.linkedAt ?? d.receivedAt,
  };
}
