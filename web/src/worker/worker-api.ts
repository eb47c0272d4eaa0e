import { ApiError, CLIENT_ERROR_CODES, createApiClient } from '../shared/api-client';
import { readLanguage } from './i18n';

/**
 * The public API the worker pages use (no session, no CSRF). Errors arrive as ApiError whose
 * message is the server's readable problem+json `detail` in the page's language.
 */
export const workerApi = createApiClient({ getLanguage: readLanguage });

export interface CategoryNode {
  id: string;
  name: string;
  nameEn: string;
  children: { id: string; name: string; nameEn: string }[];
}

export interface PublicEnterprise {
  id: string;
  name: string;
  communityId: string;
  communityName: string;
}

export interface PublicCommunity {
  id: string;
  slug: string;
  name: string;
  enterprises: { id: string; name: string }[];
}

export interface Suggestion {
  categoryId: string;
  categoryName: string;
  confidence: number;
}

export interface IntakeRequest {
  communityId?: string;
  enterpriseId?: string | null;
  channel: 'qr' | 'online';
  body: string;
  categoryId?: string | null;
  anonymous: boolean;
  reporterName?: string | null;
  reporterPhone?: string | null;
  privacyNoticeVersion?: string;
  attachmentIds: string[];
}

export interface IntakeResponse {
  id: string;
  code: string;
  trackUrl: string;
}

export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export type PublicStatus =
  'received' | 'resolved_on_spot' | 'in_progress' | 'resolved' | 'replied' | 'closed';

export interface TrackView {
  code: string;
  title: string;
  category: string | null;
  receivedAt: number;
  publicStatus: PublicStatus;
  answer: string | null;
  problem: {
    code: string;
    status: string;
    publicSummary: string | null;
    resolutionDueAt: number;
    departments: string[];
  } | null;
  progress: { at: number; action: string; text: string }[];
  canRate: boolean;
  rating: { rating: Rating; comment: string | null; createdAt: number } | null;
}

export function isNetworkError(error: unknown): boolean {
  return error instanceof ApiError && error.code === CLIENT_ERROR_CODES.network;
}

/** The readable text of any failure: the server's own message, else a network hint. */
export function errorText(error: unknown, networkText: string): string {
  if (error instanceof ApiError) {
    return error.status === 0 ? networkText : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export const fetchCategories = () =>
  workerApi.get<{ items: CategoryNode[] }>('/api/v1/categories').then((r) => r.items);
export const fetchEnterprise = (id: string) =>
  workerApi.get<PublicEnterprise>(`/api/v1/public/enterprises/${encodeURIComponent(id)}`);
export const fetchCommunity = (slug: string) =>
  workerApi.get<PublicCommunity>(`/api/v1/public/communities/${encodeURIComponent(slug)}`);
export const fetchTrack = (code: string) =>
  workerApi.get<TrackView>(`/api/v1/track/${encodeURIComponent(code)}`);
export const postRating = (code: string, rating: Rating, comment: string | null) =>
  workerApi.post<{ reopened: boolean }>(`/api/v1/track/${encodeURIComponent(code)}/rating`, {
    rating,
    comment,
  });

/** Category suggestions from the text (`POST /public/classify`: the top 3 with confidences). */
export const classify = (text: string, signal: AbortSignal) =>
  workerApi
    .post<{ items: Suggestion[] }>('/api/v1/public/classify', { text }, { signal })
    .then((r) => r.items);

export function submitTrouble(body: IntakeRequest, idempotencyKey: string) {
  return workerApi.post<IntakeResponse>('/api/v1/troubles', body, {
    headers: { 'idempotency-key': idempotencyKey },
  });
}

export function uploadPhoto(photo: Blob) {
  const form = new FormData();
  form.append('file', photo, 'photo.jpg');
  return workerApi.post<{ id: string; width: number; height: number; sizeBytes: number }>(
    '/api/v1/uploads',
    form,
  );
}
