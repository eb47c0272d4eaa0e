import type {
  Channel,
  ProblemStatus,
  ReporterType,
  Severity,
  Urgency,
} from '../../../../common/enums';
import { localDay } from '../../shared/business-time';

/**
 * What one trouble or problem adds to the index aggregates — pure functions of the row, so the
 * incremental path (apply −before +after on every write) and the rebuild from raw records
 * (sum over all rows) are the same computation by construction.
 */
export interface TroubleFacts {
  community_id: string;
  received_at: number;
  category_id: string | null;
  severity: Severity;
  urgency: Urgency;
  workers_affected: number;
  enterprise_id: string | null;
  channel: Channel;
  reporter_type: ReporterType;
}

export interface DayCell {
  community_id: string;
  day: string;
  category_id: string;
  troubles: number;
  major: number;
  urgent: number;
  workers: number;
}

export interface MonthCell extends Omit<DayCell, 'day'> {
  month: string;
}

export interface DimCell {
  community_id: string;
  month: string;
  category_id: string;
  dim: 'enterprise' | 'channel' | 'reporter';
  value: string;
  troubles: number;
}

export function troubleContribution(
  t: TroubleFacts,
  sign: 1 | -1,
): { day: DayCell; month: MonthCell; dims: DimCell[] } {
  const day = localDay(t.received_at);
  const month = day.slice(0, 7);
  const community = t.community_id;
  const category = t.category_id ?? '';
  const major = t.severity === 'major' ? sign : 0;
  const urgent = t.urgency === 'urgent' ? sign : 0;
  const workers = sign * t.workers_affected;
  // Object literals, not spreads of a shared base: intake and imports run this for every trouble.
  const dim = (kind: DimCell['dim'], value: string): DimCell => ({
    community_id: community,
    month,
    category_id: category,
    troubles: sign,
    dim: kind,
    value,
  });
  return {
    day: {
      community_id: community,
      category_id: category,
      troubles: sign,
      major,
      urgent,
      workers,
      day,
    },
    month: {
      community_id: community,
      category_id: category,
      troubles: sign,
      major,
      urgent,
      workers,
      month,
    },
    dims: [
      dim('enterprise', t.enterprise_id ?? ''),
      dim('channel', t.channel),
      dim('reporter', t.reporter_type),
    ],
  };
}

export interface ProblemFacts {
  community_id: string;
  received_at: number;
  category_id: string | null;
  status: ProblemStatus;
  coordinated_at: number | null;
  coordination_due_at: number;
  answered_at: number | null;
  resolution_due_at: number;
  overdue_kind: string | null;
}

export interface ProblemCell {
  community_id: string;
  day: string;
  category_id: string;
  problems: number;
  answered: number;
  closed: number;
  coordinated_on_time: number;
  answered_on_time: number;
  overdue: number;
}

const ANSWERED = new Set<ProblemStatus>(['resolved', 'replied', 'closed']);

/** A merged problem counts nowhere (its troubles live on in the target). */
export function problemContribution(p: ProblemFacts, sign: 1 | -1): ProblemCell | null {
  if (p.status === 'merged') {
    return null;
  }
  const answered = ANSWERED.has(p.status);
  return {
    community_id: p.community_id,
    day: localDay(p.received_at),
    category_id: p.category_id ?? '',
    problems: sign,
    answered: answered ? sign : 0,
    closed: p.status === 'closed' ? sign : 0,
    coordinated_on_time:
      p.coordinated_at !== null && p.coordinated_at <= p.coordination_due_at ? sign : 0,
    answered_on_time:
      answered && p.answered_at !== null && p.answered_at <= p.resolution_due_at ? sign : 0,
    overdue: p.overdue_kind !== null ? sign : 0,
  };
}
