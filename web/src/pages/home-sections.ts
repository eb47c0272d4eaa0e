/**
 * Sections shown on the home page as "coming soon" cards. Each id keys
 * `home.sections.<id>.{title,description}` in the locale files; when a section ships, give it
 * a route and turn its card into a link.
 */
export const COMING_SOON_SECTIONS = [
  'workbench',
  'departmentInbox',
  'supervision',
  'indexDashboard',
  'systemAdmin',
] as const;

export type ComingSoonSection = (typeof COMING_SOON_SECTIONS)[number];
