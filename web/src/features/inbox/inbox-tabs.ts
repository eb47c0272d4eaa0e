import type { ProblemStatus } from '../../../../common/enums';

/** The inbox's views: to do (dispatched or in progress), answered, closed. */
export const INBOX_TABS = ['todo', 'answered', 'closed'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export function isInboxTab(value: string | null): value is InboxTab {
  return value !== null && (INBOX_TABS as readonly string[]).includes(value);
}

export function inboxStatuses(tab: InboxTab): ProblemStatus[] {
  switch (tab) {
    case 'todo':
      return ['dispatched', 'in_progress'];
    case 'answered':
      return ['resolved', 'replied'];
    case 'closed':
      return ['closed'];
  }
}
