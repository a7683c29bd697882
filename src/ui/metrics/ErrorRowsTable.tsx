import { useState } from 'react';
import { useMetricsStore } from '../../store/metrics-store';
import { WhatIfPanel } from '../train/WhatIfPanel';
import { useHashRoute } from '../useHashRoute';
import { useRunRows } from './run-rows';
import type { ErrorRowsResult } from '../../workers/metrics-protocol';
import { formatCount } from './format';
import { useActiveGroup, useSelectedModel } from './hooks';
import { ScrollBox } from '../components/ScrollBox';

/** What the table is called per task: a regression has errors of a size, not confident mistakes at a threshold. */
const TITLES = {
  binary: { title: 'Most confident mistakes', none: 'No mistakes at this threshold.' },
  multiclass: { title: 'Most confident mistakes', none: 'No mistakes.' },
  regression: { title: 'Largest errors', none: 'Every prediction is exact.' },
} as const;

/** The rows the selected model got most confidently wrong (largest errors in regression), with every other column: where data bugs hide. */
export function ErrorRowsTable() {
  const group = useActiveGroup();
  const selected = useSelectedModel();
  const errorRows = useMetricsStore((s) => s.errorRows);
  const selectModel = useMetricsStore((s) => s.selectModel);
  // A training run's predictions (from the Train page): each mistake opens in the what-if panel.
  const run = useRunRows(useHashRoute().params.get('from'));
  const [whatIf, setWhatIf] = useState<{ row: number; line: number } | null>(null);
  if (!group || !selected) return null;
  const words = TITLES[group.info.task];
  const explainable = run !== null && run.model === selected;
  const onWhatIf = explainable
    ? (line: number) => {
        // File line 2 holds the first prediction (line 1 is the header).
        const row = run.testRows[line - 2];
        if (row !== undefined) setWhatIf({ row, line: run.lines[row] ?? row + 1 });
      }
    : undefined;
  const result = errorRows?.model === selected ? errorRows.result : null;
  const names = group.data.models.map((m) => m.name);
  return (
    <section className="panel mp-errors" aria-labelledby="mp-errors-title" data-testid="error-rows">
      <header className="mp-panel-head">
        <h2 id="mp-errors-title">{words.title}</h2>
        {names.length > 1 && (
          <label className="mp-inline">
            <span className="muted">Model</span>
            <select value={selected} onChange={(e) => selectModel(e.target.value)} data-testid="errors-model">
              {names.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
        )}
      </header>
      <p className="muted">
        {result ? result.rule : 'Finding the rows…'}{' '}
        {result?.wrongRows !== null && result?.wrongRows !== undefined && `${formatCount(result.wrongRows)} rows are wrong in all; the first ${result.rows.length} are listed. `}
        Look at these rows first: a label that is plainly wrong, a duplicated id or a leaked feature shows up here.
      </p>
      {errorRows?.status === 'failed' && <p className="warning">{errorRows.message}</p>}
      {result && result.rows.length === 0 && <p>{words.none}</p>}
      {result && result.rows.length > 0 && <RowsTable result={result} label={`Table of ${words.title.toLowerCase()}`} onWhatIf={onWhatIf} />}
      {explainable && whatIf && (
        <WhatIfPanel key={whatIf.row} runId={run.runId} row={whatIf.row} line={whatIf.line} table={run.table} onClose={() => setWhatIf(null)} />
      )}
    </section>
  );
}

/**
 * Rows of the file as a table: the line, the label, the model's cells, every other model's, the other
 * columns; with `onWhatIf`, a button per row that opens it (by file line) in the what-if panel.
 */
export function RowsTable({ result, label, testId, onWhatIf }: { result: ErrorRowsResult; label: string; testId?: string; onWhatIf?: (line: number) => void }) {
  return (
    <ScrollBox label={label} className="mp-errors-scroll">
      <table className="data" data-testid={testId} data-rows={result.wrongRows ?? undefined}>
        <thead>
          <tr>
            {result.columns.map((c, j) => <th key={j} scope="col">{c}</th>)}
            {onWhatIf && <th scope="col"><span className="visually-hidden">Open</span></th>}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r) => (
            <tr key={r.line} data-line={r.line}>
              {r.cells.map((v, j) => (
                <td key={j} className={typeof v === 'number' ? 'num' : undefined}>
                  {typeof v === 'number' ? (j === 0 ? v : Number.isInteger(v) ? formatCount(v) : v.toPrecision(4)) : v}
                </td>
              ))}
              {onWhatIf && (
                <td>
                  <button type="button" className="link" data-testid="whatif-open" data-line={r.line} onClick={() => onWhatIf(r.line)}>
                    What if…
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
