import type { Role } from '../../../../common/enums';

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  createdAt: number;
  readAt: number | null;
}

/** Where a notification leads: the problem's drawer on the page the user works from. */
export function notificationTarget(
  role: Role,
  n: Pick<AppNotification, 'entityType' | 'entityId'>,
): string | null {
  if (n.entityType !== 'problem' || n.entityId === null) {
    return null;
  }
  const problem = encodeURIComponent(n.entityId);
  switch (role) {
    case 'staff':
    case 'admin':
      return `/workbench?tab=active&problem=${problem}`;
    case 'department':
      return `/inbox?problem=${problem}`;
    case 'supervisor':
      return `/supervision?tab=overdue&problem=${problem}`;
    case 'worker':
    case 'enterprise':
    case 'auditor':
      return null;
  }
}
