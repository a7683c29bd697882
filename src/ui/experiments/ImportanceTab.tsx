/**
 * The Importance tab: which features a trained model relies on (permutation importance on its
 * validation rows, seeded, with repeats and intervals) and how its prediction moves with each one
 * (partial dependence; a map over both inputs for 2-D data).
 */
import { useEffect, useMemo } from 'react';
import {
  cancelImportance, importanceCsv, importanceJson, openSavedImportance, quickTrain, refreshModelOptions, startImportance, updateImportance, updateQuickTrain,
} from '../../store/experiments-importance';
import { useExperimentsStore, type SavedImportance } from '../../store/experiments-store';
import type { ExperimentRecord } from '../../store/experiments-db';
import { rowMetric, rowMetricsFor } from '../../workers/experiments-metrics';
import type { ImportanceOutcome } from '../../workers/experiments-service';
import type { ModelKind } from '../../core/train/model';
import { ProgressBar } from '../components/ProgressBar';
import { Plot } from '../plots/Plot';
import { DatasetSelect, ExportButtons, fmt, NumberField, Panel, SavedList, StatusPill } from './controls';
import { importanceFigure, partialDependence2dFigure, partialDependenceFigure } from './figures';
import { modelsForTask } from '../../core/experiments/search-settings';
import { datasetTask } from '../../store/experiments-store';
import { ScrollBox } from '../components/ScrollBox';

