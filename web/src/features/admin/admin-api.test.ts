import { describe, expect, it } from 'vitest';

import { compact } from './admin-api';

describe('admin form bodies', () => {
  it('drops empty optional fields', () => {
    expect(
      compact({ name: '丰达兴', contactPhone: '', address: '  ', size: undefined, n: 0 }),
    ).toEqual({
      name: '丰达兴',
      n: 0,
    });
  });
});
