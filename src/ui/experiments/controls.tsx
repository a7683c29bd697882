/** Small form and list pieces shared by the Experiments tabs. */
import type { ReactNode } from 'react';
import { BUNDLED_DATASETS, SYNTHETIC_DATASETS } from '../../core/data/catalog';
import type { ExperimentKind, ExperimentRecord } from '../../store/experiments-db';
import { deleteSaved, type RunState } from '../../store/experiments-store';
import { NumberField as SharedNumberField, type NumberFieldProps } from '../components/NumberField';
import { downloadFile } from '../train/download';
import type { DatasetChoice } from '../../core/train/settings';

const TRAINABLE = BUNDLED_DATASETS.filter((e) => e.kind === 'dataset');

function choiceKey(choice: DatasetChoice): string {
  return choice.source === 'upload' ? 'upload' : `${choice.source}:${choice.id}`;
}

function choiceFromKey(key: string): DatasetChoice | null {
  const [source, id] = key.split(':', 2) as [string, string];
  if (source === 'synthetic') {
    const entry = SYNTHETIC_DATASETS.find((e) => e.id === id);
    return entry ? { source: 'synthetic', id: entry.id, params: { ...entry.defaults } } : null;
  }
  if (source === 'bundled' && TRAINABLE.some((e) => e.id === id)) return { source: 'bundled', id };
  return null;
}

/** A bundled or synthetic dataset (uploads are not kept, so experiments cannot be reopened on them). */
export function DatasetSelect({ value, onChange, testId, disabled }: { value: DatasetChoice; onChange: (c: DatasetChoice) => void; testId: string; disabled?: boolean }) {
  return (
    <label className="xp-field">
      <span>Data</span>
      <select
        value={choiceKey(value)}
        data-testid={testId}
        disabled={disabled}
        onChange={(e) => {
          const c = choiceFromKey(e.currentTarget.value);
          if (c) onChange(c);
        }}
      >
        <optgroup label="Synthetic (seeded)">
          {SYNTHETIC_DATASETS.map((e) => (
            <option key={e.id} value={`synthetic:${e.id}`}>
              {e.title} ({e.task})
            </option>
          ))}
        </optgroup>
        <optgroup label="Bundled datasets">
          {TRAINABLE.map((e) => (
            <option key={e.id} value={`bundled:${e.id}`}>
              {e.title} ({e.task}, {e.rows} rows)
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

/** The shared number field in the Experiments page's style; invalid text stays (marked) until corrected. */
export function NumberField(props: NumberFieldProps) {
  return <SharedNumberField {...props} className="xp-field" revertOnBlur={false} />;
}

export function StatusPill({ status, testId }: { status: RunState; testId: string }) {
  return (
    <span className={`xp-pill ${status}`} data-testid={testId} data-status={status} aria-live="polite">
      {status === 'done' ? 'done' : status}
    </span>
  );
}

/** CSV and JSON download buttons. */
export function ExportButtons({ stem, csv, json, testId }: { stem: string; csv: () => string; json: () => string; testId: string }) {
  return (
    <span className="xp-exports">
      <button type="button" className="secondary small" data-testid={`${testId}-csv`} onClick={() => downloadFile(`${stem}.csv`, csv(), 'text/csv;charset=utf-8')}>
        Export CSV
      </button>
      <button type="button" className="secondary small" data-testid={`${testId}-json`} onClick={() => downloadFile(`${stem}.json`, json(), 'application/json')}>
        Export JSON
      </button>
    </span>
  );
}

/** The saved experiments of one kind: open or delete. */
export function SavedList<V>({
  kind, records, onOpen, activeId, title, empty,
}: { kind: ExperimentKind; records: ExperimentRecord<V>[]; onOpen: (r: ExperimentRecord<V>) => void; activeId: string | null; title: string; empty: string }) {
  return (
    <section className="panel xp-saved" aria-label={title}>
      <h2>{title}</h2>
      {records.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul data-testid={`saved-${kind}`}>
          {records.map((r) => (
            <li key={r.id} className={r.id === activeId ? 'active' : undefined} data-testid={`saved-${kind}-item`} data-id={r.id}>
              <button type="button" className="link xp-saved-open" onClick={() => onOpen(r)} title="Open">
                <strong>{r.name}</strong>
                <span className="muted small">
                  {new Date(r.createdAt).toLocaleString()} · {r.summary}
                </span>
              </button>
              <button type="button" className="link xp-saved-delete" aria-label={`Delete ${r.name}`} onClick={() => void deleteSaved(kind, r.id)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A titled panel. */
export function Panel({ title, children, actions, testId, className }: { title: string; children: ReactNode; actions?: ReactNode; testId?: string; className?: string }) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <div className="xp-panel-head">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Number formatting for tables: 4 significant digits, exponents for very small or large values. */
export function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) return v.toExponential(2);
  return Number(v.toPrecision(digits)).toString();
}