function ImportanceSetup() {
  const s = useExperimentsStore((st) => st.importance);
  const options = useExperimentsStore((st) => st.modelOptions);
  const selected = options.find((o) => o.id === s.modelId) ?? null;
  const running = s.status === 'running';
  const quickTask = datasetTask(s.quick.dataset) ?? 'binary';
  const metricKey = selected ? rowMetric(selected.task, s.metric).key : '';
  return (
    <aside className="panel xp-setup" aria-label="Importance set-up">
      <h2>Model</h2>
      {options.length === 0 ? (
        <p className="muted small" data-testid="importance-no-models">
          No trained model yet. Train one below, compare models on the Models tab (every model is kept), or finish a run on the Train page.
        </p>
      ) : (
        <label className="xp-field">
          <span>Inspect</span>
          <select value={s.modelId ?? ''} disabled={running} data-testid="importance-model" onChange={(e) => updateImportance({ modelId: e.currentTarget.value })}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {selected && <span className="muted small">{selected.detail}</span>}
        </label>
      )}
      {selected && (
        <>
          <label className="xp-field">
            <span>Score to lose</span>
            <select value={metricKey} disabled={running} data-testid="importance-metric" onChange={(e) => updateImportance({ metric: e.currentTarget.value })}>
              {rowMetricsFor(selected.task).map((m) => (
                <option key={m.key} value={m.key}>{m.label}</option>
              ))}
            </select>
          </label>
          <div className="xp-grid">
            <NumberField label="Repeats" value={s.repeats} integer min={1} max={100} disabled={running} testId="importance-repeats" onChange={(v) => updateImportance({ repeats: v })} />
            <NumberField label="Seed" value={s.seed} integer min={0} disabled={running} testId="importance-seed" onChange={(v) => updateImportance({ seed: v })} />
          </div>
          <p className="xp-hint">
            Each feature’s column is shuffled {s.repeats} times on the validation rows and the model scored again; the drop is its importance. The interval shows the spread
            over the shuffles (t-interval, 95%).
          </p>
          <div className="xp-actions">
            {!running ? (
              <button type="button" className="primary" data-testid="importance-start" onClick={() => void startImportance()}>
                Compute importance
              </button>
            ) : (
              <button type="button" className="danger" onClick={cancelImportance}>
                Cancel
              </button>
            )}
          </div>
        </>
      )}
      <details className="xp-group" open={options.length === 0}>
        <summary>Train a model here</summary>
        <DatasetSelect value={s.quick.dataset} onChange={(dataset) => updateQuickTrain({ dataset, model: 'mlp' })} testId="importance-quick-dataset" disabled={s.quick.status === 'running'} />
        <label className="xp-field">
          <span>Model</span>
          <select value={s.quick.model} disabled={s.quick.status === 'running'} data-testid="importance-quick-model" onChange={(e) => updateQuickTrain({ model: e.currentTarget.value as ModelKind })}>
            {modelsForTask(quickTask).map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <p className="xp-hint">30 epochs with the Train page’s defaults (MLP: two hidden layers of 16).</p>
        <button type="button" className="secondary" data-testid="importance-train" disabled={s.quick.status === 'running'} onClick={() => void quickTrain()}>
          {s.quick.status === 'running' ? 'Training…' : 'Train'}
        </button>
        {s.quick.message && <p className={s.quick.status === 'failed' ? 'warning small' : 'muted small'} data-testid="importance-train-message">{s.quick.message}</p>}
      </details>
    </aside>
  );
}

function ImportanceTable({ outcome }: { outcome: ImportanceOutcome }) {
  const features = [...outcome.result.features].sort((a, b) => b.mean - a.mean);
  return (
    <ScrollBox label="Importance per feature">
      <table className="data xp-table" data-testid="importance-table">
        <thead>
          <tr>
            <th scope="col">feature</th>
            <th scope="col" className="num">importance</th>
            <th scope="col">95% interval</th>
            <th scope="col" className="num">std</th>
            <th scope="col">reading</th>
          </tr>
        </thead>
        <tbody>
          {features.map((f) => (
            <tr key={f.feature} data-testid={`importance-${f.feature}`} data-value={f.mean} data-lower={f.lower ?? ''} data-upper={f.upper ?? ''}>
              <td><strong>{f.feature}</strong></td>
              <td className="num">{fmt(f.mean)}</td>
              <td className="muted">{f.lower !== null ? `[${fmt(f.lower, 3)}, ${fmt(f.upper, 3)}]` : ''}</td>
              <td className="num">{fmt(f.std, 3)}</td>
              <td className="small">{f.lower !== null && f.lower > 0 ? 'relied on' : f.mean <= 0 ? 'not used (shuffling does not hurt)' : 'unclear: the interval includes 0'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function ImportanceResults() {
  const s = useExperimentsStore((st) => st.importance);
  const o = s.outcome;
  const fig = useMemo(() => (o ? importanceFigure(o.result, o.metric.label) : null), [o]);
  const pdFigs = useMemo(() => (o ? o.pd.map((pd) => ({ pd, fig: partialDependenceFigure(pd, o.pdOutput) })) : []), [o]);
  const pd2 = useMemo(() => (o?.pd2 ? partialDependence2dFigure(o.pd2, o.pdOutput) : null), [o]);
  return (
    <>
      <section className="panel xp-status-panel" aria-label="Importance status">
        <div className="xp-status-line">
          <StatusPill status={s.status} testId="importance-status" />
          {o && s.outcomeModel && (
            <span>
              <strong>{s.outcomeModel.name}</strong>: {o.metric.label} {fmt(o.metric.higherIsBetter ? o.result.baseline : -o.result.baseline)} on {o.rows} {o.part} rows, {o.result.nRepeats} shuffles per
              feature (seed {o.result.seed})
            </span>
          )}
          <span className="xp-spacer" />
          {o && <ExportButtons stem="permutation-importance" csv={importanceCsv} json={importanceJson} testId="importance-export" />}
        </div>
        {s.progress && <ProgressBar value={s.progress.fraction} label={s.progress.label} />}
        {s.message && <p className={s.status === 'failed' ? 'warning' : 'muted small'} data-testid="importance-message">{s.message}</p>}
        {!o && s.status !== 'running' && (
          <p className="muted">
            Choose a trained model and press <strong>Compute importance</strong>. A feature matters when shuffling its values (breaking its link to the target) makes the model
            worse; a feature the model ignores costs nothing to shuffle.
          </p>
        )}
      </section>
      {o && fig && (
        <>
          <div className="xp-plots">
            <Plot title="Permutation importance" data={fig.data} layout={fig.layout} height={Number(fig.layout.height ?? 300)} testId="importance-plot" />
            <Panel title="Per feature">
              <ImportanceTable outcome={o} />
            </Panel>
          </div>
          {(pdFigs.length > 0 || pd2) && (
            <Panel title={`Partial dependence: average ${o.pdOutput} as one input moves, the others as they are`} testId="importance-pd">
              <div className="xp-histograms">
                {pd2 && <Plot title={`${o.pd2!.features[0]} × ${o.pd2!.features[1]}`} data={pd2.data} layout={pd2.layout} height={320} testId="importance-pd2" />}
                {pdFigs.map(({ pd, fig: f }) => (
                  <Plot key={pd.feature} title={pd.feature} data={f.data} layout={f.layout} height={240} testId={`importance-pd-${pd.feature}`} />
                ))}
              </div>
            </Panel>
          )}
        </>
      )}
    </>
  );
}

export function ImportanceTab() {
  const saved = useExperimentsStore((s) => s.saved.importance) as ExperimentRecord<SavedImportance>[];
  const activeId = useExperimentsStore((s) => s.importance.recordId);
  useEffect(() => {
    void refreshModelOptions();
  }, []);
  return (
    <div className="xp-columns">
      <ImportanceSetup />
      <div className="xp-main">
        <ImportanceResults />
        <SavedList kind="importance" title="Saved importance results" records={saved} onOpen={openSavedImportance} activeId={activeId}
          empty="Every result is saved in this browser with the model it belongs to." />
      </div>
    </div>
  );
}
