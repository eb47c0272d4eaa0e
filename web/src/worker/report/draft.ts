import type { IntakeRequest } from '../worker-api';

/**
 * The worker's own unsent report, kept in this browser only (localStorage) so that a dropped
 * connection or a closed tab loses nothing; removed once the report is acknowledged. The
 * idempotency key lives in the draft too: a resubmission after a reload reuses it, so the
 * server never creates a second trouble.
 */
export interface PhotoRef {
  id: string;
  /** A small data-URL preview (a few KB), so that a restored draft still shows its photos. */
  thumb: string;
}

export interface Draft {
  key: string;
  body: string;
  categoryId: string | null;
  anonymous: boolean;
  name: string;
  phone: string;
  agreed: boolean;
  enterpriseId: string | null;
  photos: PhotoRef[];
  /** A submission that has not been acknowledged yet (sent again as is, with the same key). */
  pending: IntakeRequest | null;
}

const DRAFT_KEY = 'fannao.worker.draft';
const RECENT_KEY = 'fannao.worker.recentCodes';

/** 128 random bits; getRandomValues also works on plain-http pages, unlike randomUUID. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `w-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function emptyDraft(): Draft {
  return {
    key: newIdempotencyKey(),
    body: '',
    categoryId: null,
    anonymous: true,
    name: '',
    phone: '',
    agreed: false,
    enterpriseId: null,
    photos: [],
    pending: null,
  };
}

function read(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) {
      localStorage.removeItem(key);
    } else {
      localStorage.setItem(key, JSON.stringify(value));
    }
  } catch {
    // Storage full or unavailable: the draft then lives only in this page.
  }
}

export function loadDraft(): Draft | null {
  const value = read(DRAFT_KEY);
  if (typeof value !== 'object' || value === null || typeof (value as Draft).key !== 'string') {
    return null;
  }
  return { ...emptyDraft(), ...(value as Partial<Draft>) };
}

export const saveDraft = (draft: Draft) => write(DRAFT_KEY, draft);
export const clearDraft = () => write(DRAFT_KEY, null);

/** Whether a draft holds anything worth restoring. */
export function hasContent(draft: Draft): boolean {
  return draft.body.trim() !== '' || draft.photos.length > 0 || draft.pending !== null;
}

export function recentCodes(): string[] {
  const value = read(RECENT_KEY);
  return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
}

export function rememberCode(code: string): void {
  write(RECENT_KEY, [code, ...recentCodes().filter((c) => c !== code)].slice(0, 5));
}
