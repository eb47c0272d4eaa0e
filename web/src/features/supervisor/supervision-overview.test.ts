import { describe, expect, it } from 'vitest';

import type { QueueItem } from '../problems/problem-types';
import { communityOverview, escalated } from './supervision-overview';

const item = (over: Partial<QueueItem>): QueueItem => ({
  id: 'p',
  code: 'X',
  communityId: 'c1',
  title: '',
  category: null,
  status: 'dispatched',
  priority: 'P3',
  severity: 'minor',
  urgency: 'urgent',
  workersAffected: 1,
  troubleCount: 1,
  receivedAt: 0,
  coordinationDueAt: 0,
  resolutionDueAt: 0,
  nextDueAt: 0,
  overdueKind: null,
  escalationLevel: 0,
  reopenCount: 0,
  ...over,
});

const communities = [
  { id: 'c1', countyId: 'k', slug: 'a', name: '宝华', codePrefix: 'BH' },
  { id: 'c2', countyId: 'k', slug: 'b', name: '桐木', codePrefix: 'TM' },
];

describe('supervisor overview', () => {
  it('counts running, overdue, escalated and P1 problems per community', () => {
    const rows = communityOverview(communities, [
      item({ id: '1' }),
      item({
        id: '2',
        communityId: 'c2',
        overdueKind: 'resolution',
        escalationLevel: 2,
        priority: 'P1',
      }),
    ]);
    expect(rows).toEqual([
      { id: 'c2', name: '桐木', active: 1, overdue: 1, escalated: 1, p1: 1 },
      { id: 'c1', name: '宝华', active: 1, overdue: 0, escalated: 0, p1: 0 },
    ]);
  });

  it('lists escalated problems, the most escalated first', () => {
    const list = escalated([
      item({ id: 'a', escalationLevel: 1 }),
      item({ id: 'b' }),
      item({ id: 'c', escalationLevel: 3 }),
    ]);
    expect(list.map((p) => p.id)).toEqual(['c', 'a']);
  });
});
