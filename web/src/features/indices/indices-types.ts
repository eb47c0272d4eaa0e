import type {
  Channel,
  OverdueKind,
  Priority,
  ProblemStatus,
  TroubleStatus,
} from '../../../../common/enums';

export type {
  CategoryShare,
  EarlyWarning,
  HappinessIndex,
  IndexPeriod,
  RateRow,
  ThreeRates,
  TroubleIndex,
  TroubleIntensity,
  TroubleTrend,
} from '../../../../common/indices-types';

/** A community the user may see (`GET /api/v1/communities`). */
export interface CommunityOption {
  id: string;
  slug: string;
  name: string;
}

/** Whose troubles the dashboard counts: one community or the whole county. */
export type IndexScope = { kind: 'community'; communityId: string } | { kind: 'county' };

/** Drill-down row of `GET /api/v1/problems`. */
export interface ProblemListItem {
  id: string;
  code: string;
  title: string;
  category: string | null;
  status: ProblemStatus;
  priority: Priority;
  troubleCount: number;
  receivedAt: number;
  resolutionDueAt: number;
  overdueKind: OverdueKind | null;
}

/** Drill-down row of `GET /api/v1/troubles`. */
export interface TroubleListItem {
  id: string;
  code: string;
  title: string;
  channel: Channel;
  status: TroubleStatus;
  receivedAt: number;
  priority: Priority;
  enterprise: { id: string; name: string } | null;
  category: { id: string; code: string; name: string } | null;
}
