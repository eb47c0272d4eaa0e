/**
 * Pure rules of the big screen (大屏): the fixed design canvas, which pages rotate, and how the
 * failure of a fetch is told apart from a bad link.
 */
import { isApiError } from '../../shared/api-client';
import type { ScreenData } from './screen-api';

export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;
/** Each page stays this long. */
export const ROTATE_MS = 15_000;
/** Fresh data this often. */
export const REFRESH_MS = 60_000;

export const SCREEN_PAGES = ['ranking', 'trend', 'figures', 'resolved', 'jobs'] as const;
export type ScreenPageId = (typeof SCREEN_PAGES)[number];

/** Scale and offsets that fit the design canvas into the window, letterboxed and centred. */
export function fitCanvas(
  width: number,
  height: number,
): { scale: number; left: number; top: number } {
  const scale = Math.max(0.01, Math.min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT));
  return {
    scale,
    left: Math.round((width - DESIGN_WIDTH * scale) / 2),
    top: Math.round((height - DESIGN_HEIGHT * scale) / 2),
  };
}

/**
 * The pages to rotate through: all of them, job postings only when there are some, narrowed to
 * `?pages=ranking,trend` when the display asks for a subset.
 */
export function screenPages(data: ScreenData, only: string | null): ScreenPageId[] {
  const available = SCREEN_PAGES.filter((page) => page !== 'jobs' || data.jobPostings.length > 0);
  if (only === null || only.trim() === '') {
    return available;
  }
  const wanted = new Set(only.split(',').map((p) => p.trim()));
  const chosen = available.filter((page) => wanted.has(page));
  return chosen.length > 0 ? chosen : available;
}

/** A link problem (missing, wrong or expired token, unknown community) rather than an outage. */
export function isBadLink(error: unknown): boolean {
  return isApiError(error) && [400, 401, 403, 404].includes(error.status);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05" in the display's local time. */
export function formatHourMinute(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "14:05:09" in the display's local time. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
