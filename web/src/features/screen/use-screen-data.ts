import { useEffect, useState } from 'react';

import { fetchScreenData, type ScreenData } from './screen-api';
import { REFRESH_MS } from './screen-layout';

export interface ScreenDataState {
  data: ScreenData | undefined;
  /** When the shown data arrived (display clock). */
  updatedAt: number | undefined;
  /** The last fetch's error; the last good data stays shown. */
  error: unknown;
}

/** Loads the screen data now and every minute; a failed fetch keeps the previous data. */
export function useScreenData(slug: string, token: string | null): ScreenDataState {
  const [state, setState] = useState<ScreenDataState>({
    data: undefined,
    updatedAt: undefined,
    error: undefined,
  });

  useEffect(() => {
    if (token === null) {
      return undefined;
    }
    let controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const load = async () => {
      controller = new AbortController();
      try {
        const data = await fetchScreenData(slug, token, controller.signal);
        if (!stopped) {
          setState({ data, updatedAt: Date.now(), error: undefined });
        }
      } catch (error) {
        if (!stopped) {
          setState((previous) => ({ ...previous, error }));
        }
      }
      if (!stopped) {
        timer = setTimeout(() => void load(), REFRESH_MS);
      }
    };
    void load();

    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [slug, token]);

  return state;
}
