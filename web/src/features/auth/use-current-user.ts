import type { SessionUser } from './auth-types';
import { useAuth } from './use-auth';

/** The logged-in user; only valid below the `RequireAuth` guard. */
export function useCurrentUser(): SessionUser {
  const { state } = useAuth();
  if (state.status !== 'authenticated') {
    throw new Error('useCurrentUser used outside an authenticated route');
  }
  return state.user;
}
