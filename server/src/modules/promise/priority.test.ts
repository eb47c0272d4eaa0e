import { describe, expect, it } from 'vitest';

import { computePriority, priorityOf } from './priority';

describe('轻重缓急 priority', () => {
  it('maps severity × urgency to P1–P4', () => {
    expect(priorityOf('major', 'urgent')).toBe('P1');
    expect(priorityOf('major', 'normal')).toBe('P2');
    expect(priorityOf('minor', 'urgent')).toBe('P3');
    expect(priorityOf('minor', 'normal')).toBe('P4');
  });

  it('raises severity when many workers are affected (threshold configurable)', () => {
    expect(
      computePriority({ severity: 'minor', urgency: 'normal', workersAffected: 9, threshold: 10 }),
    ).toEqual({ severity: 'minor', priority: 'P4' });
    expect(
      computePriority({ severity: 'minor', urgency: 'normal', workersAffected: 10, threshold: 10 }),
    ).toEqual({ severity: 'major', priority: 'P2' });
    expect(
      computePriority({
        severity: 'minor',
        urgency: 'urgent',
        workersAffected: 50,
        threshold: 100,
      }),
    ).toEqual({ severity: 'minor', priority: 'P3' });
    expect(
      computePriority({
        severity: 'minor',
        urgency: 'urgent',
        workersAffected: 100,
        threshold: 100,
      }),
    ).toEqual({ severity: 'major', priority: 'P1' });
  });
});
