import { DEFAULT_TARGET_NAMES } from '../../core/metrics/predictions';
import { useMetricsStore } from '../../store/metrics-store';
import { ErrorBanner } from '../components/ErrorBanner';

const COLUMN_KINDS = new Set(['non-numeric', 'missing-value', 'out-of-range', 'unknown-label']);

/**
 * The last load's error, verbatim (it names file, row and column), and what the page still shows:
 * a failed file never replaces or mixes into what was loaded before. When one model column is at
 * fault, one click reads the file again without it.
 */
export function PageError() {
  const error = useMetricsStore((s) => s.error);
  const dismiss = useMetricsStore((s) => s.dismissError);
  const retryIgnoring = useMetricsStore((s) => s.retryIgnoring);
  const hasData = useMetricsStore((s) => s.groups.length > 0);
  if (!error) return null;
  const column = error.error.column;
  const canSkip = column !== null && COLUMN_KINDS.has(error.error.kind) &&
    !(DEFAULT_TARGET_NAMES as readonly string[]).includes(column.toLowerCase());
  return (
    <div className="mp-error">
      <ErrorBanner error={error.error} onDismiss={dismiss} />
      <p className="muted">
        {error.fileId ? 'The file keeps its previous column mapping. ' : 'Nothing from this file is shown. '}
        {hasData ? 'The comparison below is unchanged.' : 'Fix the file and load it again, or try an example.'}
        {canSkip && (
          <>
            {' '}
            <button type="button" className="link" data-testid="retry-ignoring" onClick={() => void retryIgnoring(column!)}>
              Load it again without column “{column}”
            </button>
          </>
        )}
      </p>
    </div>
  );
}
