import { Fragment, memo, useId } from 'react';
import { useMetricsStore } from '../../store/metrics-store';
import type { BootstrapResult } from '../../workers/metrics-protocol';
import { bestModels, sortRows, type ComparisonTableData } from './comparisonRows';
import { dataValue, formatCount, formatMetric, formatThreshold } from './format';
import { modelColor, useActiveGroup, useComparisonTable, useSelectedModel } from './hooks';
import { MetricName } from './MetricName';
import { HumanBaseline } from './HumanBaseline';
import { ModelTest } from './ModelTest';
import { TableExports } from './TableExports';

/** Column groups of the binary table, so the header reads like a lesson. */
const BINARY_GROUPS: { title: string; hint: string; keys: string[] }[] = [
  { title: 'Ranking', hint: 'Threshold-free: how well the scores order the rows', keys: ['roc_auc', 'average_precision'] },
  { title: 'Probabilities', hint: 'Threshold-free: how good the probabilities are', keys: ['log_loss', 'brier'] },
  { title: 'At the threshold', hint: 'Change with the threshold slider', keys: ['accuracy', 'precision', 'recall', 'specificity', 'fpr', 'fnr', 'f1', 'mcc', 'balanced_accuracy'] },
  { title: 'Counts', hint: 'The confusion matrix at the threshold', keys: ['tp', 'fp', 'tn', 'fn'] },
];

/** One row per model, one column per metric, best values marked, sortable, with intervals on demand. */
export function ComparisonTable() {
  const group = useActiveGroup();
  const table = useComparisonTable();
  const sort = useMetricsStore((s) => s.sort);
  const selectModel = useMetricsStore((s) => s.selectModel);
  const bootstrap = useMetricsStore((s) => s.bootstrap);
  const selected = useSelectedModel();
  const perModel = useMetricsStore((s) => s.perModel);
  const baseline = useMetricsStore((s) => s.baseline);
  if (!group || !table) return null;
  const best = bestModels(table);
  const rows = sort && table.keys.includes(sort.key) ? sortRows(table.rows, sort.key, sort.descending) : table.rows;
  const colorOf = new Map(table.rows.map((r, i) => [r.model, modelColor(i)]));
  const intervals = bootstrap.status === 'done' ? bootstrap.result : null;
  const binary = table.task === 'binary';
  // Each model's own threshold is only worth showing when models have different thresholds.
  const showThreshold = binary && perModel;
  return (
    <section className="panel mp-table-panel" aria-labelledby="mp-compare-title">
      <header className="mp-panel-head">
        <h2 id="mp-compare-title">
          Compare models <span className="muted mp-sub">{formatCount(group.info.rows)} rows · label “{group.info.target}”{binary && group.info.positiveLabel !== null ? ` · positive = ${group.info.positiveLabel}` : ''}</span>
        </h2>
        <div className="mp-panel-actions">
          {table.task === 'regression' && <PredictorsInput />}
          <HumanBaseline keys={table.keys} />
          <BootstrapButton />
          <TableExports />
        </div>
      </header>
      <div className="mp-table-scroll" role="region" aria-label="Metrics of every model" tabIndex={0}>
        <table className="data mp-compare" data-testid="comparison-table">
          <TableHead task={table.task} keys={table.keys} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.model} className={r.model === selected ? 'selected' : undefined}>
                <th scope="row">
                  <button type="button" className="mp-model-button" onClick={() => selectModel(r.model)} aria-pressed={r.model === selected} title="Show this model in the explanations and threshold plots">
                    <span className="mp-swatch" style={{ background: colorOf.get(r.model) }} />
                    {r.model}
                  </button>
                  {showThreshold && r.threshold !== null && <span className="mp-threshold-cell"> at {formatThreshold(r.threshold)}</span>}
                </th>
                {table.keys.map((k) => (
                  <MetricCell key={k} table={table} model={r.model} metric={k} value={r.values[k] ?? null} best={best[k]?.includes(r.model) ?? false} intervals={intervals} />
                ))}
              </tr>
            ))}
            {baseline && table.keys.includes(baseline.metric) && (
              <tr className="mp-baseline-row" data-testid="baseline-row">
                <th scope="row"><span className="mp-baseline-mark" aria-hidden="true">◆</span> {baseline.name} <span className="muted">(reference)</span></th>
                {table.keys.map((k) => (k === baseline.metric
                  ? <td key={k} className="num" data-testid={`baseline-${k}`} data-value={baseline.value}>{formatMetric(baseline.value, k)}</td>
                  : <td key={k} />))}
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="muted mp-legend-line">
        <span className="mp-best-sample">Bold green</span> marks the best value per metric. Hover or focus a metric name for its formula and when to use it.
        {binary && ' Threshold metrics follow the slider; ROC AUC, average precision, log loss and Brier do not depend on it.'}
      </p>
      <BootstrapStatus />
      <ModelTest />
    </section>
  );
}

/**
 * The header: column groups, metric names with their tooltips, sort buttons. Memoised: it does not
 * change when the threshold moves, and its tooltips are the costliest part of the table to render.
 */
