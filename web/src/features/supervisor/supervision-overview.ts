import type { Community, QueueItem } from '../problems/problem-types';

/** The supervisor's views. */
export const SUPERVISION_TABS = [
  'communities',
  'overdue',
  'escalated',
  'orders',
  'extensions',
  'rankings',
] as const;
export type SupervisionTab = (typeof SUPERVISION_TABS)[number];

export function isSupervisionTab(value: string | null): value is SupervisionTab {
  return value !== null && (SUPERVISION_TABS as readonly string[]).includes(value);
}

export interface CommunityRow {
  id: string;
  name: string;
  active: number;
  overdue: number;
  escalated: number;
  p1: number;
}

/** Per community in scope: running problems, overdue, escalated and P1, most overdue first. */
export function communityOverview(communities: Community[], running: QueueItem[]): CommunityRow[] {
  const rows = new Map<string, CommunityRow>(
    communities.map((c) => [
      c.id,
      { id: c.id, name: c.name, active: 0, overdue: 0, escalated: 0, p1: 0 },
    ]),
  );
  for (const p of running) {
    const row = rows.get(p.communityId);
    if (row === undefined) {
      continue;
    }
    row.active += 1;
    row.overdue += p.overdueKind === null ? 0 : 1;
    row.escalated += p.escalationLevel > 0 ? 1 : 0;
    row.p1 += p.priority === 'P1' ? 1 : 0;
  }
  return [...rows.values()].sort((a, b) => b.overdue - a.overdue || b.active - a.active);
}

/** Problems escalated at least once (督办提醒), the most escalated first. */
export function escalated(running: QueueItem[]): QueueItem[] {
  return running
    .filter((p) => p.escalationLevel > 0)
    .sort((a, b) => b.escalationLevel - a.escalationLevel);
}
