import { describe, expect, it } from 'vitest';

import { isTimelineAction, statusChange } from './timeline-labels';

describe('timeline labels', () => {
  it('knows the lifecycle actions and leaves unknown ones raw', () => {
    expect(isTimelineAction('handBack')).toBe(true);
    expect(isTimelineAction('somethingNew')).toBe(false);
  });

  it('reads the status change of an event', () => {
    expect(statusChange({ status: 'open' }, { status: 'dispatched', lead: 'd1' })).toEqual([
      'open',
      'dispatched',
    ]);
    expect(statusChange(null, { rating: 'satisfied' })).toEqual([null, null]);
  });
});
