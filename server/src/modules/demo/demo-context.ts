import type { Channel, ReporterType, Severity, Urgency } from '../../../../common/enums';
import type {
  EscalationTable,
  EventTable,
  ExtensionRequestTable,
  NotificationTable,
  ProblemDepartmentTable,
  RatingTable,
} from '../../db/schema';
import type { Rng } from './demo-random';
import type {
  AnchorSpec,
  CommunityKey,
  DeptKey,
  PlannedEnterprise,
  PlannedUser,
  ProblemSpec,
  SubcategoryProfile,
} from './demo-types';

/** Who acts in a timeline event: a user, or nobody (匿名, 系统, 报告人 …) with a label. */
export interface PlanActor {
  userId: string | null;
  label: string;
}

/** What the generator knows about one community while it plans its troubles and problems. */
export interface CommunityProfile {
  key: CommunityKey;
  monthly: number[];
  subcategories: SubcategoryProfile[];
  problems: ProblemSpec[];
  anchors: AnchorSpec[];
  staff: string[];
  ownerOf(category: string): string;
}

/** A trouble while the plan is being built. */
export interface DraftTrouble {
  id: string;
  code: string;
  community: CommunityKey;
  communityId: string;
  category: string;
  enterpriseId: string | null;
  reporterType: ReporterType;
  reporterUserId: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  channel: Channel;
  title: string;
  body: string;
  severity: Severity;
  urgency: Urgency;
  workers: number;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  receivedAt: number;
  createdBy: string | null;
  categorySetBy: string;
  anchorProblem: string | null;
  problemKey: string | null;
  onSpot: boolean;
  onSpotAnswer: string | null;
  /** The answer on the spot that fits this trouble's own text, if its template has one. */
  ownAnswer: string | null;
  problemId: string | null;
  linkedAt: number | null;
  status: 'received' | 'resolved_on_spot' | 'linked' | 'closed';
  closedAt: number | null;
}

/** Shared state of one plan: seeded streams, ids and the rows collected so far. */
export interface PlanContext {
  rng: Rng;
  id: (at: number) => string;
  trackingCode: (prefix: string) => string;
  users: Map<string, PlannedUser>;
  enterprises: Map<string, PlannedEnterprise & { id: string }>;
  departments: Map<DeptKey, { id: string; name: string; shortName: string; user: string }>;
  communities: Map<CommunityKey, { id: string; prefix: string; name: string }>;
  supervisor: string;
  events: EventTable[];
  assignments: ProblemDepartmentTable[];
  extensions: ExtensionRequestTable[];
  escalations: EscalationTable[];
  ratings: RatingTable[];
  notifications: NotificationTable[];
}

/** The acting user by username. */
export function actorOf(ctx: PlanContext, username: string): PlanActor {
  const u = ctx.users.get(username);
  if (!u) {
    throw new Error(`unknown demo user ${username}`);
  }
  return { userId: u.id, label: u.displayName };
}

/** The id of a demo user by username. */
export function userId(ctx: PlanContext, username: string): string {
  return actorOf(ctx, username).userId!;
}

/** Actors without an account: the scheduler, an anonymous form, a reporter using a tracking code. */
export const SYSTEM_ACTOR: PlanActor = { userId: null, label: '系统' };
export const ANONYMOUS_ACTOR: PlanActor = { userId: null, label: '匿名' };
export const REPORTER_ACTOR: PlanActor = { userId: null, label: '报告人' };

/** Appends one timeline event, with before/after stored as JSON text like the product does. */
export function addEvent(
  ctx: PlanContext,
  e: {
    entityType: 'trouble' | 'problem';
    entityId: string;
    communityId: string;
    actor: PlanActor;
    action: string;
    before?: unknown;
    after?: unknown;
    note?: string | null;
    at: number;
  },
): void {
  ctx.events.push({
    id: ctx.id(e.at),
    entity_type: e.entityType,
    entity_id: e.entityId,
    community_id: e.communityId,
    actor_user_id: e.actor.userId,
    actor_label: e.actor.label,
    action: e.action,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    note: e.note ?? null,
    created_at: e.at,
  });
}

/** Appends an unread in-app notification for each user. */
export function addNotification(
  ctx: PlanContext,
  users: string[],
  n: { kind: string; title: string; body: string; problemId: string; key: string; at: number },
): void {
  for (const username of users) {
    const id = userId(ctx, username);
    ctx.notifications.push({
      id: ctx.id(n.at),
      user_id: id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      entity_type: 'problem',
      entity_id: n.problemId,
      dedupe_key: `${n.key}:${id}`,
      created_at: n.at,
      read_at: null,
    });
  }
}
