import { useMemo, useState } from 'react';
import { metricDefinition } from '../../core/metrics/definitions';
import type { ExampleSummary } from '../../core/train/example-tracking';
import type { OverfitVerdict } from '../../core/train/overfit-batch';
import { applySuggestedLr, useTrainStore, type RunSummary } from '../../store/train-store';
import { Plot } from '../plots/Plot';
import { lrRangeFigure } from './chart-figures';
import { ScrollBox } from '../components/ScrollBox';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4)) : String(v));

/** The overfit-one-batch verdict: passed or failed, with the numbers and what to try. */
export function VerdictPanel({ verdict }: { verdict: OverfitVerdict }) {
  return (
    <section className={`panel verdict ${verdict.passed ? 'pass' : 'fail'}`} data-testid="overfit-verdict" data-passed={verdict.passed ? 'true' : 'false'} aria-live="polite">
      <h2>
        <span className={`status-pill ${verdict.passed ? 'done' : 'failed'}`}>{verdict.passed ? 'Passed' : 'Failed'}</span>
        Overfit one batch
      </h2>
      <p>{verdict.message}</p>
      <p className="muted">
        {verdict.batchRows} rows, up to {verdict.budget} steps; the loss must fall to {Math.round(verdict.target * 100)}% of its start ({fmt(verdict.initialLoss)}). Best: {fmt(verdict.bestLoss)} (
        {(verdict.ratio * 100).toPrecision(2)}% of the start){verdict.passedAtStep !== null ? `, reached at step ${verdict.passedAtStep}` : ''}.
      </p>
      {verdict.passed ? (
        <p>The model and the pipeline can learn. Now train on all the data and watch the validation loss.</p>
      ) : (
        verdict.explanation.length > 0 && (
          <ul>
            {verdict.explanation.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )
      )}
    </section>
  );
}

/** The LR range test's curve and its suggestion, with a button to use it. */
export function LrRangePanel() {
  const lrRange = useTrainStore((s) => s.lrRange);
  const currentLr = useTrainStore((s) => s.settings.config.lr);
  const fig = useMemo(() => (lrRange?.result ? lrRangeFigure({ lr: lrRange.result.lrs, loss: lrRange.result.smoothed }, lrRange.result.suggestedLr) : null), [lrRange]);
  if (!lrRange) return null;
  const suggested = lrRange.result?.suggestedLr ?? null;
  return (
    <section className="panel" data-testid="lr-range" data-status={lrRange.status} data-suggested={suggested ?? ''}>
      <h2>Learning-rate range test</h2>
      <p className={lrRange.status === 'failed' ? 'error-text' : 'muted'}>{lrRange.status === 'running' ? 'Training a copy with a growing learning rate…' : lrRange.message}</p>
      {fig && <Plot title="LR range test" data={fig.data} layout={fig.layout} height={260} testId="lr-range-plot" />}
      {suggested !== null && (
        <div className="row">
          <button type="button" data-testid="apply-lr" onClick={applySuggestedLr} disabled={Number(suggested.toPrecision(2)) === currentLr}>
            Use {Number(suggested.toPrecision(2))} as the learning rate
          </button>
          <span className="muted">now {currentLr}</span>
        </div>
      )}
    </section>
  );
}

/** Final metrics on train / validation / test next to the baselines on the same rows. */
export function ResultsPanel({ summary }: { summary: RunSummary }) {
  const task = summary.info?.task ?? 'binary';
  const keys = task === 'regression' ? ['rmse', 'mae', 'r2'] : task === 'binary' ? ['accuracy', 'roc_auc', 'log_loss', 'f1'] : ['accuracy', 'macro_f1', 'log_loss'];
  const label = (k: string) => metricDefinition(task, k)?.label ?? k;
  const final = summary.final;
  if (!final) return null;
  return (
    <section className="panel" data-testid="final-metrics" aria-label="Results">
      <h2>Results</h2>
      <p className="muted">{summary.stopReason}{summary.restoredBestWeights ? ` Best weights restored from epoch ${summary.bestEpoch}.` : ''}</p>
      <ScrollBox label="Final metrics" style={{ maxHeight: 'none' }}>
        <table className="data metrics-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Rows</th>
              {keys.map((k) => (
                <th key={k} scope="col" className="num">
                  {label(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(['train', 'validation', 'test'] as const).map((part) => (
              <tr key={part}>
                <th scope="row">this model</th>
                <td>{part}</td>
                {keys.map((k) => (
                  <td key={k} className="num" data-testid={`final-${part}-${k}`} data-value={final[part][k] ?? ''}>
                    {fmt(final[part][k])}
                  </td>
                ))}
              </tr>
            ))}
            {summary.baselines.map((b) => (
              <tr key={b.name} className="muted" title={b.description}>
                <th scope="row">{b.name} baseline</th>
                <td>test</td>
                {keys.map((k) => (
                  <td key={k} className="num">
                    {fmt(b.test[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

type ExampleList = 'hardest' | 'neverLearned' | 'mostForgotten';

/** Training rows worth a look: highest loss, never learned, forgotten; with their features. `onWhatIf` opens a row in the what-if panel. */
export function HardExamples({ summary, features, onWhatIf }: { summary: RunSummary; features: ((rows: number[]) => { header: string[]; values: string[][] }) | null; onWhatIf?: (row: number, line: number) => void }) {
  const ex = summary.examples;
  const classification = summary.info?.task !== 'regression';
  const [list, setList] = useState<ExampleList>('hardest');
  const rows: ExampleSummary[] = useMemo(() => (ex ? ex[list] : []), [ex, list]);
  const table = useMemo(() => (features ? features(rows.map((r) => r.row)) : null), [features, rows]);
  const shownFeatures = table ? table.header.slice(0, 8) : [];
  if (!ex) return null;
  return (
    <section className="panel" data-testid="hard-examples" aria-label="Hard examples">
      <h2>Hard examples</h2>
      <p className="muted">
        Training rows at the end of the run{classification ? `: ${ex.counts.neverLearned} never learned, ${ex.counts.forgottenAtLeastOnce} forgotten at least once (a right answer that later turned wrong) over ${ex.epochs} epochs` : ''}. Often
        mislabelled or unusual rows.
      </p>
      <div className="examples-tabs" role="group" aria-label="Which rows">
        <button type="button" aria-pressed={list === 'hardest'} onClick={() => setList('hardest')}>
          Highest loss
        </button>
        {classification && (
          <>
            <button type="button" aria-pressed={list === 'neverLearned'} onClick={() => setList('neverLearned')}>
              Never learned ({ex.counts.neverLearned})
            </button>
            <button type="button" aria-pressed={list === 'mostForgotten'} onClick={() => setList('mostForgotten')}>
              Forgotten ({ex.counts.forgottenAtLeastOnce})
            </button>
          </>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ScrollBox label="Table of hard examples">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Label</th>
                <th scope="col" className="num">Loss</th>
                {classification && <th scope="col" className="num">Right (epochs)</th>}
                {classification && <th scope="col" className="num">Forgotten</th>}
                {shownFeatures.map((h) => (
                  <th key={h} scope="col" className="num">
                    {h}
                  </th>
                ))}
                {onWhatIf && <th scope="col"><span className="visually-hidden">Open</span></th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.row}>
                  <td>{r.line}</td>
                  <td>{r.label}</td>
                  <td className="num">{fmt(r.finalLoss)}</td>
                  {classification && <td className="num">{r.timesCorrect} / {ex.epochs}</td>}
                  {classification && <td className="num">{r.forgettingEvents}</td>}
                  {shownFeatures.map((h, j) => (
                    <td key={h} className="num">
                      {table?.values[i]?.[j] ?? ''}
                    </td>
                  ))}
                  {onWhatIf && (
                    <td>
                      <button type="button" className="link" data-testid="whatif-open" data-row={r.row} onClick={() => onWhatIf(r.row, r.line)}>
                        What if…
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
