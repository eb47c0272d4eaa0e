import { api } from '../../shared/api';

/** A stored monthly report (月报), as `GET /api/v1/reports` lists it. */
export interface ReportItem {
  id: string;
  communityId: string;
  communityName: string;
  month: string;
  pdfBytes: number;
  xlsxBytes: number;
  generatedAt: number;
  generatedBy: string | null;
  generatedByName: string | null;
  pdfUrl: string;
  xlsxUrl: string;
}

export interface CommunityItem {
  id: string;
  slug: string;
  name: string;
}

/** The reports endpoints (`/api/v1/reports`). */
export const reportsApi = {
  communities: () =>
    api.get<{ items: CommunityItem[] }>('/api/v1/communities').then((r) => r.items),
  list: (communityId: string | undefined) =>
    api
      .get<{ items: ReportItem[] }>('/api/v1/reports', {
        query: communityId === undefined ? {} : { communityId },
      })
      .then((r) => r.items),
  generate: (communityId: string, month: string) =>
    api.post<ReportItem>('/api/v1/reports', { communityId, month }),
};

/** 1536 → "1.5 KB"; sizes of the downloads. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(1)} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
