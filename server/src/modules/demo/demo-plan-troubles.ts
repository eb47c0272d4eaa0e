import type { ReporterType } from '../../../../common/enums';
import { computePriority } from '../promise';
import { at, DEMO_MONTHS } from './demo-calendar';
import { topOf } from './demo-categories';
import type { CommunityProfile, DraftTrouble, PlanContext } from './demo-context';
import { mobileNumber, personName } from './demo-people';
import { CHANNELS_BY_REPORTER, type DayWindow, fitsWindow, receivedTime } from './demo-plan-times';
import type { Rng } from './demo-random';
import { composeTrouble } from './demo-texts';
import type { PlannedEnterprise, SubcategoryProfile } from './demo-types';

/** Workers affected from which a trouble counts as major (the default promise setting). */
export const SEVERITY_THRESHOLD = 10;

/** The troubles of one community before they are linked: who, when, through which channel, what. */
export function draftTroubles(ctx: PlanContext, profile: CommunityProfile): DraftTrouble[] {
  const rng = ctx.rng.fork(`troubles:${profile.key}`);
  const community = ctx.communities.get(profile.key)!;
  const enterprises = [...ctx.enterprises.values()].filter((e) => e.community === profile.key);
  const quotas = [...profile.monthly];
  // A problem that must start inside a window (latestFirst) gets one trouble pinned there.
  const pins = profile.problems
    .filter((p) => p.latestFirst)
    .map((p) => ({ code: p.category, window: { from: p.from!, to: p.latestFirst! } }));
  const fixed = [
    ...profile.anchors.map((a) => ({ code: a.category, day: a.day })),
    ...pins.map((p) => ({ code: p.code, day: p.window.from })),
  ];
  const slots: SubcategoryProfile[] = [];
  for (const sub of profile.subcategories) {
    const taken = fixed.filter((f) => f.code === sub.code).length;
    for (let i = taken; i < sub.total; i++) {
      slots.push(sub);
    }
  }
  for (const f of fixed) {
    const index = (DEMO_MONTHS as readonly number[]).indexOf(Number(f.day.slice(5, 7)));
    quotas[index]! -= 1;
  }
  if (slots.length !== quotas.reduce((s, q) => s + q, 0)) {
    throw new Error(`monthly volumes do not add up for ${profile.key}`);
  }
  const keyed = slots
    .map((sub, i) => ({ sub, i, key: sub.month + rng.normal() * (sub.spread ?? 1.3) }))
    .sort((a, b) => a.key - b.key || a.i - b.i);

  const drafts: DraftTrouble[] = [];
  let month = 0;
  let filled = 0;
  for (const { sub } of keyed) {
    while (filled >= quotas[month]!) {
      month += 1;
      filled = 0;
    }
    filled += 1;
    drafts.push(draftOne(ctx, rng, profile, sub, DEMO_MONTHS[month]!, enterprises, community.id));
  }
  for (const pin of pins) {
    const sub = profile.subcategories.find((x) => x.code === pin.code)!;
    const month = Number(pin.window.from.slice(5, 7));
    drafts.push(draftOne(ctx, rng, profile, sub, month, enterprises, community.id, pin.window));
  }
  for (const a of profile.anchors) {
    const e = a.enterprise ? ctx.enterprises.get(a.enterprise)! : null;
    const staff = profile.ownerOf(a.category);
    const { severity, priority } = computePriority({
      severity: a.severity,
      urgency: a.urgency,
      workersAffected: a.workers,
      threshold: SEVERITY_THRESHOLD,
    });
    drafts.push({
      ...blank(profile, community.id, a.category),
      enterpriseId: e?.id ?? null,
      reporterType: a.reporterType,
      reporterName: a.reporterName ?? e?.contactName ?? null,
      reporterPhone:
        a.reporterType === 'enterprise' ? (e?.contactPhone ?? null) : mobileNumber(rng),
      channel: a.channel,
      title: a.title,
      body: a.body,
      severity,
      urgency: a.urgency,
      workers: a.workers,
      priority,
      receivedAt: at(a.day, a.hour, a.minute),
      createdBy: ctx.users.get(staff)!.id,
      categorySetBy: ctx.users.get(staff)!.id,
      anchorProblem: a.problem,
    });
  }
  drafts.sort((a, b) => a.receivedAt - b.receivedAt);
  for (const d of drafts) {
    d.id = ctx.id(d.receivedAt);
    d.code = ctx.trackingCode(community.prefix);
  }
  return drafts;
}

