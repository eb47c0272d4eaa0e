import type { Channel, ReporterType } from '../../../../common/enums';
import {
  at,
  between,
  councilDay,
  daysOf,
  forumDay,
  isWorkingDay,
  surveyDays,
} from './demo-calendar';
import type { Rng } from './demo-random';

/** Through which channels, and when, each kind of reporter brings a trouble. */
export const CHANNELS_BY_REPORTER: Record<ReporterType, [Channel, number][]> = {
  worker: [
    ['visit', 22],
    ['forum', 14],
    ['survey', 14],
    ['online', 15],
    ['qr', 13],
    ['hotline', 10],
    ['grid', 7],
    ['council', 5],
  ],
  enterprise: [
    ['visit', 62],
    ['forum', 18],
    ['online', 10],
    ['hotline', 10],
  ],
  anonymous: [
    ['survey', 50],
    ['qr', 28],
    ['online', 22],
  ],
  staff: [['grid', 1]],
};

const ONLINE_HOURS: [[number, number], number][] = [
  [[7, 8], 2],
  [[8, 12], 2],
  [[12, 14], 3],
  [[14, 18], 2],
  [[18, 23], 5],
  [[23, 26], 1.5],
];

/** When a trouble arrives through a channel in a month (2023, Asia/Shanghai). */
export function receivedTime(
  rng: Rng,
  channel: Channel,
  month: number,
  window?: DayWindow,
): number {
  const days = daysOf(month).filter((d) => !window || (d >= window.from && d <= window.to));
  const working = days.filter(isWorkingDay);
  switch (channel) {
    case 'forum': {
      const day = forumDay(month);
      return between(rng, at(day, 19, 30), at(day, 21, 30));
    }
    case 'council': {
      const day = councilDay(month);
      return between(rng, at(day, 14, 30), at(day, 16, 30));
    }
    case 'survey': {
      const day = rng.pick(surveyDays(month));
      return between(rng, at(day, 9), at(day, 17));
    }
    case 'visit': {
      const day = rng.pick(working);
      return rng.chance(0.6)
        ? between(rng, at(day, 9), at(day, 11, 30))
        : between(rng, at(day, 14, 30), at(day, 17, 30));
    }
    case 'grid': {
      const day = rng.pick(working);
      return between(rng, at(day, 8, 30), at(day, 17, 30));
    }
    case 'hotline': {
      const day = rng.pick(days);
      return between(rng, at(day, 8), at(day, 21));
    }
    case 'online':
    case 'qr':
    case 'import':
    case 'open311': {
      const day = rng.pick(days);
      const [from, to] = rng.weighted(ONLINE_HOURS);
      const t = between(rng, at(day, from), at(day, to));
      return Math.min(t, at(days.at(-1)!, 23, 50));
    }
  }
}

/** Local days (inclusive) a trouble must fall in. */
export interface DayWindow {
  from: string;
  to: string;
}

/** Channels tied to fixed days (forum, council, survey) only when such a day lies in the window. */
export function fitsWindow(channel: Channel, month: number, window: DayWindow): boolean {
  const inside = (d: string) => d >= window.from && d <= window.to;
  if (channel === 'forum') {
    return inside(forumDay(month));
  }
  if (channel === 'council') {
    return inside(councilDay(month));
  }
  return channel !== 'survey' || surveyDays(month).some(inside);
}
