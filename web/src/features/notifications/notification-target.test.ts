import { describe, expect, it } from 'vitest';

import { notificationTarget } from './notification-target';

describe('notification links', () => {
  it('opens the problem on the page of the role', () => {
    const n = { entityType: 'problem', entityId: 'P1' };
    expect(notificationTarget('staff', n)).toBe('/workbench?tab=active&problem=P1');
    expect(notificationTarget('department', n)).toBe('/inbox?problem=P1');
    expect(notificationTarget('supervisor', n)).toBe('/supervision?tab=overdue&problem=P1');
    expect(notificationTarget('worker', n)).toBeNull();
  });

  it('has no link for other entities', () => {
    expect(notificationTarget('staff', { entityType: 'trouble', entityId: 'T' })).toBeNull();
    expect(notificationTarget('staff', { entityType: null, entityId: null })).toBeNull();
  });
});