function blank(profile: CommunityProfile, communityId: string, category: string): DraftTrouble {
  return {
    id: '',
    code: '',
    community: profile.key,
    communityId,
    category,
    enterpriseId: null,
    reporterType: 'worker',
    reporterUserId: null,
    reporterName: null,
    reporterPhone: null,
    channel: 'visit',
    title: '',
    body: '',
    severity: 'minor',
    urgency: 'normal',
    workers: 1,
    priority: 'P4',
    receivedAt: 0,
    createdBy: null,
    categorySetBy: '',
    anchorProblem: null,
    problemKey: null,
    onSpot: false,
    onSpotAnswer: null,
    ownAnswer: null,
    problemId: null,
    linkedAt: null,
    status: 'received',
    closedAt: null,
  };
}

function draftOne(
  ctx: PlanContext,
  rng: Rng,
  profile: CommunityProfile,
  sub: SubcategoryProfile,
  month: number,
  enterprises: (PlannedEnterprise & { id: string })[],
  communityId: string,
  window?: DayWindow,
): DraftTrouble {
  const [w, e, a] = sub.reporters;
  const reporterType = rng.weighted<ReporterType>([
    ['worker', w],
    ['enterprise', e],
    ['anonymous', a],
  ]);
  const withEnterprise =
    reporterType === 'enterprise' || rng.chance(reporterType === 'anonymous' ? 0.7 : 0.9);
  const bias = (industry: string) => (sub.industries?.includes(industry) ? 5 : 1);
  const enterprise = withEnterprise
    ? rng.weighted(
        enterprises.map((x) => {
          const size = reporterType === 'enterprise' ? Math.sqrt(x.employeeCount) : x.employeeCount;
          return [x, size * bias(x.industry)] as const;
        }),
      )
    : null;
  let channel = rng.weighted(CHANNELS_BY_REPORTER[reporterType]);
  if (window && !fitsWindow(channel, month, window)) {
    channel = reporterType === 'anonymous' ? 'online' : 'visit';
  }
  const receivedAt = receivedTime(rng, channel, month, window);
  const [min, max] =
    reporterType === 'enterprise' ? (sub.enterpriseWorkers ?? sub.workers) : sub.workers;
  const workers = Math.round(min + (max - min) * rng.next() ** 2);
  const urgency = rng.chance(sub.urgent) ? 'urgent' : 'normal';
  const { severity, priority } = computePriority({
    severity: rng.chance(sub.major) ? 'major' : 'minor',
    urgency,
    workersAffected: workers,
    threshold: SEVERITY_THRESHOLD,
  });
  const text = composeTrouble(rng, {
    category: sub.code,
    reporterType,
    channel,
    ctx: {
      enterpriseShort: enterprise?.shortName ?? null,
      enterpriseName: enterprise?.name ?? null,
      industry: enterprise?.industry ?? null,
    },
  });
  const owner = profile.ownerOf(topOf(sub.code));
  const staffUser = rng.chance(0.5) ? owner : rng.pick(profile.staff);
  const selfService = channel === 'online' || channel === 'qr';
  const account =
    reporterType === 'enterprise' && selfService && enterprise
      ? [...ctx.users.values()].find(
          (u) => u.role === 'enterprise' && u.enterpriseId === enterprise.id,
        )
      : undefined;
  return {
    ...blank(profile, communityId, sub.code),
    enterpriseId: enterprise?.id ?? null,
    reporterType,
    reporterUserId: account?.id ?? null,
    reporterName:
      reporterType === 'anonymous'
        ? null
        : reporterType === 'enterprise'
          ? (enterprise?.contactName ?? null)
          : personName(rng),
    reporterPhone:
      reporterType === 'anonymous'
        ? null
        : reporterType === 'enterprise'
          ? (enterprise?.contactPhone ?? null)
          : rng.chance(0.65)
            ? mobileNumber(rng)
            : null,
    channel,
    title: text.title,
    body: text.body,
    ownAnswer: text.answer,
    severity,
    urgency,
    workers,
    priority,
    receivedAt,
    createdBy: selfService ? null : ctx.users.get(staffUser)!.id,
    categorySetBy: ctx.users.get(staffUser)!.id,
  };
}
