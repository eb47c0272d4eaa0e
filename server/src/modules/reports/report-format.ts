import { formatLocal, localDay } from '../../shared/business-time';
import { label } from '../../shared/messages';

/** Pure formatting helpers for the monthly report (月报); Chinese texts, no I/O. */

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** True for a calendar month written YYYY-MM. */
export function isMonth(month: string): boolean {
  return MONTH_RE.test(month);
}

/** The month `n` months after (or before, for negative `n`) a YYYY-MM month. */
export function addMonths(month: string, n: number): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
}

/** The local (Asia/Shanghai) month an instant falls in, YYYY-MM. */
export function monthOf(ms: number): string {
  return localDay(ms).slice(0, 7);
}

/** The half-open local day range of a month: from its first day to the next month's first day. */
export function monthRange(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${addMonths(month, 1)}-01` };
}

/** 2023-09 → 2023年9月 */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** 2023-09 → 9月 (axis labels). */
export function shortMonthLabel(month: string): string {
  return `${Number(month.slice(5, 7))}月`;
}

/** The last day of a month as 9月30日. */
export function monthEndLabel(month: string): string {
  const last = new Date(Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`) - 86_400_000);
  return `${last.getUTCMonth() + 1}月${last.getUTCDate()}日`;
}

/** A percentage with 2 decimals: 13.94 → "13.94%"; null → "—". */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)}%`;
}

/** A change in percentage points with its sign: 1.2 → "+1.20"; null → "—". */
export function formatPoints(value: number | null): string {
  if (value === null) {
    return '—';
  }
  return value > 0 ? `+${value.toFixed(2)}` : value.toFixed(2);
}

/** A signed count difference: 12 → "+12", -3 → "-3", 0 → "持平". */
export function formatCountChange(current: number, previous: number): string {
  const d = current - previous;
  return d === 0 ? '持平' : d > 0 ? `+${d}` : String(d);
}

/** Local date of an instant, YYYY-MM-DD. */
export function formatDay(ms: number): string {
  return localDay(ms);
}

/** Local date and time of an instant, YYYY-MM-DD HH:mm. */
export function formatDateTime(ms: number): string {
  return formatLocal(ms);
}

/** The Chinese label of a problem status (已交办, 协调落实中, 已解决, …). */
export function statusLabel(status: string): string {
  return label(status, 'zh-CN');
}

const PRIORITY_LABELS: Record<string, string> = {
  P1: 'P1 重急',
  P2: 'P2 重缓',
  P3: 'P3 轻急',
  P4: 'P4 轻缓',
};

/** P1 → "P1 重急" (轻重缓急, SPEC §3). */
export function priorityLabel(priority: string): string {
  return PRIORITY_LABELS[priority] ?? priority;
}

/** The Chinese report title: 「<社区名> 烦恼指数月报 <YYYY年M月>」. */
export function reportTitle(communityName: string, month: string): string {
  return `${communityName} 烦恼指数月报 ${monthLabel(month)}`;
}

/** The download file name (no spaces), e.g. 宝华工业社区烦恼指数月报2023年9月.pdf */
export function reportFileName(communityName: string, month: string, ext: 'pdf' | 'xlsx'): string {
  return `${communityName}烦恼指数月报${monthLabel(month)}.${ext}`;
}