const TableHead = memo(function TableHead({ task, keys }: { task: ComparisonTableData['task']; keys: string[] }) {
  const sort = useMetricsStore((s) => s.sort);
  const setSort = useMetricsStore((s) => s.setSort);
  return (
    <thead>
      {task === 'binary' && (
        <tr className="mp-col-groups">
          <th />
          {BINARY_GROUPS.map((g) => (
            <th key={g.title} colSpan={g.keys.length} scope="colgroup" title={g.hint}>{g.title}</th>
          ))}
        </tr>
      )}
      <tr>
        <th scope="col">Model</th>
        {keys.map((k) => (
          <th key={k} scope="col" aria-sort={sort?.key === k ? (sort.descending ? 'descending' : 'ascending') : undefined}>
            <span className="mp-th">
              <MetricName task={task} metric={k} />
              <button type="button" className="mp-sort" aria-label={`Sort by ${k}`} onClick={() => setSort(k)} data-testid={`sort-${k}`}>
                {sort?.key === k ? (sort.descending ? '▼' : '▲') : '↕'}
              </button>
            </span>
          </th>
        ))}
      </tr>
    </thead>
  );
});

function MetricCell({ table, model, metric, value, best, intervals }: {
  table: ComparisonTableData; model: string; metric: string; value: number | null; best: boolean; intervals: BootstrapResult | null;
}) {
  const ci = intervals?.intervals[model]?.[metric];
  const stale = intervals && table.task === 'binary' && intervals.thresholds[model] !== table.rows.find((r) => r.model === model)?.threshold;
  return (
    <td className={`num${best ? ' best' : ''}`} data-testid={`metric-${model}-${metric}`} data-value={dataValue(value)}>
      {formatMetric(value, metric)}
      {ci && ci.lower !== null && ci.upper !== null && (
        <span className={`mp-ci${stale && !['roc_auc', 'average_precision', 'log_loss', 'brier'].includes(metric) ? ' stale' : ''}`} data-testid={`ci-${model}-${metric}`} data-lower={ci.lower} data-upper={ci.upper}>
          <Fragment>[{formatMetric(ci.lower, metric)}, {formatMetric(ci.upper, metric)}]</Fragment>
        </span>
      )}
    </td>
  );
}

/** The number of features k, which adjusted R² needs and a predictions file cannot tell. */
function PredictorsInput() {
  const predictors = useMetricsStore((s) => s.predictors);
  const setPredictors = useMetricsStore((s) => s.setPredictors);
  const id = useId();
  return (
    <span className="mp-inline">
      <label htmlFor={id} className="muted" title="Adjusted R² = 1 − (1 − R²)(n − 1)/(n − k − 1) needs k, the number of features the models used">
        Features k (for adjusted R²)
      </label>
      <input
        id={id}
        type="number"
        min={0}
        step={1}
        className="mp-k-input"
        value={predictors ?? ''}
        placeholder="k"
        data-testid="predictors"
        onChange={(e) => setPredictors(e.target.value.trim() === '' ? null : Number(e.target.value))}
      />
    </span>
  );
}

function BootstrapButton() {
  const rows = useActiveGroup()?.info.rows ?? 0;
  const status = useMetricsStore((s) => s.bootstrap.status);
  const runBootstrap = useMetricsStore((s) => s.runBootstrap);
  // A million rows take ~0.15 s per resample and model: fewer resamples keep it to a coffee break.
  const B = rows > 200_000 ? 200 : 1000;
  return (
    <button type="button" className="secondary" disabled={status === 'running'} onClick={() => void runBootstrap(B)} data-testid="bootstrap-run"
      title={`Resample the rows ${B} times (seed 0) and show the 2.5th and 97.5th percentiles of each metric`}>
      {status === 'done' ? 'Recompute 95% intervals' : '95% intervals (bootstrap)'}
    </button>
  );
}

function BootstrapStatus() {
  const bootstrap = useMetricsStore((s) => s.bootstrap);
  const cancel = useMetricsStore((s) => s.cancelBootstrap);
  if (bootstrap.status === 'running') {
    return (
      <p className="mp-status" role="status">
        <progress max={1} value={bootstrap.fraction} aria-label="Bootstrap progress" /> Resampling… {Math.round(bootstrap.fraction * 100)} %{' '}
        <button type="button" className="link" onClick={cancel} data-testid="bootstrap-cancel">Cancel</button>
      </p>
    );
  }
  if (bootstrap.status === 'idle' && bootstrap.message) return <p className="muted mp-status" data-testid="bootstrap-cancelled">Bootstrap: {bootstrap.message}</p>;
  if (bootstrap.status === 'failed') return <p className="warning" role="alert">Bootstrap failed: {bootstrap.message}</p>;
  if (bootstrap.status === 'done' && bootstrap.result) {
    return (
      <p className="muted mp-status" data-testid="bootstrap-done">
        Brackets: 95% percentile bootstrap intervals, B = {bootstrap.result.B} resamples of the rows (seed {bootstrap.result.seed}).
        Grey brackets were computed at another threshold; recompute to update them.
      </p>
    );
  }
  return null;
}
