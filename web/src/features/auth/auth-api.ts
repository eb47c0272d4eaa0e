import { api } from '../../shared/api';
import type {
  LoginCredentials,
  PasswordChange,
  SessionResponse,
  TotpSetup,
  TotpStatus,
} from './auth-types';

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

/** Two-step verification (TOTP) of the logged-in user. */
export const totpApi = {
  status: (signal?: AbortSignal) =>
    api.get<TotpStatus>(`${AUTH_BASE}/totp`, signal === undefined ? {} : { signal }),
  setup: () => api.post<TotpSetup>(`${AUTH_BASE}/totp/setup`),
  confirm: (code: string) =>
    api.post<{ recoveryCodes: string[] }>(`${AUTH_BASE}/totp/confirm`, { code }),
  disable: (body: { password: string; code?: string; recoveryCode?: string }) =>
    api.post<void>(`${AUTH_BASE}/totp/disable`, body),
  regenerateRecoveryCodes: (code: string) =>
    api.post<{ recoveryCodes: string[] }>(`${AUTH_BASE}/totp/recovery-codes`, { code }),
};

/** The error code of a login that needs the second factor (the password was right). */
export const TOTP_REQUIRED = 'TOTP_REQUIRED';
