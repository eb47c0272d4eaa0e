import { createContext } from 'react';

import type { LoginCredentials, SessionUser } from './auth-types';

export type AuthState =
  | { status: 'loading' }
  | { status: 'authenticated'; user: SessionUser }
  /** `sessionExpired` is true when a logged-in session ended because the server answered 401. */
  | { status: 'anonymous'; sessionExpired: boolean }
  | { status: 'error'; error: unknown };

export interface AuthContextValue {
  state: AuthState;
  login: (credentials: LoginCredentials) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** Re-reads the session from the server (e.g. retry after a failed probe). */
  refresh: () => Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);
