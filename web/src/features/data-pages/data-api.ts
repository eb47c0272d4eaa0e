import type { ChannelKind, NotificationEvent } from '../../../../common/notifications';
import { api } from '../../shared/api';

const V1 = '/api/v1';

export const IMPORT_KINDS = ['troubles', 'enterprises', 'workers', 'departments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportStatus =
  'validating' | 'validated' | 'committing' | 'committed' | 'failed' | 'interrupted';

/** `GET /api/v1/imports/:id`. */
export interface ImportJob {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  communityId: string | null;
  fileName: string;
  format: string;
  encoding: string | null;
  headerRow: number | null;
  columns: { column: string; header: string; field: string | null }[];
  progress: {
    rowsRead: number;
    totalEstimate: number | null;
    bytesRead: number;
    bytesTotal: number;
    percent: number;
  };
  counts: { good: number; bad: number; skipped: number; committed: number };
  errors: { row: number; column: string; field: string | null; code: string; message: string }[];
  failure: { code: string; message: string } | null;
}

/** The lists `GET /api/v1/exports/<list>.xlsx|csv` can write. */
export type ExportList =
  'troubles' | 'problems' | 'enterprises' | 'workers' | 'departments' | 'users';
export type ExportFormat = 'xlsx' | 'csv';

type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** The download URL of an export with the list's filters (empty values dropped, arrays joined). */
export function exportUrl(
  list: ExportList,
  format: ExportFormat,
  params: Readonly<Record<string, QueryValue>> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (text !== '') {
      search.set(key, text);
    }
  }
  const query = search.toString();
  return `${V1}/exports/${list}.${format}${query === '' ? '' : `?${query}`}`;
}

export interface HotProblem {
  rank: number;
  problemId: string;
  code: string;
  title: string;
  status: string;
  communityId: string;
  communityName: string;
  enterprises: { id: string; name: string; troubles: number }[];
  heat: number;
  reporters: number;
  messages: number;
  votes: number;
  previousReporters: number;
  growth: number;
  spanDays: number;
  firstAt: number | null;
  lastAt: number | null;
}

export interface ClusterRunSummary {
  id: string;
  communityId: string;
  communityName?: string;
  month: string | null;
  items: number;
  createdAt: number;
  clusters?: number;
  [key: string]: unknown;
}

export interface ClusterMember {
  troubleId: string;
  code: string;
  title: string;
  status: string;
  problemId: string | null;
  receivedAt: number;
  similarity: number;
}

export interface ClusterCandidate {
  id: string;
  ordinal: number;
  title: string;
  keywords: string[];
  cohesion: number;
  status: 'proposed' | 'accepted' | 'rejected';
  problemId: string | null;
  members: ClusterMember[];
}

export interface ClusterRun {
  id: string;
  communityId: string;
  communityName: string;
  month: string | null;
  items: number;
  createdAt: number;
  clusters: ClusterCandidate[];
}

export type ReplyDimension = 'relevance' | 'completeness' | 'explainability' | 'timeliness';

export interface ReplyQuality {
  version: string;
  relevance: number;
  completeness: number;
  explainability: number;
  timeliness: number | null;
  overall: number;
  reasons: {
    dimension: ReplyDimension;
    code: string;
    effect: 'plus' | 'minus';
    evidence?: string;
    text?: string;
  }[];
}

export interface Channel {
  id: string;
  communityId: string;
  name: string;
  kind: ChannelKind;
  events: NotificationEvent[];
  targetMasked: string;
  secretSet: boolean;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ChannelInput {
  communityId?: string;
  name?: string;
  kind?: ChannelKind;
  events?: NotificationEvent[];
  target?: string;
  secret?: string | null;
  active?: boolean;
}

export interface Delivery {
  id: string;
  channelId: string;
  channelName: string;
  channelKind: ChannelKind;
  communityId: string;
  event: string;
  title: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  maxAttempts: number;
  lastAttemptAt: number | null;
  lastError: string | null;
  createdAt: number;
}

export interface Open311Key {
  id: string;
  communityId: string;
  keyPrefix: string;
  label: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const opts = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });

export const dataApi = {
  upload: (kind: ImportKind, communityId: string | undefined, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<ImportJob>(`${V1}/imports`, form, {
      query: { kind, community: kind === 'departments' ? undefined : communityId },
    });
  },
  importJob: (id: string, signal?: AbortSignal) =>
    api.get<ImportJob>(`${V1}/imports/${id}`, { query: { errors: 200 }, ...opts(signal) }),
  commitImport: (id: string) => api.post<ImportJob>(`${V1}/imports/${id}/commit`),
  importErrorsUrl: (id: string) => `${V1}/imports/${id}/errors.xlsx`,

  hotProblems: (
    query: { community?: string; from: string; to: string; limit: number },
    signal?: AbortSignal,
  ) => api.get<{ items: HotProblem[] }>(`${V1}/indices/hot-problems`, { query, ...opts(signal) }),

  clusterRuns: (communityId: string | undefined, signal?: AbortSignal) =>
    api
      .get<{ items: ClusterRunSummary[] }>(`${V1}/text/clusters`, {
        query: { communityId },
        ...opts(signal),
      })
      .then((r) => r.items),
  clusterRun: (id: string, signal?: AbortSignal) =>
    api.get<ClusterRun>(`${V1}/text/clusters/${id}`, opts(signal)),
  createClusterRun: (communityId: string, month: string) =>
    api.post<{ id: string }>(`${V1}/text/clusters`, { communityId, month }),
  acceptCluster: (runId: string, clusterId: string, title?: string) =>
    api.post<{ problemId: string }>(
      `${V1}/text/clusters/${runId}/candidates/${clusterId}/accept`,
      title === undefined ? {} : { title },
    ),
  rejectCluster: (runId: string, clusterId: string) =>
    api.post(`${V1}/text/clusters/${runId}/candidates/${clusterId}/reject`, {}),
  editCluster: (
    runId: string,
    clusterId: string,
    body: { title?: string; moveIn?: string[]; moveOut?: string[] },
  ) => api.put(`${V1}/text/clusters/${runId}/candidates/${clusterId}`, body),

  replyQuality: (problemId: string, signal?: AbortSignal) =>
    api.get<ReplyQuality>(`${V1}/problems/${problemId}/reply-quality`, opts(signal)),

  channels: (signal?: AbortSignal) =>
    api.get<{ items: Channel[] }>(`${V1}/admin/channels`, opts(signal)).then((r) => r.items),
  createChannel: (body: ChannelInput) => api.post<Channel>(`${V1}/admin/channels`, body),
  updateChannel: (id: string, body: ChannelInput) =>
    api.patch<Channel>(`${V1}/admin/channels/${id}`, body),
  deleteChannel: (id: string) => api.delete(`${V1}/admin/channels/${id}`),
  testChannel: (id: string) => api.post(`${V1}/admin/channels/${id}/test`, {}),
  failedDeliveries: (signal?: AbortSignal) =>
    api
      .get<{ items: Delivery[] }>(`${V1}/admin/deliveries`, {
        query: { status: 'failed' },
        ...opts(signal),
      })
      .then((r) => r.items),
  retryDelivery: (id: string) => api.post(`${V1}/admin/deliveries/${id}/retry`, {}),
  open311Keys: (signal?: AbortSignal) =>
    api.get<{ items: Open311Key[] }>(`${V1}/admin/open311-keys`, opts(signal)).then((r) => r.items),
  createOpen311Key: (communityId: string, label: string) =>
    api.post<{ id: string; key: string; keyPrefix: string }>(`${V1}/admin/open311-keys`, {
      communityId,
      label,
    }),
  revokeOpen311Key: (id: string) => api.delete(`${V1}/admin/open311-keys/${id}`),
};
