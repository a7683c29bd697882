import { thresholdMetricsAt } from '../../core/metrics';
import { useMetricsStore } from '../../store/metrics-store';
import { explainLines } from './explainFormulas';
import { formatCount, formatThreshold } from './format';
import { useBinaryModels, useModelThreshold, useSelectedModel } from './hooks';

/** For the selected model: each threshold metric's formula with the live counts written in, following the slider. */
export function ExplainPanel() {
  const models = useBinaryModels();
  const selected = useSelectedModel();
  const selectModel = useMetricsStore((s) => s.selectModel);
  const model = models.find((m) => m.name === selected) ?? models[0];
  const t = useModelThreshold(model?.name ?? '');
  if (!model) return null;
  const m = thresholdMetricsAt(model.sweep, t);
  const lines = explainLines(m);
  return (
    <section className="panel mp-explain" aria-labelledby="mp-explain-title" data-testid="explain-panel">
      <header className="mp-panel-head">
        <h2 id="mp-explain-title">How each number is computed</h2>
        {models.length > 1 && (
          <label className="mp-inline">
            <span className="muted">Model</span>
            <select value={model.name} onChange={(e) => selectModel(e.target.value)} data-testid="explain-model">
              {models.map((x) => <option key={x.name} value={x.name}>{x.name}</option>)}
            </select>
          </label>
        )}
      </header>
      <p className="muted mp-explain-counts">
        {model.name} at threshold {formatThreshold(t)}: TP = {formatCount(m.tp)}, FP = {formatCount(m.fp)}, TN = {formatCount(m.tn)}, FN = {formatCount(m.fn)}
      </p>
      <dl className="mp-explain-list">
        {lines.map((l) => (
          <div key={l.key} className="mp-explain-line" data-testid={`explain-${l.key}`}>
            <dt>{l.label}</dt>
            <dd>
              <span className="mp-eq-formula">{l.formula}</span>
              <span className="mp-eq-sub"> = {l.substituted}</span>
              <span className="mp-eq-value"> = <strong data-value={l.value}>{l.value.toFixed(3)}</strong></span>
              {l.undefinedBecause && <span className="mp-eq-note"> (undefined because {l.undefinedBecause}: reported as 0, as scikit-learn does)</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
