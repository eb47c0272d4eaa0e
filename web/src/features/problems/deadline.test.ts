import { describe, expect, it } from 'vitest';

import { dueState, hoursLeft, overdueFirst } from './deadline';

const HOUR = 3_600_000;
const now = Date.UTC(2023, 8, 1, 8);

describe('promise deadlines in the queues', () => {
  it('marks a running problem overdue, due soon or on time', () => {
    const base = { status: 'dispatched' as const, overdueKind: null };
    expect(dueState({ ...base, nextDueAt: now - 1 }, now)).toBe('overdue');
    expect(dueState({ ...base, nextDueAt: now + 3 * HOUR }, now)).toBe('soon');
    expect(dueState({ ...base, nextDueAt: now + 4 * HOUR }, now)).toBe('soon');
    expect(dueState({ ...base, nextDueAt: now + 5 * HOUR }, now)).toBe('ok');
    expect(dueState({ ...base, overdueKind: 'coordination', nextDueAt: now + 9 * HOUR }, now)).toBe(
      'overdue',
    );
  });

  it('has no deadline state once answered or closed', () => {
    expect(dueState({ status: 'resolved', overdueKind: null, nextDueAt: now - HOUR }, now)).toBe(
      'none',
    );
  });

  it('puts overdue problems first and keeps the server order within each group', () => {
    const items = [
      { id: 'a', overdueKind: null },
      { id: 'b', overdueKind: 'resolution' as const },
      { id: 'c', overdueKind: null },
      { id: 'd', overdueKind: 'coordination' as const },
    ];
    expect(overdueFirst(items).map((i) => i.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('counts whole hours left, negative when late', () => {
    expect(hoursLeft(now + 90 * 60_000, now)).toBe(1);
    expect(hoursLeft(now - 150 * 60_000, now)).toBe(-2);
  });
});
