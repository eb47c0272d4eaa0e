/**
 * Business time is Asia/Shanghai. China has used UTC+8 without daylight saving since 1991, so the
 * conversion is a fixed offset; this module is the single place that knows it.
 */
export const BUSINESS_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** The local calendar day (YYYY-MM-DD) of an instant. */
export function localDay(ms: number): string {
  return new Date(ms + BUSINESS_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant local midnight of a YYYY-MM-DD day begins. */
export function localDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) - BUSINESS_OFFSET_MS;
}

/** Day of week of a local day, 0 = Sunday … 6 = Saturday. */
export function localWeekday(day: string): number {
  return new Date(`${day}T00:00:00.000Z`).getUTCDay();
}

/** The next local day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** Formats an instant as local `YYYY-MM-DD HH:mm` for messages. */
export function formatLocal(ms: number): string {
  return new Date(ms + BUSINESS_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** ISO-8601 with the +08:00 offset, e.g. for Open311 and exports. */
export function isoLocal(ms: number): string {
  return `${new Date(ms + BUSINESS_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
