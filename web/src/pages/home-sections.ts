import { paths } from '../app/paths';

/**
 * Sections on the home page. Each id keys `home.sections.<id>.{title,description}` in the
 * locale files. A live section has a route (and an `action` text); the others show as
 * "coming soon" cards until they ship.
 */
export const LIVE_SECTIONS = [
  { id: 'indexDashboard', path: paths.indices },
  { id: 'reports', path: paths.reports },
] as const;

export type LiveSection = (typeof LIVE_SECTIONS)[number]['id'];

export const COMING_SOON_SECTIONS = [
  'workbench',
  'departmentInbox',
  'supervision',
  'systemAdmin',
] as const;

export type ComingSoonSection = (typeof COMING_SOON_SECTIONS)[number];
