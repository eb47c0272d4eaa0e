import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';

import { dueSlots } from './scheduler';

const iso = (ms: number[]) => ms.map((m) => new Date(m).toISOString());

describe('scheduler slots', () => {
  const minutely = new Cron('* * * * *', { timezone: 'Asia/Shanghai', paused: true });
  const monthly = new Cron('0 6 1 * *', { timezone: 'Asia/Shanghai', paused: true });
  const now = Date.parse('2023-12-15T04:30:30Z');

  it('enqueues only the most recent slot for a sweep, however long the outage', () => {
    expect(iso(dueSlots(minutely, 'latest', Date.parse('2023-12-12T00:00:00Z'), now))).toEqual([
      '2023-12-15T04:30:00.000Z',
    ]);
    expect(dueSlots(minutely, 'latest', Date.parse('2023-12-15T04:30:00Z'), now)).toEqual([]);
  });

  it('enqueues every missed month for per-period work (reports), in Asia/Shanghai time', () => {
    expect(iso(dueSlots(monthly, 'all', Date.parse('2023-08-31T22:00:00Z'), now))).toEqual([
      '2023-09-30T22:00:00.000Z',
      '2023-10-31T22:00:00.000Z',
      '2023-11-30T22:00:00.000Z',
    ]);
    expect(iso(dueSlots(monthly, 'all', null, now))).toEqual(['2023-11-30T22:00:00.000Z']);
  });
});
