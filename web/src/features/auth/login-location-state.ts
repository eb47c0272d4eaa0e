/** Router state passed to `/login` by the auth guard. */
export interface LoginLocationState {
  /** Where to return after logging in (path + search + hash). */
  from?: string;
  reason?: 'session-expired';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads `location.state` defensively: history state survives reloads and may be anything. */
export function readLoginLocationState(state: unknown): LoginLocationState {
  if (!isRecord(state)) {
    return {};
  }
  const from =
    typeof state.from === 'string' && state.from.startsWith('/') && !state.from.startsWith('//')
      ? state.from
      : undefined;
  const reason = state.reason === 'session-expired' ? 'session-expired' : undefined;
  return { ...(from === undefined ? {} : { from }), ...(reason === undefined ? {} : { reason }) };
}
