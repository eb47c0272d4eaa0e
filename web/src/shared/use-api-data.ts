import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiData<T> {
  /** The last successful answer for the current key (kept while a new key loads). */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches the current key again. */
  reload: () => void;
}

/**
 * Loads `fetcher` whenever `key` changes (null = nothing to load) and aborts the request that
 * a newer key replaces. The previous answer stays visible while the next one loads.
 */
export function useApiData<T>(
  key: string | null,
  fetcher: (signal: AbortSignal) => Promise<T>,
): ApiData<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: key !== null,
  });
  const [generation, setGeneration] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    if (key === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return undefined;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, error: undefined, loading: true }));
    fetcherRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setState({ data, error: undefined, loading: false });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ data: undefined, error, loading: false });
        }
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
