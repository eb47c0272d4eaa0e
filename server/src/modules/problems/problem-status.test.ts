import { describe, expect, it } from 'vitest';

import { PROBLEM_STATUSES, type ProblemStatus } from '../../../../common/enums';
import { allowedFrom, type ProblemAction, transition } from './problem-status';

const ctx = { reopenCount: 0, maxReopens: 1, hasLeadDepartment: true };

describe('problem state machine', () => {
  it.each<[ProblemStatus, ProblemAction, ProblemStatus]>([
    ['open', 'dispatch', 'dispatched'],
    ['dispatched', 'accept', 'in_progress'],
    ['dispatched', 'handBack', 'open'],
    ['in_progress', 'handBack', 'open'],
    ['in_progress', 'resolve', 'resolved'],
    ['in_progress', 'reply', 'replied'],
    ['dispatched', 'resolve', 'resolved'],
    ['open', 'resolve', 'resolved'],
    ['open', 'reply', 'replied'],
    ['resolved', 'close', 'closed'],
    ['replied', 'close', 'closed'],
    ['closed', 'reopen', 'dispatched'],
    ['resolved', 'reopen', 'dispatched'],
    ['resolved', 'sendBack', 'dispatched'],
    ['replied', 'sendBack', 'dispatched'],
    ['open', 'merge', 'merged'],
    ['in_progress', 'merge', 'merged'],
    ['in_progress', 'note', 'in_progress'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action, ctx)).toEqual({ ok: true, to });
  });

  it('reopens to the community when no lead department is assigned', () => {
    expect(transition('closed', 'reopen', { ...ctx, hasLeadDepartment: false })).toEqual({
      ok: true,
      to: 'open',
    });
    expect(transition('resolved', 'sendBack', { ...ctx, hasLeadDepartment: false })).toEqual({
      ok: true,
      to: 'open',
    });
  });

  it('allows reopening only maxReopens times', () => {
    expect(transition('closed', 'reopen', { ...ctx, reopenCount: 1 })).toEqual({
      ok: false,
      reason: 'reopenLimit',
    });
    expect(transition('closed', 'reopen', { ...ctx, reopenCount: 1, maxReopens: 2 })).toEqual({
      ok: true,
      to: 'dispatched',
    });
    expect(transition('closed', 'reopen', { ...ctx, maxReopens: 0 })).toEqual({
      ok: false,
      reason: 'reopenLimit',
    });
  });

  it.each<[ProblemStatus, ProblemAction]>([
    ['closed', 'resolve'],
    ['closed', 'reply'],
    ['closed', 'dispatch'],
    ['closed', 'close'],
    ['resolved', 'resolve'],
    ['resolved', 'dispatch'],
    ['open', 'accept'],
    ['open', 'close'],
    ['open', 'handBack'],
    ['in_progress', 'dispatch'],
    ['merged', 'reopen'],
    ['merged', 'note'],
    ['merged', 'link'],
    ['closed', 'merge'],
    ['open', 'requestExtension'],
    ['resolved', 'requestExtension'],
  ])('refuses %s --%s-->', (from, action) => {
    expect(transition(from, action, ctx)).toEqual({ ok: false, reason: 'invalidTransition' });
  });

  it('never leaves `merged` (terminal)', () => {
    const actions: ProblemAction[] = [
      'dispatch',
      'accept',
      'handBack',
      'reply',
      'resolve',
      'close',
      'reopen',
      'sendBack',
      'merge',
      'split',
      'link',
      'note',
      'requestExtension',
      'issueSupervision',
    ];
    for (const a of actions) {
      expect(transition('merged', a, ctx).ok).toBe(false);
    }
  });

  it('only names real statuses', () => {
    const actions: ProblemAction[] = ['dispatch', 'accept', 'close', 'reopen'];
    for (const a of actions) {
      for (const s of allowedFrom(a)) {
        expect(PROBLEM_STATUSES).toContain(s);
      }
    }
  });
});
