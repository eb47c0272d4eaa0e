import { describe, expect, it, vi } from 'vitest';

import { createApiClient } from '../../shared/api-client';
import { createIndicesApi } from './indices-api';
import { customPeriod, monthPeriod } from './period';

function stubbedApi(body: unknown) {
  const fetchMock = vi.fn<typeof fetch>(() =>
    Promise.resolve(
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
    ),
  );
  const api = createIndicesApi(createApiClient({ fetch: fetchMock }));
  const url = (call = 0) => new URL(fetchMock.mock.calls[call]?.[0] as string, 'http://x');
  return { api, url };
}

const baohua = { kind: 'community', communityId: 'c-baohua' } as const;
const mayToSeptember = customPeriod('2023-05-01', '2023-10-01')!;

describe('indices API client', () => {
  it('asks for the trouble index of a community over a half-open range', async () => {
    const { api, url } = stubbedApi({ total: 409 });
    await expect(api.troubleIndex(baohua, mayToSeptember)).resolves.toEqual({ total: 409 });
    expect(url().pathname).toBe('/api/v1/indices/trouble-index');
    expect(Object.fromEntries(url().searchParams)).toEqual({
      community: 'c-baohua',
      from: '2023-05-01',
      to: '2023-10-01',
    });
  });

  it('sends county=true for the whole county', async () => {
    const { api, url } = stubbedApi({});
    await api.happiness({ kind: 'county' }, mayToSeptember);
    expect(url().searchParams.get('county')).toBe('true');
    expect(url().searchParams.has('community')).toBe(false);
  });

  it('widens the trend of one month to six months', async () => {
    const { api, url } = stubbedApi({});
    await api.trend(baohua, monthPeriod(2023, 9));
    expect(url().searchParams.get('from')).toBe('2023-04-01');
    expect(url().searchParams.get('to')).toBe('2023-10-01');
  });

  it('asks for the warnings of the period’s last month without a county flag', async () => {
    const { api, url } = stubbedApi({ items: [{ code: 'recruitment' }] });
    await expect(api.warnings({ kind: 'county' }, mayToSeptember)).resolves.toEqual([
      { code: 'recruitment' },
    ]);
    expect(Object.fromEntries(url().searchParams)).toEqual({ month: '2023-09' });
  });

  it('drills down with instants at Shanghai midnight and keeps problems of the period', async () => {
    const inside = { id: 'p1', receivedAt: Date.UTC(2023, 5, 1) };
    const before = { id: 'p0', receivedAt: Date.UTC(2023, 3, 30, 15, 59) };
    const { api, url } = stubbedApi({ items: [inside, before] });
    await expect(api.problems('r', baohua, mayToSeptember)).resolves.toEqual([inside]);
    expect(Object.fromEntries(url().searchParams)).toEqual({
      categoryId: 'r',
      limit: '200',
      communityId: 'c-baohua',
    });

    await api.troubles('r', baohua, mayToSeptember);
    expect(url(1).searchParams.get('from')).toBe('2023-05-01T00:00:00+08:00');
    expect(url(1).searchParams.get('to')).toBe('2023-10-01T00:00:00+08:00');
    expect(Date.parse(url(1).searchParams.get('from')!)).toBe(Date.UTC(2023, 3, 30, 16));
  });
});
