/** Timeline actions with a label in the locale files (`work.timeline.actions.<action>`). */
export const TIMELINE_ACTIONS = [
  'receive',
  'create',
  'triage',
  'link',
  'resolveOnSpot',
  'dispatch',
  'accept',
  'handBack',
  'resolve',
  'reply',
  'close',
  'reopen',
  'sendBack',
  'note',
  'publicNote',
  'merge',
  'mergeIn',
  'split',
  'requestExtension',
  'extensionApproved',
  'extensionRefused',
  'issueSupervision',
  'respondSupervision',
  'closeSupervision',
  'escalate',
  'rate',
  'callback',
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

export function isTimelineAction(action: string): action is TimelineAction {
  return (TIMELINE_ACTIONS as readonly string[]).includes(action);
}

/** Status changes recorded in an event's before/after, as `[from, to]` (either may be null). */
export function statusChange(before: unknown, after: unknown): [string | null, string | null] {
  const read = (v: unknown) =>
    typeof v === 'object' && v !== null && 'status' in v && typeof v.status === 'string'
      ? v.status
      : null;
  return [read(before), read(after)];
}
