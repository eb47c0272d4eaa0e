import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';

import { api } from '../../shared/api';
import { isApiError } from '../../shared/api-client';
import { fetchSession, login as loginRequest, logout as logoutRequest } from './auth-api';
import { AuthContext, type AuthContextValue, type AuthState } from './auth-context';
import type { LoginCredentials, SessionResponse, SessionUser } from './auth-types';

function isUnauthorized(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

/** Owns the session: probes it on start, logs in and out, and ends it on any API 401. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const startSession = useCallback((session: SessionResponse): SessionUser => {
    api.setCsrfToken(session.csrfToken);
    setState({ status: 'authenticated', user: session.user });
    return session.user;
  }, []);

  const endSession = useCallback((sessionExpired: boolean) => {
    api.setCsrfToken(null);
    setState({ status: 'anonymous', sessionExpired });
  }, []);

  const loadSession = useCallback(
    async (signal?: AbortSignal) => {
      try {
        startSession(await fetchSession(signal));
      } catch (error) {
        if (signal?.aborted === true) {
          return;
        }
        if (isUnauthorized(error)) {
          endSession(false);
        } else {
          setState({ status: 'error', error });
        }
      }
    },
    [startSession, endSession],
  );

  useEffect(() => {
    const controller = new AbortController();
    void loadSession(controller.signal);
    return () => {
      controller.abort();
    };
  }, [loadSession]);

  useEffect(
    () =>
      api.onUnauthorized(() => {
        api.setCsrfToken(null);
        setState((current) =>
          current.status === 'authenticated'
            ? { status: 'anonymous', sessionExpired: true }
            : current,
        );
      }),
    [],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      login: async (credentials: LoginCredentials) => startSession(await loginRequest(credentials)),
      logout: async () => {
        try {
          await logoutRequest();
        } catch (error) {
          // Already logged out on the server: finish locally. Anything else is reported.
          if (!isUnauthorized(error)) {
            throw error;
          }
        }
        endSession(false);
      },
      refresh: async () => {
        setState({ status: 'loading' });
        await loadSession();
      },
    }),
    [state, startSession, endSession, loadSession],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}
