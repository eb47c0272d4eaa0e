import { describe, expect, it } from 'vitest';

import { ApiError } from '../../shared/api-client';
import type { ScreenData } from './screen-api';
import { fitCanvas, formatClock, formatHourMinute, isBadLink, screenPages } from './screen-layout';

const data = (jobs: number) =>
  ({
    jobPostings: Array.from({ length: jobs }, (_, i) => ({
      title: `普工${i}`,
      enterprise: 'e',
      headcount: 1,
      pay: '4000',
    })),
  }) as unknown as ScreenData;

describe('big-screen canvas', () => {
  it('fills a 1920×1080 window exactly', () => {
    expect(fitCanvas(1920, 1080)).toEqual({ scale: 1, left: 0, top: 0 });
  });

  it('letterboxes other shapes, centred', () => {
    expect(fitCanvas(1280, 1024)).toEqual({ scale: 1280 / 1920, left: 0, top: 152 });
    expect(fitCanvas(3840, 1200)).toEqual({ scale: 1200 / 1080, left: 853, top: 0 });
  });
});

describe('rotation', () => {
  it('shows job postings only when there are some', () => {
    expect(screenPages(data(0), null)).toEqual(['ranking', 'trend', 'figures', 'resolved']);
    expect(screenPages(data(2), null)).toContain('jobs');
  });

  it('narrows to ?pages= and ignores unknown or unavailable pages', () => {
    expect(screenPages(data(0), 'trend, figures')).toEqual(['trend', 'figures']);
    expect(screenPages(data(0), 'jobs')).toEqual(['ranking', 'trend', 'figures', 'resolved']);
    expect(screenPages(data(0), 'nonsense')).toHaveLength(4);
  });
});

describe('errors and clock', () => {
  it('tells a bad link from an outage', () => {
    expect(isBadLink(new ApiError('x', { status: 404, code: 'NOT_FOUND' }))).toBe(true);
    expect(isBadLink(new ApiError('x', { status: 400, code: 'VALIDATION_FAILED' }))).toBe(true);
    expect(isBadLink(new ApiError('x', { status: 503, code: 'SERVICE_UNAVAILABLE' }))).toBe(false);
    expect(isBadLink(new ApiError('x', { status: 0, code: 'NETWORK_ERROR' }))).toBe(false);
    expect(isBadLink(new Error('x'))).toBe(false);
  });

  it('prints local times with leading zeros', () => {
    const at = new Date(2023, 8, 1, 7, 5, 9).getTime();
    expect(formatHourMinute(at)).toBe('07:05');
    expect(formatClock(at)).toBe('07:05:09');
  });
});
