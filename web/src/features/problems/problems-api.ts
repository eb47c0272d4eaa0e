import type { Rating } from '../../../../common/enums';
import { api } from '../../shared/api';
import { isApiError } from '../../shared/api-client';
import type {
  CategoryTreeNode,
  Community,
  Department,
  PendingExtension,
  ProblemDetail,
  QueueItem,
  SlaSettings,
  SupervisionOrder,
  TimelineEvent,
  TriagePatch,
  TroubleListItem,
  TroubleSuggestions,
  TroubleView,
} from './problem-types';

type Query = Record<string, string | number | boolean | undefined>;
const V1 = '/api/v1';
const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });

/** Query of `GET /problems`: a comma list for `status`, booleans as 'true'. */
export interface QueueFilter {
  status?: readonly string[];
  overdue?: boolean;
  dueWithinHours?: number;
  mine?: boolean;
  departmentId?: string;
  communityId?: string;
  q?: string;
  limit?: number;
}

/** Turns a {@link QueueFilter} into the query string the server expects. */
export function queueQuery(filter: QueueFilter): Query {
  return {
    status: filter.status && filter.status.length > 0 ? filter.status.join(',') : undefined,
    overdue: filter.overdue === undefined ? undefined : String(filter.overdue),
    dueWithinHours: filter.dueWithinHours,
    mine: filter.mine ? 'true' : undefined,
    departmentId: filter.departmentId,
    communityId: filter.communityId,
    q: filter.q === undefined || filter.q.trim() === '' ? undefined : filter.q.trim(),
    limit: filter.limit ?? 100,
  };
}

/** The trouble, problem and supervision endpoints the workbench, inbox and supervisor use. */
export const problemsApi = {
  queue: (filter: QueueFilter, signal?: AbortSignal) =>
    api
      .get<{ items: QueueItem[] }>(`${V1}/problems`, {
        query: queueQuery(filter),
        ...withSignal(signal),
      })
      .then((r) => r.items),
  detail: (id: string, signal?: AbortSignal) =>
    api.get<ProblemDetail>(`${V1}/problems/${id}`, withSignal(signal)),
  timeline: (id: string, signal?: AbortSignal) =>
    api
      .get<{ items: TimelineEvent[] }>(`${V1}/problems/${id}/timeline`, withSignal(signal))
      .then((r) => r.items),
  /** POST /problems/:id/<action>; answers with the updated problem. */
  act: (id: string, action: string, body?: unknown) =>
    api.post<ProblemDetail>(`${V1}/problems/${id}/${action}`, body ?? {}),
  createFromTroubles: (body: { troubleIds: string[]; title: string; categoryId?: string | null }) =>
    api.post<{ id: string }>(`${V1}/problems`, body),
  split: (id: string, body: { troubleIds: string[]; title: string }) =>
    api.post<{ id: string }>(`${V1}/problems/${id}/split`, body),
  requestExtension: (id: string, body: { requestedDueAt: number; reason: string }) =>
    api.post<{ id: string }>(`${V1}/problems/${id}/extensions`, body),
  issueSupervision: (id: string, body: { reason: string; demand: string; dueAt: number }) =>
    api.post<{ id: string }>(`${V1}/problems/${id}/supervision-orders`, body),

  troubles: (query: Query, signal?: AbortSignal) =>
    api
      .get<{ items: TroubleListItem[] }>(`${V1}/troubles`, { query, ...withSignal(signal) })
      .then((r) => r.items),
  trouble: (id: string, signal?: AbortSignal) =>
    api.get<TroubleView>(`${V1}/troubles/${id}`, withSignal(signal)),
  troubleTimeline: (id: string, signal?: AbortSignal) =>
    api
      .get<{ items: TimelineEvent[] }>(`${V1}/troubles/${id}/timeline`, withSignal(signal))
      .then((r) => r.items),
  triage: (id: string, patch: TriagePatch) => api.patch<TroubleView>(`${V1}/troubles/${id}`, patch),
  link: (
    id: string,
    body: { problemId: string } | { newProblem: { title: string; categoryId?: string | null } },
  ) => api.post<{ problemId: string }>(`${V1}/troubles/${id}/link`, body),
  resolveOnSpot: (id: string, answer: string) =>
    api.post<TroubleView>(`${V1}/troubles/${id}/resolve-on-spot`, { answer }),
  callback: (id: string, body: { rating: Rating; comment?: string | null }) =>
    api.post<{ reopened: boolean }>(`${V1}/troubles/${id}/callbacks`, body),
  /** Classifier suggestions; `null` when the endpoint is not there (404) — the panel hides. */
  suggestions: async (id: string, signal?: AbortSignal): Promise<TroubleSuggestions | null> => {
    try {
      return await api.get<TroubleSuggestions>(
        `${V1}/troubles/${id}/suggestions`,
        withSignal(signal),
      );
    } catch (error) {
      if (isApiError(error) && error.status === 404) {
        return null;
      }
      throw error;
    }
  },

  extensions: (signal?: AbortSignal) =>
    api
      .get<{ items: PendingExtension[] }>(`${V1}/extensions`, withSignal(signal))
      .then((r) => r.items),
  decideExtension: (id: string, body: { approve: boolean; note?: string | null }) =>
    api.post<null>(`${V1}/extensions/${id}/decision`, body),
  supervisionOrders: (status: string | undefined, signal?: AbortSignal) =>
    api
      .get<{ items: SupervisionOrder[] }>(`${V1}/supervision-orders`, {
        query: { status },
        ...withSignal(signal),
      })
      .then((r) => r.items),
  respondSupervision: (id: string, response: string) =>
    api.post<null>(`${V1}/supervision-orders/${id}/respond`, { response }),
  closeSupervision: (id: string, note: string | null) =>
    api.post<null>(`${V1}/supervision-orders/${id}/close`, { note }),

  departments: (signal?: AbortSignal) =>
    api.get<{ items: Department[] }>(`${V1}/departments`, withSignal(signal)).then((r) => r.items),
  categories: (includeInactive = false, signal?: AbortSignal) =>
    api
      .get<{ items: CategoryTreeNode[] }>(`${V1}/categories`, {
        query: { includeInactive: includeInactive ? 'true' : undefined },
        ...withSignal(signal),
      })
      .then((r) => r.items),
  communities: (signal?: AbortSignal) =>
    api.get<{ items: Community[] }>(`${V1}/communities`, withSignal(signal)).then((r) => r.items),
  sla: (communityId: string, signal?: AbortSignal) =>
    api.get<SlaSettings>(`${V1}/communities/${communityId}/sla`, withSignal(signal)),
};
