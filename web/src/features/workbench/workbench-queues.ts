import type { ProblemStatus } from '../../../../common/enums';
import { DUE_SOON_HOURS } from '../problems/deadline';
import type { QueueFilter } from '../problems/problems-api';

/** The workbench queues (SPEC §5 daily cadence): new to triage, mine, due within 4 h, overdue. */
export const WORKBENCH_QUEUES = ['triage', 'mine', 'dueSoon', 'overdue', 'active'] as const;
export type WorkbenchQueue = (typeof WORKBENCH_QUEUES)[number];

const OPEN_OR_ANSWERED: ProblemStatus[] = [
  'open',
  'dispatched',
  'in_progress',
  'resolved',
  'replied',
];

export function isWorkbenchQueue(value: string | null): value is WorkbenchQueue {
  return value !== null && (WORKBENCH_QUEUES as readonly string[]).includes(value);
}

/** The `GET /problems` filter of a problem queue; the triage queue lists troubles instead. */
export function problemQueueFilter(queue: Exclude<WorkbenchQueue, 'triage'>): QueueFilter {
  switch (queue) {
    case 'mine':
      return { mine: true, status: OPEN_OR_ANSWERED };
    case 'dueSoon':
      return { dueWithinHours: DUE_SOON_HOURS };
    case 'overdue':
      return { overdue: true, status: ['open', 'dispatched', 'in_progress'] };
    case 'active':
      return { status: OPEN_OR_ANSWERED };
  }
}

/** The `GET /troubles` query of the triage queue: received, not linked, oldest deadline first. */
export const TRIAGE_QUERY = { unlinked: 'true', order: 'deadline', limit: 200 } as const;
