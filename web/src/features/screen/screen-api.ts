import type { ScreenData } from '../../../../common/indices-types';
import { api } from '../../shared/api';
import type { ApiClient } from '../../shared/api-client';

export type { ScreenData };

/** `GET /api/v1/screen/<slug>?token=…`: everything the big screen shows (no login). */
export function fetchScreenData(
  slug: string,
  token: string,
  signal?: AbortSignal,
  client: ApiClient = api,
): Promise<ScreenData> {
  return client.get<ScreenData>(`/api/v1/screen/${encodeURIComponent(slug)}`, {
    query: { token },
    skipUnauthorizedHandler: true,
    ...(signal === undefined ? {} : { signal }),
  });
}
