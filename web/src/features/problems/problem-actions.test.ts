import { describe, expect, it } from 'vitest';

import { actionRequest, availableActions } from './problem-actions';
import type { ProblemDetail } from './problem-types';

function problem(over: Partial<ProblemDetail> = {}): ProblemDetail {
  return {
    id: 'p1',
    code: 'BH-P23-0001',
    communityId: 'c1',
    title: 't',
    summary: '',
    publicSummary: null,
    category: null,
    ownerUserId: null,
    status: 'open',
    priority: 'P1',
    severity: 'major',
    urgency: 'urgent',
    workersAffected: 1,
    receivedAt: 0,
    coordinationDueAt: 0,
    resolutionDueAt: 0,
    deadlineEstimated: false,
    coordinatedAt: null,
    answeredAt: null,
    closedAt: null,
    resolutionText: null,
    reopenCount: 0,
    overdueKind: null,
    escalationLevel: 0,
    mergedIntoId: null,
    departments: [],
    troubles: [],
    extensions: [],
    supervisionOrders: [],
    ...over,
  };
}

const lead = {
  id: 'd1',
  name: '劳动就业局',
  role: 'lead',
  status: 'assigned',
  reason: null,
  assignedAt: 0,
  acceptedAt: null,
};

describe('actions offered on a problem', () => {
  it('lets staff dispatch an open problem and close an answered one', () => {
    const staff = { role: 'staff' as const, departmentId: null };
    expect(availableActions(problem(), staff)).toContain('dispatch');
    const answered = availableActions(problem({ status: 'resolved' }), staff);
    expect(answered).toEqual(expect.arrayContaining(['close', 'sendBack', 'reopen']));
    expect(answered).not.toContain('dispatch');
  });

  it('lets the lead department accept, answer, hand back and ask for more time', () => {
    const dept = { role: 'department' as const, departmentId: 'd1' };
    const p = problem({ status: 'dispatched', departments: [lead] });
    expect(availableActions(p, dept)).toEqual([
      'accept',
      'resolve',
      'reply',
      'requestExtension',
      'handBack',
      'note',
    ]);
    const accepted = problem({
      status: 'in_progress',
      departments: [{ ...lead, status: 'accepted' }],
    });
    expect(availableActions(accepted, dept)).not.toContain('accept');
  });

  it('gives a cooperating department only accept and notes', () => {
    const dept = { role: 'department' as const, departmentId: 'd1' };
    const p = problem({ status: 'dispatched', departments: [{ ...lead, role: 'cooperating' }] });
    expect(availableActions(p, dept)).toEqual(['accept', 'note']);
  });

  it('lets a supervisor issue a supervision order', () => {
    const sup = { role: 'supervisor' as const, departmentId: null };
    expect(availableActions(problem({ status: 'in_progress' }), sup)).toContain('issueSupervision');
  });
});

describe('action requests', () => {
  it('maps the hand-back and dispatch forms to their endpoints', () => {
    expect(actionRequest('handBack', { reason: '不属本部门' })).toEqual({
      path: 'hand-back',
      body: { reason: '不属本部门' },
    });
    expect(
      actionRequest('dispatch', {
        leadDepartmentId: 'd1',
        cooperatingDepartmentIds: ['d1', 'd2'],
        note: ' ',
      }),
    ).toEqual({
      path: 'dispatch',
      body: { leadDepartmentId: 'd1', cooperatingDepartmentIds: ['d2'], note: null },
    });
  });

  it('sends replies with an optional public summary', () => {
    expect(actionRequest('reply', { text: '已协调', publicSummary: '' })).toEqual({
      path: 'reply',
      body: { text: '已协调', publicSummary: null },
    });
  });
});
