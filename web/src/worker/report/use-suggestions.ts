import { useEffect, useRef, useState } from 'react';

import { ApiError } from '../../shared/api-client';
import { classify, type Suggestion } from '../worker-api';

const DEBOUNCE_MS = 700;
const MIN_CHARS = 4;

/**
 * Category suggestions while the worker types (POST /public/classify, top 3). Any failure is
 * silent; a 404 (the classifier is not deployed) stops asking for the rest of the visit.
 */
export function useSuggestions(text: string): Suggestion[] {
  const [items, setItems] = useState<Suggestion[]>([]);
  const unavailable = useRef(false);

  useEffect(() => {
    const trimmed = text.trim();
    if (unavailable.current || [...trimmed].length < MIN_CHARS) {
      setItems([]);
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      classify(trimmed.slice(0, 2000), controller.signal)
        .then((result) => {
          setItems(Array.isArray(result) ? result.slice(0, 3) : []);
        })
        .catch((error: unknown) => {
          if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
            unavailable.current = true;
          }
          if (!controller.signal.aborted) {
            setItems([]);
          }
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  return items;
}
