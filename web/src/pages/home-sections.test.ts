import { describe, expect, it } from 'vitest';

import { hasNotifications, landingPath, sectionsFor } from './home-sections';

describe('home page sections by role', () => {
  it('shows staff the workbench and departments their inbox', () => {
    expect(sectionsFor('staff').map((s) => s.id)).toEqual([
      'workbench',
      'indexDashboard',
      'reports',
      'imports',
      'clusters',
    ]);
    expect(sectionsFor('department').map((s) => s.id)).toEqual([
      'departmentInbox',
      'indexDashboard',
      'reports',
    ]);
  });

  it('shows the supervisor view to supervisors and everything to admins', () => {
    expect(sectionsFor('supervisor').map((s) => s.id)).toContain('supervision');
    expect(sectionsFor('admin')).toHaveLength(7);
    expect(sectionsFor('worker')).toEqual([]);
  });

  it('gives the auditor the audit trail only, as its landing page, and no notifications', () => {
    expect(sectionsFor('auditor').map((s) => s.id)).toEqual(['audit']);
    expect(sectionsFor('admin').map((s) => s.id)).not.toContain('audit');
    expect(landingPath('auditor')).toBe('/audit');
    expect(landingPath('admin')).toBe('/');
    expect(hasNotifications('auditor')).toBe(false);
    expect(hasNotifications('staff')).toBe(true);
  });
});
