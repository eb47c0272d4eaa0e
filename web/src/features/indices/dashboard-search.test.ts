import { describe, expect, it } from 'vitest';

import {
  canSeeCounty,
  readDashboardSearch,
  resolveDashboardView,
  writeDashboardSearch,
} from './dashboard-search';
import { customPeriod, monthPeriod } from './period';

const baohua = { id: 'c-baohua', slug: 'baohua', name: '宝华工业社区' };
const tongmu = { id: 'c-tongmu', slug: 'tongmu', name: '桐木工业小区' };
const SEPTEMBER_2023 = Date.UTC(2023, 8, 15);

const search = (query: string) => readDashboardSearch(new URLSearchParams(query));

describe('dashboard URL state', () => {
  it('reads the community and the period from the link', () => {
    const view = resolveDashboardView(search('community=baohua&from=2023-05-01&to=2023-10-01'), {
      communities: [baohua, tongmu],
      role: 'supervisor',
      ownCommunityId: null,
      now: SEPTEMBER_2023,
    });
    expect(view).toEqual({
      scope: { kind: 'community', communityId: 'c-baohua' },
      community: baohua,
      period: customPeriod('2023-05-01', '2023-10-01'),
    });
  });

  it('defaults staff to their community and the current month', () => {
    const view = resolveDashboardView(search(''), {
      communities: [baohua],
      role: 'staff',
      ownCommunityId: 'c-baohua',
      now: SEPTEMBER_2023,
    });
    expect(view?.community).toEqual(baohua);
    expect(view?.period).toEqual(monthPeriod(2023, 9));
  });

  it('defaults supervisors to the county, and refuses the county to staff', () => {
    const context = { communities: [baohua, tongmu], ownCommunityId: null, now: SEPTEMBER_2023 };
    expect(resolveDashboardView(search(''), { ...context, role: 'supervisor' })?.scope).toEqual({
      kind: 'county',
    });
    expect(
      resolveDashboardView(search('county=true'), {
        ...context,
        role: 'staff',
        ownCommunityId: 'c-tongmu',
      })?.community,
    ).toEqual(tongmu);
    expect(canSeeCounty('admin')).toBe(true);
    expect(canSeeCounty('staff')).toBe(false);
  });

  it('falls back when the link names a community the user may not see', () => {
    const view = resolveDashboardView(search('community=elsewhere'), {
      communities: [baohua],
      role: 'staff',
      ownCommunityId: 'c-baohua',
      now: SEPTEMBER_2023,
    });
    expect(view?.community).toEqual(baohua);
    expect(
      resolveDashboardView(search(''), {
        communities: [],
        role: 'staff',
        ownCommunityId: null,
        now: SEPTEMBER_2023,
      }),
    ).toBeNull();
  });

  it('writes a link that reproduces the view', () => {
    expect(
      writeDashboardSearch({ community: baohua, period: monthPeriod(2023, 9) }).toString(),
    ).toBe('community=baohua&month=2023-09');
    expect(
      writeDashboardSearch({
        community: null,
        period: customPeriod('2023-05-01', '2023-10-01')!,
      }).toString(),
    ).toBe('county=true&from=2023-05-01&to=2023-10-01');
  });
});
