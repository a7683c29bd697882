/** The Curves tab's set-up: data (bundled, synthetic or a CSV), model, score, and the two curves' settings. */
import { CURVE_PARAMS, CURVE_PARAM_INFO, type CurveParam } from '../../core/experiments/curve-params';
import { modelsForTask } from '../../core/experiments/search-settings';
import type { ModelKind } from '../../core/train/model';
import {
  cancelCurves, chooseCurveParam, chooseUploadTarget, curveValues, openCurvesFile, setCurvesModel, startLearningCurve, startValidationCurve, updateCurves,
} from '../../store/experiments-curves';
import { datasetTask, useExperimentsStore } from '../../store/experiments-store';
import { ROW_METRICS, rowMetric, rowMetricsFor } from '../../workers/experiments-metrics';
import { FileDrop } from '../components/FileDrop';
import { DatasetSelect, fmt, NumberField } from './controls';

function DataChoice() {
  const s = useExperimentsStore((st) => st.curves);
  const running = s.running !== null;
  return (
    <fieldset className="xp-group" disabled={running}>
      <legend>Data</legend>
      <label className="xp-check">
        <input type="radio" name="curves-source" checked={!s.useUpload} onChange={() => updateCurves({ useUpload: false })} data-testid="curves-source-catalog" />
        Bundled or synthetic
      </label>
      {!s.useUpload && <DatasetSelect value={s.dataset} onChange={(dataset) => updateCurves({ dataset, model: 'mlp', metric: '' })} testId="curves-dataset" disabled={running} />}
      <label className="xp-check">
        <input type="radio" name="curves-source" checked={s.useUpload} disabled={!s.upload} onChange={() => updateCurves({ useUpload: true })} data-testid="curves-source-upload" />
        {s.upload ? `My file: ${s.upload.name}` : 'My file (open one below)'}
      </label>
      <FileDrop what="a CSV file" onFiles={(files) => void openCurvesFile(files[0]!)} testId="curves-file" disabled={running} loaded={s.upload?.name} />
      {s.useUpload && s.upload && (
        <label className="xp-field">
          <span>Target column</span>
          <select value={s.upload.target} data-testid="curves-target" onChange={(e) => chooseUploadTarget(e.currentTarget.value)}>
            {s.upload.columns.map((c) => <option key={c}>{c}</option>)}
          </select>
        </label>
      )}
    </fieldset>
  );
}

function ModelChoice() {
  const s = useExperimentsStore((st) => st.curves);
  const running = s.running !== null;
  const task = s.useUpload ? null : datasetTask(s.dataset);
  const models: ModelKind[] = task ? modelsForTask(task) : ['mlp', 'linear', 'logistic', 'softmax'];
  // A file's task is known only once the worker has read it: every metric is offered, the worker keeps the ones that apply.
  const metrics = task ? rowMetricsFor(task) : ROW_METRICS.filter((m, i) => ROW_METRICS.findIndex((n) => n.key === m.key) === i);
  const metricKey = task ? rowMetric(task, s.metric).key : s.metric || metrics[0]!.key;
  return (
    <fieldset className="xp-group" disabled={running}>
      <legend>Model and score</legend>
      <label className="xp-field">
        <span>Model</span>
        <select value={s.model} data-testid="curves-model" onChange={(e) => setCurvesModel(e.currentTarget.value as ModelKind)}>
          {models.map((k) => <option key={k}>{k}</option>)}
        </select>
      </label>
      <div className="xp-grid">
        {s.model === 'mlp' && (
          <NumberField label="Hidden units" value={s.hidden[0] ?? 16} integer min={1} max={512} testId="curves-hidden" onChange={(v) => updateCurves({ hidden: [v] })} />
        )}
        <NumberField label="Epochs" value={s.epochs} integer min={1} max={500} testId="curves-epochs" onChange={(v) => updateCurves({ epochs: v })} />
      </div>
      <label className="xp-field">
        <span>Score</span>
        <select value={metricKey} data-testid="curves-metric" onChange={(e) => updateCurves({ metric: e.currentTarget.value })}>
          {metrics.map((m) => <option key={m.key} value={m.key}>{task ? m.label : `${m.label} (${m.task})`}</option>)}
        </select>
      </label>
      <div className="xp-grid">
        <NumberField label="Repeats" value={s.repeats} integer min={1} max={20} testId="curves-repeats" onChange={(v) => updateCurves({ repeats: v })} />
        <NumberField label="Seed" value={s.seed} integer min={0} testId="curves-seed" onChange={(v) => updateCurves({ seed: v })} />
      </div>
    </fieldset>
  );
}

function Actions() {
  const s = useExperimentsStore((st) => st.curves);
  const values = curveValues(s);
  const info = CURVE_PARAM_INFO[s.param];
  const running = s.running !== null;
  return (
    <>
      <fieldset className="xp-group" disabled={running}>
        <legend>Learning curve</legend>
        <NumberField label="Sizes" value={s.points} integer min={3} max={12} testId="curves-points" onChange={(v) => updateCurves({ points: v })} />
        <p className="xp-hint">
          {s.points} training-set sizes from a tenth of the training rows to all of them, evenly spaced in log scale, {s.repeats} seeded repeats each (nested subsets within a
          repeat), scored on the validation rows. A power law a·n^−b + c is fitted through them.
        </p>
        <button type="button" className="primary" data-testid="learning-curve-start" onClick={() => void startLearningCurve()}>Compute learning curve</button>
      </fieldset>
      <fieldset className="xp-group" disabled={running}>
        <legend>Validation curve</legend>
        <label className="xp-field">
          <span>Setting</span>
          <select value={s.param} data-testid="curves-param" onChange={(e) => chooseCurveParam(e.currentTarget.value as CurveParam)}>
            {CURVE_PARAMS.map((p) => <option key={p} value={p}>{CURVE_PARAM_INFO[p].label}</option>)}
          </select>
        </label>
        <div className="xp-grid">
          <NumberField label="From" value={s.lo} min={0} integer={info.integer} testId="curves-lo" onChange={(v) => updateCurves({ lo: v })} />
          <NumberField label="To" value={s.hi} min={0} integer={info.integer} testId="curves-hi" onChange={(v) => updateCurves({ hi: v })} />
          <NumberField label="Values" value={s.count} integer min={2} max={12} testId="curves-count" onChange={(v) => updateCurves({ count: v })} />
        </div>
        <p className="xp-hint">Trains at {values.map((v) => fmt(v)).join(', ')}, {s.repeats} repeats each.</p>
        <button type="button" className="primary" data-testid="validation-curve-start" onClick={() => void startValidationCurve()}>Compute validation curve</button>
      </fieldset>
      {running && (
        <button type="button" className="danger" data-testid="curves-cancel" onClick={cancelCurves}>Cancel</button>
      )}
    </>
  );
}

export function CurvesSetup() {
  return (
    <aside className="panel xp-setup" aria-label="Curves set-up">
      <h2>Set-up</h2>
      <DataChoice />
      <ModelChoice />
      <Actions />
    </aside>
  );
}
