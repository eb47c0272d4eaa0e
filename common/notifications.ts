/**
 * Notification event types and channel kinds (SPEC §9), shared by server and web. Admins route
 * each event type of a community to any number of channels (docs/notifications.md).
 */
export const NOTIFICATION_EVENTS = [
  'trouble.p1', // 新的重急（P1）烦恼
  'problem.overdue', // 逾期
  'problem.escalated', // 逾期升级 / 督办
  'problem.reopened', // 重新办理
  'report.ready', // 月报已生成
  'indices.earlyWarning', // 烦恼预警
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_EVENT_LABELS: Record<NotificationEvent, { 'zh-CN': string; en: string }> =
  {
    'trouble.p1': { 'zh-CN': '新的重急烦恼', en: 'New P1 trouble' },
    'problem.overdue': { 'zh-CN': '逾期提醒', en: 'Overdue' },
    'problem.escalated': { 'zh-CN': '逾期升级督办', en: 'Escalation' },
    'problem.reopened': { 'zh-CN': '重新办理', en: 'Reopened' },
    'report.ready': { 'zh-CN': '月报已生成', en: 'Monthly report ready' },
    'indices.earlyWarning': { 'zh-CN': '烦恼预警', en: 'Early warning' },
  };

export const CHANNEL_KINDS = ['email', 'wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const DELIVERY_STATES = ['pending', 'sending', 'sent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
