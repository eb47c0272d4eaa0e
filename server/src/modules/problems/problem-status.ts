import type { ProblemStatus } from '../../../../common/enums';

/**
 * The problem state machine (SPEC §3), pure: it decides every transition and nothing else.
 *
 *   open ──dispatch──▶ dispatched ──accept──▶ in_progress
 *    ▲  ◀──handBack──┘   │    ◀──handBack──┘      │
 *    │                   └──resolve/reply─────────┴──▶ resolved | replied ──close──▶ closed
 *    └─────────resolve/reply (handled by the community itself)──┘
 *   resolved | replied ──sendBack──▶ dispatched (or open without a lead department)
 *   resolved | replied | closed ──reopen (dissatisfied, at most maxReopens)──▶ dispatched | open
 *   any but closed/merged ──merge──▶ merged (terminal)
 */
export type ProblemAction =
  | 'dispatch'
  | 'accept'
  | 'handBack'
  | 'reply'
  | 'resolve'
  | 'close'
  | 'reopen'
  | 'sendBack'
  | 'merge'
  | 'split'
  | 'link'
  | 'note'
  | 'requestExtension'
  | 'issueSupervision';

export interface TransitionContext {
  reopenCount: number;
  maxReopens: number;
  hasLeadDepartment: boolean;
}

export type TransitionResult =
  | { ok: true; to: ProblemStatus }
  | { ok: false; reason: 'invalidTransition' }
  | { ok: false; reason: 'reopenLimit' };

const ACTIVE: readonly ProblemStatus[] = ['open', 'dispatched', 'in_progress'];
const ANSWERED: readonly ProblemStatus[] = ['resolved', 'replied'];

const FROM: Record<ProblemAction, readonly ProblemStatus[]> = {
  dispatch: ['open'],
  accept: ['dispatched', 'in_progress'],
  handBack: ['dispatched', 'in_progress'],
  reply: ACTIVE,
  resolve: ACTIVE,
  close: ANSWERED,
  reopen: [...ANSWERED, 'closed'],
  sendBack: ANSWERED,
  merge: [...ACTIVE, ...ANSWERED],
  split: [...ACTIVE, ...ANSWERED],
  link: [...ACTIVE, ...ANSWERED, 'closed'],
  note: [...ACTIVE, ...ANSWERED, 'closed'],
  requestExtension: ['dispatched', 'in_progress'],
  issueSupervision: [...ACTIVE, ...ANSWERED],
};

export function allowedFrom(action: ProblemAction): readonly ProblemStatus[] {
  return FROM[action];
}

/** Decides whether `action` may happen to a problem in `from`, and the status it leads to. */
export function transition(
  from: ProblemStatus,
  action: ProblemAction,
  ctx: TransitionContext,
): TransitionResult {
  if (!FROM[action].includes(from)) {
    return { ok: false, reason: 'invalidTransition' };
  }
  const backToWork: ProblemStatus = ctx.hasLeadDepartment ? 'dispatched' : 'open';
  switch (action) {
    case 'dispatch':
      return { ok: true, to: 'dispatched' };
    case 'accept':
      return { ok: true, to: 'in_progress' };
    case 'handBack':
      return { ok: true, to: 'open' };
    case 'reply':
      return { ok: true, to: 'replied' };
    case 'resolve':
      return { ok: true, to: 'resolved' };
    case 'close':
      return { ok: true, to: 'closed' };
    case 'reopen':
      if (ctx.reopenCount >= ctx.maxReopens) {
        return { ok: false, reason: 'reopenLimit' };
      }
      return { ok: true, to: backToWork };
    case 'sendBack':
      return { ok: true, to: backToWork };
    case 'merge':
      return { ok: true, to: 'merged' };
    case 'split':
    case 'link':
    case 'note':
    case 'requestExtension':
    case 'issueSupervision':
      return { ok: true, to: from };
  }
}

/** True while the promise clock runs (not yet resolved, replied, closed or merged). */
export function isActive(status: ProblemStatus): boolean {
  return ACTIVE.includes(status);
}

/** True once the problem has an answer the reporters can rate. */
export function isAnswered(status: ProblemStatus): boolean {
  return ANSWERED.includes(status) || status === 'closed';
}
