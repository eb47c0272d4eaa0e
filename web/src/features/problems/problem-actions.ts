import type { ProblemStatus, Role } from '../../../../common/enums';
import type { ProblemDetail } from './problem-types';

/**
 * The lifecycle actions a user can take on a problem from its drawer. The server decides
 * (state machine and scope); this list only hides buttons that would certainly be refused.
 */
export const PROBLEM_ACTIONS = [
  'dispatch',
  'accept',
  'handBack',
  'resolve',
  'reply',
  'requestExtension',
  'close',
  'sendBack',
  'reopen',
  'note',
  'merge',
  'split',
  'issueSupervision',
] as const;
export type ProblemActionKind = (typeof PROBLEM_ACTIONS)[number];

const ACTIVE: readonly ProblemStatus[] = ['open', 'dispatched', 'in_progress'];
const ANSWERED: readonly ProblemStatus[] = ['resolved', 'replied'];
const ASSIGNED: readonly ProblemStatus[] = ['dispatched', 'in_progress'];

type Viewer = { role: Role; departmentId: string | null };

function myAssignment(problem: ProblemDetail, viewer: Viewer) {
  return problem.departments.find(
    (d) => d.id === viewer.departmentId && d.status !== 'handed_back',
  );
}

/** Actions offered to `viewer` on `problem`, in display order. */
export function availableActions(problem: ProblemDetail, viewer: Viewer): ProblemActionKind[] {
  const s = problem.status;
  const active = ACTIVE.includes(s);
  const answered = ANSWERED.includes(s);
  const out: ProblemActionKind[] = [];
  const add = (kind: ProblemActionKind, when: boolean) => {
    if (when) {
      out.push(kind);
    }
  };
  switch (viewer.role) {
    case 'staff':
    case 'admin':
      add('dispatch', s === 'open');
      add('resolve', active);
      add('reply', active);
      add('close', answered);
      add('sendBack', answered);
      add('reopen', answered || s === 'closed');
      add('merge', active || answered);
      add('split', (active || answered) && problem.troubles.length > 1);
      add('issueSupervision', viewer.role === 'admin' && (active || answered));
      add('note', s !== 'merged');
      break;
    case 'department': {
      const mine = myAssignment(problem, viewer);
      const lead = mine?.role === 'lead';
      add('accept', mine?.status === 'assigned' && ASSIGNED.includes(s));
      add('resolve', lead && active);
      add('reply', lead && active);
      add('requestExtension', lead && ASSIGNED.includes(s));
      add('handBack', lead && ASSIGNED.includes(s));
      add('note', mine !== undefined && s !== 'merged');
      break;
    }
    case 'supervisor':
      add('issueSupervision', active || answered);
      add('sendBack', answered);
      add('reopen', answered || s === 'closed');
      add('note', s !== 'merged');
      break;
    case 'worker':
    case 'enterprise':
    case 'auditor':
      break;
  }
  return out;
}

/** Form values of the action dialog; each action reads the fields it needs. */
export interface ActionValues {
  reason?: string;
  text?: string;
  publicSummary?: string;
  isPublic?: boolean;
  note?: string;
  leadDepartmentId?: string;
  cooperatingDepartmentIds?: string[];
  targetId?: string;
  troubleIds?: string[];
  title?: string;
  dueAt?: number;
  demand?: string;
}

const orNull = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.trim());

/** The request an action sends: path under `/api/v1/problems/:id/` and its JSON body. */
export function actionRequest(
  kind: ProblemActionKind,
  v: ActionValues,
): { path: string; body: Record<string, unknown> } {
  switch (kind) {
    case 'dispatch':
      return {
        path: 'dispatch',
        body: {
          leadDepartmentId: v.leadDepartmentId,
          cooperatingDepartmentIds: (v.cooperatingDepartmentIds ?? []).filter(
            (id) => id !== v.leadDepartmentId,
          ),
          note: orNull(v.note),
        },
      };
    case 'accept':
      return { path: 'accept', body: {} };
    case 'handBack':
      return { path: 'hand-back', body: { reason: v.reason } };
    case 'sendBack':
      return { path: 'send-back', body: { reason: v.reason } };
    case 'reopen':
      return { path: 'reopen', body: { reason: v.reason } };
    case 'resolve':
    case 'reply':
      return { path: kind, body: { text: v.text, publicSummary: orNull(v.publicSummary) } };
    case 'close':
      return { path: 'close', body: { note: orNull(v.note) } };
    case 'note':
      return { path: 'notes', body: { text: v.text, isPublic: v.isPublic === true } };
    case 'merge':
      return { path: 'merge', body: { targetId: v.targetId, note: orNull(v.note) } };
    case 'split':
      return { path: 'split', body: { troubleIds: v.troubleIds ?? [], title: v.title } };
    case 'requestExtension':
      return { path: 'extensions', body: { requestedDueAt: v.dueAt, reason: v.reason } };
    case 'issueSupervision':
      return {
        path: 'supervision-orders',
        body: { reason: v.reason, demand: v.demand, dueAt: v.dueAt },
      };
  }
}
