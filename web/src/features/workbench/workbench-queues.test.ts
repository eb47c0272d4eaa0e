import { describe, expect, it } from 'vitest';

import { queueQuery } from '../problems/problems-api';
import { isWorkbenchQueue, problemQueueFilter } from './workbench-queues';

describe('workbench queues', () => {
  it('asks the server for the due-within-4-hours and overdue queues', () => {
    expect(queueQuery(problemQueueFilter('dueSoon'))).toMatchObject({ dueWithinHours: 4 });
    expect(queueQuery(problemQueueFilter('overdue'))).toMatchObject({
      overdue: 'true',
      status: 'open,dispatched,in_progress',
    });
    expect(queueQuery(problemQueueFilter('mine'))).toMatchObject({ mine: 'true' });
  });

  it('recognises queue names from the URL', () => {
    expect(isWorkbenchQueue('overdue')).toBe(true);
    expect(isWorkbenchQueue('everything')).toBe(false);
    expect(isWorkbenchQueue(null)).toBe(false);
  });
});
