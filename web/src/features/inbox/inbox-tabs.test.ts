import { describe, expect, it } from 'vitest';

import { inboxStatuses, isInboxTab } from './inbox-tabs';

describe('inbox tabs', () => {
  it('shows dispatched and accepted problems as to do', () => {
    expect(inboxStatuses('todo')).toEqual(['dispatched', 'in_progress']);
    expect(inboxStatuses('answered')).toEqual(['resolved', 'replied']);
  });

  it('reads the tab from the URL', () => {
    expect(isInboxTab('closed')).toBe(true);
    expect(isInboxTab('x')).toBe(false);
  });
});
