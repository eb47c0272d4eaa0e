import { describe, expect, it } from 'vitest';

import { spaPageFor } from './error-handler';

describe('spaPageFor (which web page answers an HTML request)', () => {
  it('serves the worker pages for /report and /track…', () => {
    for (const url of [
      '/report',
      '/report/',
      '/report?enterprise=01HX',
      '/report?community=baohua',
      '/track',
      '/track/',
      '/track/BH-ABCDE-FGHJK',
      '/track/BH-ABCDE-FGHJK?x=1',
    ]) {
      expect(spaPageFor(url), url).toBe('worker.html');
    }
  });

  it('serves the staff app for everything else, including look-alike paths', () => {
    for (const url of [
      '/',
      '/login',
      '/reports',
      '/reports?month=2023-09',
      '/tracker',
      '/track/a/b',
      '/indices',
    ]) {
      expect(spaPageFor(url), url).toBe('index.html');
    }
  });
});
