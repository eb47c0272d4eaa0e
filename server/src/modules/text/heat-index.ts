/**
 * 热度指数 (heat index) of one issue — a problem or a cluster of messages — over a period,
 * formula `heat/1` (docs/text-hot-and-replies.md). Pure: no I/O.
 *
 *   heat = (R + 2·ln(1 + V)) × (1 + 0.25·g) × (1 + 0.1·ln(1 + D))
 *
 * - R: distinct reporters in the period. One person's repeated posts count once; a message
 *   without a known reporter counts as its own reporter.
 * - V: me-too votes in the period, Σ max(votes − against, 0). The logarithm keeps one viral
 *   post (2,000 likes ≈ 15 reporters) from outweighing many people reporting.
 * - g: growth of distinct reporters against the previous period of equal length,
 *   (R − R_prev) / max(R_prev, 1), clipped to [−0.5, 2]: a rising issue gains up to 50 %, a
 *   fading one loses up to 12.5 %.
 * - D: the span in days from the first to the last message of the period: an issue that
 *   persists gains (7 days ≈ +21 %, 30 days ≈ +34 %).
 */
export const HEAT_FORMULA_VERSION = 'heat/1';

export interface HeatItem {
  /** Reporter identity (user id, phone hash, account name); absent = anonymous. */
  reporter?: string | null;
  /** Epoch ms. */
  time: number;
  /** Me-too / likes (点赞). */
  votes?: number;
  /** Disagreements (反对). */
  against?: number;
}

export interface Heat {
  heat: number;
  reporters: number;
  messages: number;
  votes: number;
  previousReporters: number;
  growth: number;
  spanDays: number;
  firstAt: number | null;
  lastAt: number | null;
}

const DAY_MS = 86_400_000;

function distinctReporters(items: HeatItem[]): number {
  const named = new Set<string>();
  let anonymous = 0;
  for (const it of items) {
    const r = it.reporter?.trim();
    if (r) {
      named.add(r);
    } else {
      anonymous++;
    }
  }
  return named.size + anonymous;
}

/**
 * The heat of the items dated in [from, to); items in the previous period of the same length
 * [2·from − to, from) feed the growth; items outside both are ignored.
 */
export function heatIndex(items: HeatItem[], period: { from: number; to: number }): Heat {
  const { from, to } = period;
  const previousFrom = from - (to - from);
  const current = items.filter((i) => i.time >= from && i.time < to);
  const previous = items.filter((i) => i.time >= previousFrom && i.time < from);
  const reporters = distinctReporters(current);
  const previousReporters = distinctReporters(previous);
  const votes = current.reduce((s, i) => s + Math.max((i.votes ?? 0) - (i.against ?? 0), 0), 0);
  const growth = Math.min(
    2,
    Math.max(-0.5, (reporters - previousReporters) / Math.max(previousReporters, 1)),
  );
  const times = current.map((i) => i.time);
  const firstAt = times.length > 0 ? Math.min(...times) : null;
  const lastAt = times.length > 0 ? Math.max(...times) : null;
  const spanDays = firstAt === null || lastAt === null ? 0 : (lastAt - firstAt) / DAY_MS;
  const heat =
    reporters === 0
      ? 0
      : (reporters + 2 * Math.log(1 + votes)) *
        (1 + 0.25 * growth) *
        (1 + 0.1 * Math.log(1 + spanDays));
  return {
    heat: Math.round(heat * 100) / 100,
    reporters,
    messages: current.length,
    votes,
    previousReporters,
    growth: Math.round(growth * 1000) / 1000,
    spanDays: Math.round(spanDays * 10) / 10,
    firstAt,
    lastAt,
  };
}
