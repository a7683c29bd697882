import { useRef, type KeyboardEvent } from 'react';
import { useMetricsStore } from '../../../store/metrics-store';
import type { MetricsView } from '../../../store/metrics-slice-views';
import { useGroupExtraColumns } from '../hooks';
import { formatCount } from '../format';

const VIEWS: { id: MetricsView; label: string }[] = [
  { id: 'all', label: 'All metrics' },
  { id: 'slices', label: 'Slices' },
  { id: 'time', label: 'Over time' },
];

/**
 * Tabs between the report of every metric, the Slices view and the Over-time view (arrow keys move
 * between them, as in a WAI-ARIA tab list). Slices and time need the file's extra columns.
 */
export function ViewTabs() {
  const view = useMetricsStore((s) => s.view);
  const setView = useMetricsStore((s) => s.setView);
  const extra = useGroupExtraColumns();
  const hasTime = extra.some((c) => c.kind === 'time');
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const enabled = (v: MetricsView) => v === 'all' || (v === 'slices' ? extra.some((c) => c.kind !== 'time') : hasTime);
  const onKey = (e: KeyboardEvent, i: number) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const step = e.key === 'ArrowRight' ? 1 : -1;
    for (let k = 1; k <= VIEWS.length; k++) {
      const j = (i + step * k + VIEWS.length) % VIEWS.length;
      if (enabled(VIEWS[j]!.id)) {
        setView(VIEWS[j]!.id);
        refs.current[j]?.focus();
        return;
      }
    }
  };
  // Files without extra columns have only the one view: no tabs to explain.
  if (extra.length === 0) return <FilterBar />;
  return (
    <div className="mp-view-bar">
      <div className="mp-view-tabs" role="tablist" aria-label="Views">
        {VIEWS.map((v, i) => (
          <button
            key={v.id}
            ref={(el) => { refs.current[i] = el; }}
            type="button"
            role="tab"
            id={`view-tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls={view === v.id ? `view-${v.id}` : undefined}
            tabIndex={view === v.id ? 0 : -1}
            disabled={!enabled(v.id)}
            title={enabled(v.id) ? undefined : 'This file has no slice or time columns: tick a column off as a model under Columns…'}
            className={view === v.id ? '' : 'secondary'}
            data-testid={`view-${v.id}`}
            onClick={() => setView(v.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <FilterBar />
    </div>
  );
}

/** Which rows the page describes when it is filtered to a slice, and the way back to every row. */
function FilterBar() {
  const filter = useMetricsStore((s) => (s.filter?.groupId === s.activeGroupId ? s.filter : null));
  const total = useMetricsStore((s) => s.files.find((f) => f.groupId === s.activeGroupId)?.rows ?? 0);
  const filterToSlice = useMetricsStore((s) => s.filterToSlice);
  if (!filter) return null;
  return (
    <p className="mp-filter" role="status" tabIndex={-1} data-testid="slice-filter" data-slice={filter.id}>
      Showing only <code>{filter.id.replace(/&/g, ' and ')}</code>: {formatCount(filter.rows)} of {formatCount(total)} rows. Every table, plot and
      threshold below describes these rows.
      <button type="button" className="link" onClick={() => void filterToSlice(null)} data-testid="slice-filter-clear">Show every row</button>
    </p>
  );
}
