import { useCallback } from 'react';
import { useMetricsStore } from '../../../store/metrics-store';

/**
 * Filters the page to a slice and brings the filter notice into view with the focus on it: the
 * button that was clicked belongs to a view that is replaced by the report of the slice.
 */
export function useFilterToSlice(): (key: Record<string, string>) => void {
  const filterToSlice = useMetricsStore((s) => s.filterToSlice);
  return useCallback((key) => {
    void filterToSlice(key).then(() => requestAnimationFrame(() => {
      const notice = document.querySelector<HTMLElement>('[data-testid="slice-filter"]');
      notice?.scrollIntoView({ block: 'start' });
      notice?.focus({ preventScroll: true });
    }));
  }, [filterToSlice]);
}
