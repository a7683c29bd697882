import { BUNDLED_DATASETS, SYNTHETIC_DATASETS } from '../../core/data/catalog';
import type { DataSource } from '../../store/data-store';

/** One-click access to every bundled CSV and synthetic generator in the catalog. */
export function SourcePicker({ onPick, disabled, chosenId }: { onPick: (source: DataSource) => void; disabled: boolean; chosenId: string | null }) {
  const groups = [
    { title: 'Datasets', entries: BUNDLED_DATASETS.filter((e) => e.kind === 'dataset').map((e) => ({ id: e.id, title: e.title, note: `${e.task}, ${e.rows} rows`, description: e.description, source: { kind: 'bundled', id: e.id } as const })) },
    { title: 'Example predictions', entries: BUNDLED_DATASETS.filter((e) => e.kind === 'predictions').map((e) => ({ id: e.id, title: e.title, note: `${e.task}, ${e.rows} rows`, description: e.description, source: { kind: 'bundled', id: e.id } as const })) },
    { title: 'Synthetic 2-D', entries: SYNTHETIC_DATASETS.map((e) => ({ id: e.id, title: e.title, note: `${e.task}, ${e.defaults.n} rows`, description: e.description, source: { kind: 'synthetic', id: e.id } as const })) },
  ];
  return (
    <div className="source-picker">
      {groups.map((g) => (
        <div key={g.title}>
          <h3>{g.title}</h3>
          <div className="row">
            {g.entries.map((e) => (
              <button
                key={e.id}
                type="button"
                className={e.id === chosenId ? 'secondary chosen' : 'secondary'}
                aria-pressed={e.id === chosenId}
                title={e.description}
                disabled={disabled}
                data-testid={`dataset-${e.id}`}
                onClick={() => onPick(e.source)}
              >
                {e.title} <span className="muted small">({e.note})</span>
              </button>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
