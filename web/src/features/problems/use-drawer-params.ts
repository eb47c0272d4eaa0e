import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The open drawer and the current tab live in the URL (`?tab=…&problem=…` or `&trouble=…`), so
 * that a notification or a shared link opens the same view.
 */
export function useDrawerParams<Tab extends string>(
  isTab: (v: string | null) => v is Tab,
  fallback: Tab,
) {
  const [params, setParams] = useSearchParams();
  const rawTab = params.get('tab');
  const tab: Tab = isTab(rawTab) ? rawTab : fallback;
  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null) {
              next.delete(key);
            } else {
              next.set(key, value);
            }
          }
          return next;
        },
        { replace: false },
      ),
    [setParams],
  );
  return {
    tab,
    setTab: (next: Tab) => update({ tab: next }),
    problemId: params.get('problem'),
    troubleId: params.get('trouble'),
    openProblem: (id: string) => update({ problem: id, trouble: null }),
    openTrouble: (id: string) => update({ trouble: id, problem: null }),
    closeDrawer: () => update({ problem: null, trouble: null }),
  };
}
