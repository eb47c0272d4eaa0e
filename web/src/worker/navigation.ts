import { useEffect, useState } from 'react';

/** The worker pages' three routes; the server serves worker.html for exactly these paths. */
export type Route =
  | { page: 'report'; params: URLSearchParams }
  | { page: 'lookup' }
  | { page: 'track'; code: string };

export function routeOf(location: Pick<Location, 'pathname' | 'search'>): Route {
  const path = location.pathname.replace(/\/+$/, '');
  const track = /^\/track\/([^/]+)$/.exec(path);
  if (track?.[1]) {
    return { page: 'track', code: decodeURIComponent(track[1]) };
  }
  if (path === '/track') {
    return { page: 'lookup' };
  }
  return { page: 'report', params: new URLSearchParams(location.search) };
}

export const trackPath = (code: string) => `/track/${encodeURIComponent(code)}`;

/** Client-side navigation without a router library. */
export function navigate(href: string): void {
  history.pushState(null, '', href);
  dispatchEvent(new PopStateEvent('popstate'));
  scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location));
  useEffect(() => {
    const update = () => setRoute(routeOf(location));
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return route;
}
