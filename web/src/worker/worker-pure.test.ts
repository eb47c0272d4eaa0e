import { describe, expect, it } from 'vitest';

import { translator } from './i18n';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { routeOf } from './navigation';

describe('worker pages routing', () => {
  it('maps the three paths the server serves with worker.html', () => {
    expect(routeOf({ pathname: '/report', search: '?enterprise=01HX' })).toMatchObject({
      page: 'report',
    });
    const report = routeOf({ pathname: '/report/', search: '?community=baohua' });
    expect(report.page === 'report' && report.params.get('community')).toBe('baohua');
    expect(routeOf({ pathname: '/track', search: '' })).toEqual({ page: 'lookup' });
    expect(routeOf({ pathname: '/track/BH-ABCDE-FGHJK', search: '' })).toEqual({
      page: 'track',
      code: 'BH-ABCDE-FGHJK',
    });
  });
});

describe('worker dictionary', () => {
  it('fills in values and keeps unknown placeholders visible', () => {
    const t = translator('zh-CN');
    expect(t('track.code', { code: 'BH-1' })).toBe('查询码 BH-1');
    expect(t('track.code')).toBe('查询码 {code}');
    expect(translator('en')('report.photosHint', { max: 6 })).toContain('Up to 6');
  });

  it('has the same placeholders in both languages', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(names(en[key]), key).toEqual(names(zhCN[key]));
    }
  });
});
