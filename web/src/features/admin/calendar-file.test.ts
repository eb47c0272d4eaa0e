import { describe, expect, it } from 'vitest';

import { parseCalendarFile } from './calendar-file';

describe('holiday calendar upload', () => {
  it('reads CSV with a header and 休/班 kinds', () => {
    const csv = 'day,isOffDay,name\n2024-10-01,休,国庆节\n2024-10-12,班,国庆节调休\n';
    expect(parseCalendarFile(csv, 2024)).toEqual({
      ok: true,
      days: [
        { day: '2024-10-01', isOffDay: true, name: '国庆节' },
        { day: '2024-10-12', isOffDay: false, name: '国庆节调休' },
      ],
    });
  });

  it('reads JSON lists and {days} objects', () => {
    const list = [{ day: '2025-01-01', isOffDay: true, name: '元旦' }];
    expect(parseCalendarFile(JSON.stringify(list), 2025)).toEqual({ ok: true, days: list });
    expect(parseCalendarFile(JSON.stringify({ days: list }), 2025)).toEqual({
      ok: true,
      days: list,
    });
  });

  it('reports every bad line with its number and reason', () => {
    const csv =
      '2024-02-10,off,春节\n2024-13-01,off,坏日期\n2023-05-01,off,别的年份\n2024-05-11,maybe,劳动节\n2024-05-01,off,';
    expect(parseCalendarFile(csv, 2024)).toEqual({
      ok: false,
      errors: [
        { line: 2, reason: 'day' },
        { line: 3, reason: 'year' },
        { line: 4, reason: 'kind' },
        { line: 5, reason: 'name' },
      ],
    });
    expect(parseCalendarFile('{not json', 2024)).toEqual({
      ok: false,
      errors: [{ line: 1, reason: 'format' }],
    });
  });
});
