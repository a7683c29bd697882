import { useMetricsStore } from '../../store/metrics-store';
import { RowsTable } from './ErrorRowsTable';
import { formatCount } from './format';

/** The rows behind the confusion-matrix cell last clicked: which rows, their scores, every model's score. */
export function CellRows() {
  const cell = useMetricsStore((s) => s.cellRows);
  const close = useMetricsStore((s) => s.closeCellRows);
  if (!cell) return null;
  const { result } = cell;
  return (
    <div className="mp-cell-rows" role="region" aria-label="Rows behind the cell" data-testid="cm-rows-panel">
      <header className="mp-panel-head">
        <h3>{result ? result.rule : 'Finding the rows…'}</h3>
        <button type="button" className="link" onClick={close} data-testid="cm-rows-close">Close</button>
      </header>
      {cell.status === 'failed' && <p className="warning">{cell.message}</p>}
      {result && (
        <p className="muted">
          {formatCount(result.wrongRows ?? 0)} row{result.wrongRows === 1 ? '' : 's'} in this cell
          {result.rows.length < (result.wrongRows ?? 0) ? `; the first ${result.rows.length} are listed` : ''}.
        </p>
      )}
      {result && result.rows.length > 0 && <RowsTable result={result} label="Table of the rows behind the cell" testId="cm-rows" />}
    </div>
  );
}
