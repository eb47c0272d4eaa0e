export { checkCalendarCoverage } from './calendar-check';
export {
  DEFAULT_SETTINGS,
  ensureCommunitySettings,
  getCommunitySettings,
  type SlaSettings,
} from './community-settings';
export { addPromiseTime, escalationLevel, promiseDeadlines, type WorkCalendar } from './deadlines';
export { sweepOverdue } from './overdue-sweep';
export { computePriority } from './priority';
export { promiseRoutes } from './promise-routes';
export { computeDeadlines, createPromiseService, type PromiseService } from './promise-service';
export { createWorkCalendarRepository } from './work-calendar-repository';
