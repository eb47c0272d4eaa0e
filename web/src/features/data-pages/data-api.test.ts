import { describe, expect, it } from 'vitest';

import { exportUrl } from './data-api';

describe('exportUrl', () => {
  it('builds the export link with the list filters, dropping empty ones', () => {
    expect(exportUrl('troubles', 'xlsx', { unlinked: 'true', q: '', communityId: undefined })).toBe(
      '/api/v1/exports/troubles.xlsx?unlinked=true',
    );
    expect(exportUrl('departments', 'csv')).toBe('/api/v1/exports/departments.csv');
  });

  it('joins status lists with commas and keeps booleans', () => {
    const url = exportUrl('problems', 'csv', {
      status: ['open', 'dispatched'],
      overdue: true,
      mask: 'true',
    });
    expect(url).toBe(
      '/api/v1/exports/problems.csv?status=open%2Cdispatched&overdue=true&mask=true',
    );
  });
});
