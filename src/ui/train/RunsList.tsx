import { memo, useMemo, useState } from 'react';
import type { RunMeta } from '../../store/runs-db';
import { filterAndSortRuns, RUN_SORTS, type RunSort } from './run-query';
import { ScrollBox } from '../components/ScrollBox';

export type RunExport = 'json' | 'csv' | 'model';

export interface RunsListProps {
  runs: readonly RunMeta[];
  /** The run whose charts are shown. */
  viewedId: string | null;
  /** The run being trained now (cannot be deleted). */
  activeId: string | null;
  overlayIds: readonly string[];
  onView: (id: string) => void;
  onToggleOverlay: (id: string) => void;
  onRename: (id: string, name: string) => void;
  onDelete: (id: string) => void;
  onExport: (id: string, what: RunExport) => void;
  onOpenMetrics: (id: string) => void;
  /** One line about where runs are kept. */
  storageNote?: string;
}

const fmtLoss = (v: number | null) => (v === null ? '—' : Number.isFinite(v) ? v.toPrecision(3) : 'NaN');
const fmtDate = (t: number) => new Date(t).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function RunName({ run, onRename }: { run: RunMeta; onRename: (name: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(run.name);
  if (!editing) {
    return (
      <button type="button" className="link run-name" title="Rename" data-testid="run-rename" onClick={() => { setText(run.name); setEditing(true); }}>
        {run.name}
      </button>
    );
  }
  const commit = () => {
    setEditing(false);
    const name = text.trim();
    if (name && name !== run.name) onRename(name);
  };
  return (
    <input
      className="run-name-input"
      aria-label="Run name"
      autoFocus
      value={text}
      data-testid="run-name-input"
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setEditing(false);
      }}
    />
  );
}

/** Every saved run: search, sort, view, overlay, rename, delete, export. */
export const RunsList = memo(function RunsList(props: RunsListProps) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<RunSort>('newest');
  const shown = useMemo(() => filterAndSortRuns(props.runs, query, sort), [props.runs, query, sort]);
  return (
    <section className="panel runs" aria-label="Runs">
      <div className="runs-head">
        <h2>Runs</h2>
        <input type="search" placeholder="Search runs (name, data, optimiser, lr…)" aria-label="Search runs" value={query} data-testid="run-search" onChange={(e) => setQuery(e.target.value)} />
        <label className="field inline">
          <span>Sort</span>
          <select value={sort} aria-label="Sort runs" onChange={(e) => setSort(e.target.value as RunSort)} data-testid="run-sort">
            {RUN_SORTS.map((s) => (
              <option key={s} value={s}>
                {s === 'loss' ? 'lowest loss' : s === 'steps' ? 'most steps' : s}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">Tick runs to overlay them on the charts. {props.storageNote}</span>
      </div>
      <ScrollBox label="Saved runs">
        <table className="data runs-table" data-testid="run-list">
          <thead>
            <tr>
              <th scope="col">Overlay</th>
              <th scope="col" className="wrap">Name</th>
              <th scope="col" className="wrap">Data</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Steps</th>
              <th scope="col" className="num wrap">Last loss</th>
              <th scope="col">Backend</th>
              <th scope="col" className="wrap">Started</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  {props.runs.length ? 'No run matches the search.' : 'No runs yet: press Train.'}
                </td>
              </tr>
            )}
            {shown.map((r) => (
              <tr key={r.id} data-testid="run-row" data-run-id={r.id} data-status={r.status} data-steps={r.stepCount} aria-current={r.id === props.viewedId ? 'true' : undefined}>
                <td>
                  <input type="checkbox" aria-label={`Overlay ${r.name}`} checked={props.overlayIds.includes(r.id)} data-testid="run-overlay" onChange={() => props.onToggleOverlay(r.id)} />
                </td>
                <td className="wrap">
                  <RunName run={r} onRename={(name) => props.onRename(r.id, name)} />
                  {r.kind === 'overfit-batch' && <span className="chip">one batch</span>}
                </td>
                <td className="wrap">{r.datasetLabel}</td>
                <td>
                  <span className={`status-pill small ${r.status}`}>{r.status}</span>
                </td>
                <td className="num">{r.stepCount}</td>
                <td className="num">{fmtLoss(r.lastLoss)}</td>
                <td>{r.backend ?? '—'}</td>
                <td className="wrap run-started">{fmtDate(r.createdAt)}</td>
                <td>
                  <div className="run-actions">
                    <button type="button" className="link" onClick={() => props.onView(r.id)} data-testid="run-view" disabled={r.id === props.viewedId}>
                      View
                    </button>
                    <details className="menu">
                      <summary>Export</summary>
                      <div className="menu-items">
                        <button type="button" className="link" onClick={() => props.onExport(r.id, 'json')} data-testid="run-export-json">Run (JSON)</button>
                        <button type="button" className="link" onClick={() => props.onExport(r.id, 'csv')} data-testid="run-export-csv">Step log (CSV)</button>
                        <button type="button" className="link" onClick={() => props.onExport(r.id, 'model')} data-testid="run-export-model">Model (TF.js)</button>
                        <button type="button" className="link" onClick={() => props.onOpenMetrics(r.id)} data-testid="run-open-metrics">Test predictions → Metrics</button>
                      </div>
                    </details>
                    <button
                      type="button"
                      className="link danger"
                      disabled={r.id === props.activeId}
                      data-testid="run-delete"
                      onClick={() => {
                        if (window.confirm(`Delete run "${r.name}"? Its steps and weights are removed from this browser.`)) props.onDelete(r.id);
                      }}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
});
