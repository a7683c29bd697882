import { BUNDLED_DATASETS, SYNTHETIC_DATASETS, type CatalogEntry } from '../../core/data/catalog';
import { useMetricsStore } from '../../store/metrics-store';
import { navigate } from '../useHashRoute';

/** The catalog entry a preview came from (the store names bundled files by their file name, generators `<id>.csv`). */
export function catalogEntryOf(fileName: string | undefined): CatalogEntry | undefined {
  if (!fileName) return undefined;
  return BUNDLED_DATASETS.find((e) => e.file.split('/').pop() === fileName) ?? SYNTHETIC_DATASETS.find((e) => `${e.id}.csv` === fileName);
}

/** What to do with the dataset on screen: train on it, or evaluate the predictions it holds. No view is a dead end. */
export function NextSteps({ fileName }: { fileName: string }) {
  const entry = catalogEntryOf(fileName);
  const loadBundled = useMetricsStore((s) => s.loadBundled);
  if (entry && entry.kind === 'predictions') {
    return (
      <div className="next-steps" data-testid="next-steps">
        <span className="muted">Next:</span>
        <button type="button" data-testid="next-evaluate" onClick={() => { void loadBundled(entry.file); navigate('metrics', {}); }}>
          Evaluate these predictions on the Metrics page →
        </button>
      </div>
    );
  }
  return (
    <div className="next-steps" data-testid="next-steps">
      <span className="muted">Next:</span>
      {entry ? (
        <a className="button-link" href={`#/train?dataset=${encodeURIComponent(entry.id)}`} data-testid="next-train">Train a model on {entry.title} →</a>
      ) : (
        <a className="button-link" href="#/train" data-testid="next-train">Train on your CSV (choose “Your CSV” on the Train page) →</a>
      )}
      <a href="#/metrics" data-testid="next-evaluate">or evaluate a file of predictions</a>
    </div>
  );
}
