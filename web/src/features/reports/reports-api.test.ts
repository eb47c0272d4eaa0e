import { describe, expect, it } from 'vitest';

import { formatBytes } from './reports-api';

describe('report download sizes', () => {
  it('prints bytes, kilobytes and megabytes', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(15 * 1024 + 300)).toBe('15.3 KB');
    expect(formatBytes(3.2 * 1024 * 1024)).toBe('3.2 MB');
  });
});
