import type { OverdueKind, ProblemStatus } from '../../../../common/enums';

/** How close a problem is to its next promise deadline (SPEC §3), for the queue colours. */
export type DueState = 'overdue' | 'soon' | 'ok' | 'none';

const HOUR_MS = 60 * 60 * 1000;
/** The workbench's "due within 4 h" queue (SPEC §5, daily cadence). */
export const DUE_SOON_HOURS = 4;
const RUNNING: readonly ProblemStatus[] = ['open', 'dispatched', 'in_progress'];

export function dueState(
  item: { status: ProblemStatus; nextDueAt: number; overdueKind: OverdueKind | null },
  now: number,
): DueState {
  if (!RUNNING.includes(item.status)) {
    return 'none';
  }
  if (item.overdueKind !== null || item.nextDueAt <= now) {
    return 'overdue';
  }
  return item.nextDueAt - now <= DUE_SOON_HOURS * HOUR_MS ? 'soon' : 'ok';
}

/** Overdue problems first, keeping the server's order (priority, then deadline) otherwise. */
export function overdueFirst<T extends { overdueKind: OverdueKind | null }>(items: T[]): T[] {
  return [
    ...items.filter((i) => i.overdueKind !== null),
    ...items.filter((i) => i.overdueKind === null),
  ];
}

/** Whole hours (rounded towards zero) between now and a deadline; negative once passed. */
export function hoursLeft(dueAt: number, now: number): number {
  return Math.trunc((dueAt - now) / HOUR_MS);
}
