import type {
  Channel,
  OverdueKind,
  Priority,
  ProblemStatus,
  Rating,
  ReporterType,
  Severity,
  TroubleStatus,
  Urgency,
} from '../../../../common/enums';

/** One row of `GET /api/v1/problems` (the queue: priority, then nearest deadline). */
export interface QueueItem {
  id: string;
  code: string;
  communityId: string;
  title: string;
  category: string | null;
  status: ProblemStatus;
  priority: Priority;
  severity: Severity;
  urgency: Urgency;
  workersAffected: number;
  troubleCount: number;
  receivedAt: number;
  coordinationDueAt: number;
  resolutionDueAt: number;
  nextDueAt: number;
  overdueKind: OverdueKind | null;
  escalationLevel: number;
  reopenCount: number;
}

export interface ProblemDepartment {
  id: string;
  name: string;
  role: string;
  status: string;
  reason: string | null;
  assignedAt: number;
  acceptedAt: number | null;
}

export interface ProblemExtension {
  id: string;
  departmentId: string;
  reason: string;
  currentDueAt: number;
  requestedDueAt: number;
  status: string;
  decisionNote: string | null;
  createdAt: number;
}

export interface ProblemSupervisionOrder {
  id: string;
  code: string;
  reason: string;
  demand: string;
  dueAt: number;
  status: string;
  response: string | null;
  createdAt: number;
}

/** `GET /api/v1/problems/:id`; lifecycle actions answer with it too. */
export interface ProblemDetail {
  id: string;
  code: string;
  communityId: string;
  title: string;
  summary: string;
  publicSummary: string | null;
  category: { id: string; code: string; name: string } | null;
  ownerUserId: string | null;
  status: ProblemStatus;
  priority: Priority;
  severity: Severity;
  urgency: Urgency;
  workersAffected: number;
  receivedAt: number;
  coordinationDueAt: number;
  resolutionDueAt: number;
  deadlineEstimated: boolean;
  coordinatedAt: number | null;
  answeredAt: number | null;
  closedAt: number | null;
  resolutionText: string | null;
  reopenCount: number;
  overdueKind: OverdueKind | null;
  escalationLevel: number;
  mergedIntoId: string | null;
  departments: ProblemDepartment[];
  troubles: {
    id: string;
    code: string;
    title: string;
    channel: string;
    status: string;
    receivedAt: number;
    enterpriseId: string | null;
    workersAffected: number;
  }[];
  extensions: ProblemExtension[];
  supervisionOrders: ProblemSupervisionOrder[];
}

/** One event of a trouble's or problem's append-only timeline. */
export interface TimelineEvent {
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  actor: string;
  actorUserId: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
  at: number;
}

export interface CategoryRef {
  id: string;
  code: string;
  name: string;
}

/** One row of `GET /api/v1/troubles`. */
export interface TroubleListItem {
  id: string;
  code: string;
  communityId: string;
  enterprise: { id: string; name: string } | null;
  reporterType: ReporterType;
  channel: Channel;
  title: string;
  category: CategoryRef | null;
  severity: Severity;
  urgency: Urgency;
  workersAffected: number;
  priority: Priority;
  status: TroubleStatus;
  receivedAt: number;
  problemId: string | null;
}

/** `GET /api/v1/troubles/:id`. */
export interface TroubleView extends Omit<TroubleListItem, 'problemId'> {
  reporterName: string | null;
  reporterPhoneMasked: string | null;
  body: string;
  categorySource: 'person' | 'classifier' | null;
  categoryConfidence: number | null;
  problem: { id: string; code: string; title: string; status: ProblemStatus } | null;
  onSpotAnswer: string | null;
  closedAt: number | null;
  attachments: { id: string; width: number; height: number; sizeBytes: number }[];
  ratings: {
    round: number;
    rating: Rating;
    comment: string | null;
    source: string;
    createdAt: number;
  }[];
}

export interface TriagePatch {
  categoryId?: string | null;
  severity?: Severity;
  urgency?: Urgency;
  workersAffected?: number;
}

/** `GET /api/v1/troubles/:id/suggestions` (answers 404 where the classifier is not deployed). */
export interface TroubleSuggestions {
  category: {
    categoryId: string;
    categoryName: string;
    confidence: number;
    choose: boolean;
    alternatives: { categoryId: string; categoryName: string; confidence: number }[];
  } | null;
  similar: { problemId: string; title: string; status: ProblemStatus; score: number }[];
}

export interface Department {
  id: string;
  countyId: string;
  name: string;
  shortName: string;
  active: boolean;
}

export interface CategoryNode {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string;
  keywords: string[];
  examples: string[];
  sort: number;
  active: boolean;
}

export interface CategoryTreeNode extends CategoryNode {
  children: CategoryNode[];
}

export interface Community {
  id: string;
  countyId: string;
  slug: string;
  name: string;
  codePrefix: string;
}

export interface SlaSettings {
  communityId: string;
  timeMode: 'natural' | 'workdays';
  coordinationHours: number;
  resolutionHours: number;
  escalationIntervalHours: number;
  severityWorkersThreshold: number;
  maxReopens: number;
}

/** `GET /api/v1/extensions` (pending requests, for supervisors). */
export interface PendingExtension {
  id: string;
  problemId: string;
  problemCode: string;
  problemTitle: string;
  departmentName: string;
  reason: string;
  currentDueAt: number;
  requestedDueAt: number;
  createdAt: number;
}

/** `GET /api/v1/supervision-orders`. */
export interface SupervisionOrder {
  id: string;
  code: string;
  problemId: string;
  problemCode: string;
  problemTitle: string;
  reason: string;
  demand: string;
  dueAt: number;
  status: 'issued' | 'responded' | 'closed';
  response: string | null;
  createdAt: number;
}
