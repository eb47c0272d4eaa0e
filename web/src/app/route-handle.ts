import { useMatches } from 'react-router';

/** Static facts a route declares in its `handle` for the layouts. */
export interface RouteHandle {
  /** Use the full window width (dashboards) instead of the reading width. */
  wide?: boolean;
}

function isRouteHandle(value: unknown): value is RouteHandle {
  return typeof value === 'object' && value !== null;
}

/** True when the deepest matched route asks for the full width. */
export function useWideRoute(): boolean {
  return useMatches().some((match) => isRouteHandle(match.handle) && match.handle.wide === true);
}
