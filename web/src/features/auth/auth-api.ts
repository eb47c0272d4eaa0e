import { api } from '../../shared/api';
import type { LoginCredentials, PasswordChange, SessionResponse } from './auth-types';

const AUTH_BASE = '/api/v1/auth';

export function login(credentials: LoginCredentials): Promise<SessionResponse> {
  return api.post<SessionResponse>(`${AUTH_BASE}/login`, credentials, {
    skipUnauthorizedHandler: true,
  });
}

/** Resolves the current session; rejects with a 401 `ApiError` when not logged in. */
export function fetchSession(signal?: AbortSignal): Promise<SessionResponse> {
  return api.get<SessionResponse>(`${AUTH_BASE}/session`, {
    skipUnauthorizedHandler: true,
    ...(signal === undefined ? {} : { signal }),
  });
}

export function logout(): Promise<void> {
  return api.post<void>(`${AUTH_BASE}/logout`, undefined, { skipUnauthorizedHandler: true });
}

export function changePassword(change: PasswordChange): Promise<void> {
  return api.post<void>(`${AUTH_BASE}/password`, change);
}
