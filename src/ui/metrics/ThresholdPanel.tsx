import { useEffect, useId, useMemo, useState } from 'react';
import { confusionAt } from '../../core/metrics';
import { thresholdRangeWarning } from '../../core/metrics/threshold-range';
import { useMetricsStore, type BinaryModelView } from '../../store/metrics-store';
import { dataValue, formatCost, formatCount, formatMetric, formatThreshold } from './format';
import { modelColor, useBinaryModels, useModelThreshold, useSelectedModel, useThresholdOf } from './hooks';
import { costOptimum, f1Optimum, youdenOptimum } from './optima';
import { thresholdRange, type ThresholdRange } from './thresholdRange';

/**
 * The decision threshold (slider and number box, shared or one per model) and the costs of the two
 * mistakes, with the cheapest, F1-optimal and Youden thresholds of every model and one-click apply.
 */
export function ThresholdPanel() {
  const models = useBinaryModels();
  const perModel = useMetricsStore((s) => s.perModel);
  const setPerModel = useMetricsStore((s) => s.setPerModel);
  const range = useMemo(() => thresholdRange(models), [models]);
  if (models.length === 0) return null;
  return (
    <section className="panel mp-threshold" aria-label="Threshold and costs">
      <div className="mp-threshold-row">
        <SharedThreshold range={range} />
        <label className="mp-check">
          <input type="checkbox" checked={perModel} onChange={(e) => setPerModel(e.target.checked)} data-testid="per-model-toggle" />
          One threshold per model
        </label>
        <Costs />
      </div>
      {perModel && (
        <div className="mp-per-model">
          {models.map((m, i) => (
            <ModelThreshold key={m.name} model={m} index={i} range={range} />
          ))}
        </div>
      )}
      <ThresholdRangeWarnings models={models} />
      <Optima models={models} />
    </section>
  );
}

/** Lines shown before the rest are summarised by their count (a file may hold many models). */
const WARNINGS_SHOWN = 3;

/**
 * The CLI's warning for a threshold outside a model's score range (typed, or from a link), under the
 * controls: every row is then decided the same way, which the numbers alone do not make obvious.
 */
function ThresholdRangeWarnings({ models }: { models: BinaryModelView[] }) {
  const thresholdOf = useThresholdOf();
  const lines = useMemo(() => models.flatMap((m) => {
    const t = thresholdOf(m.name);
    const c = confusionAt(m.sweep, t);
    const predictedPositive = c.tp + c.fp;
    const w = thresholdRangeWarning(t, m.name, { probabilities: m.kind !== 'score', predictedPositive, rows: predictedPositive + c.tn + c.fn });
    return w ? [w] : [];
  }), [models, thresholdOf]);
  if (lines.length === 0) return null;
  const more = lines.length - WARNINGS_SHOWN;
  return (
    <div role="status" className="warning" data-testid="threshold-range-warning">
      {lines.slice(0, WARNINGS_SHOWN).map((l) => <div key={l}>{l}</div>)}
      {more > 0 && <div>… and {more} more model{more === 1 ? '' : 's'} the same.</div>}
    </div>
  );
}

/** A number box that lets people type freely ("0.", "-") and commits whenever the text is a number. */
function ThresholdNumber({ value, onCommit, testId, label }: { value: number; onCommit: (t: number) => void; testId?: string; label: string }) {
  // Shown to 6 significant digits; the threshold in force keeps full precision (the title shows it).
  const shown = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '');
  const [text, setText] = useState(shown(value));
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setText(shown(value));
  }, [value, editing]);
  return (
    <input
      type="number"
      step="any"
      className="mp-threshold-number"
      aria-label={label}
      data-testid={testId}
      data-value={value}
      title={`threshold ${value}`}
      value={text}
      placeholder={value === Infinity ? '∞' : undefined}
      onFocus={() => setEditing(true)}
      onBlur={() => setEditing(false)}
      onChange={(e) => {
        setText(e.target.value);
        const t = e.target.value.trim() === '' ? NaN : Number(e.target.value);
        if (Number.isFinite(t)) onCommit(t);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}

/** The range input of a threshold; a threshold outside the slider's range (e.g. typed) pins it to an end. */
function ThresholdSlider({ id, value, range, valueText, testId, onChange }: {
  id: string; value: number; range: ThresholdRange; valueText: string; testId: string; onChange: (t: number) => void;
}) {
  return (
    <input
      id={id}
      type="range"
      className="mp-slider"
      min={range.min}
      max={range.max}
      step={range.step}
      value={Math.min(range.max, Math.max(range.min, value))}
      aria-valuetext={valueText}
      data-testid={testId}
      onChange={(e) => onChange(Number(e.target.value))}
    />
  );
}

function SharedThreshold({ range }: { range: ThresholdRange }) {
  const threshold = useMetricsStore((s) => s.threshold);
  const setThreshold = useMetricsStore((s) => s.setThreshold);
  const id = useId();
  return (
    <div className="mp-slider-group">
      <label htmlFor={id} className="mp-slider-label">
        Threshold <span className="muted">(flag a row when its score ≥ threshold)</span>
      </label>
      <div className="mp-slider-line">
        <ThresholdSlider id={id} value={threshold} range={range} valueText={`threshold ${formatThreshold(threshold)}`} testId="threshold-slider" onChange={setThreshold} />
        <ThresholdNumber value={threshold} onCommit={setThreshold} testId="threshold-input" label="Threshold value" />
      </div>
    </div>
  );
}

function ModelThreshold({ model, index, range }: { model: BinaryModelView; index: number; range: ThresholdRange }) {
  const t = useModelThreshold(model.name);
  const setModelThreshold = useMetricsStore((s) => s.setModelThreshold);
  const id = useId();
  return (
    <div className="mp-slider-line">
      <label htmlFor={id} className="mp-model-label">
        <span className="mp-swatch" style={{ background: modelColor(index) }} />
        {model.name}
      </label>
      <ThresholdSlider
        id={id} value={t} range={range} valueText={`threshold for ${model.name}: ${formatThreshold(t)}`}
        testId={`threshold-slider-${model.name}`} onChange={(v) => setModelThreshold(model.name, v)}
      />
      <ThresholdNumber value={t} onCommit={(v) => setModelThreshold(model.name, v)} testId={`threshold-input-${model.name}`} label={`Threshold for ${model.name}`} />
    </div>
  );
}

function CostInput({ label, value, onChange, testId, hint }: { label: string; value: number; onChange: (v: number) => void; testId: string; hint: string }) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText((old) => (Number(old) === value ? old : String(value))), [value]);
  return (
    <div className="mp-cost">
      <label htmlFor={id} title={hint}>{label}</label>
      <input
        id={id}
        type="number"
        min={0}
        step="any"
        value={text}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= 0) onChange(v);
        }}
      />
    </div>
  );
}

function Costs() {
  const costFP = useMetricsStore((s) => s.costFP);
  const costFN = useMetricsStore((s) => s.costFN);
  const setCosts = useMetricsStore((s) => s.setCosts);
  return (
    <div className="mp-costs" role="group" aria-label="Costs of mistakes">
      <CostInput label="Cost of a false positive" value={costFP} testId="cost-fp" onChange={(v) => setCosts(v, costFN)} hint="What one false alarm costs (any unit: money, minutes, harm)." />
      <CostInput label="Cost of a false negative" value={costFN} testId="cost-fn" onChange={(v) => setCosts(costFP, v)} hint="What one missed positive costs, in the same unit." />
    </div>
  );
}

interface OptimaRow {
  name: string;
  n: number;
  cost: ReturnType<typeof costOptimum>;
  f1: ReturnType<typeof f1Optimum>;
  youden: ReturnType<typeof youdenOptimum>;
}

/** Every model's cheapest (at the current costs), F1-optimal and Youden thresholds. */
function useOptima(models: BinaryModelView[]): OptimaRow[] {
  const costFP = useMetricsStore((s) => s.costFP);
  const costFN = useMetricsStore((s) => s.costFN);
  return useMemo(() => models.map((m) => ({
    name: m.name,
    n: m.sweep.nPositive + m.sweep.nNegative,
    cost: costOptimum(m, costFP, costFN),
    f1: f1Optimum(m),
    youden: youdenOptimum(m),
  })), [models, costFP, costFN]);
}

/**
 * The cheapest threshold of the selected model and of every model at its own best, and buttons that put
 * each model at its own marked threshold: one model's threshold applied to all would leave the others at a
 * cost they need not pay.
 */
function Optima({ models }: { models: BinaryModelView[] }) {
  const applyThresholds = useMetricsStore((s) => s.applyThresholds);
  const setPerModel = useMetricsStore((s) => s.setPerModel);
  const perModel = useMetricsStore((s) => s.perModel);
  const selected = useSelectedModel();
  const rows = useOptima(models);
  const main = rows.find((r) => r.name === selected) ?? rows[0]!;
  const byCost = [...rows].sort((a, b) => a.cost.value - b.cost.value);
  const apply = (pickT: (r: OptimaRow) => number | null) => {
    const byModel: Record<string, number> = {};
    for (const r of rows) {
      const t = pickT(r);
      if (t !== null) byModel[r.name] = t;
    }
    const shared = pickT(main);
    if (shared === null) return;
    const differ = Object.values(byModel).some((t) => t !== shared);
    if (differ && !perModel) setPerModel(true);
    applyThresholds(byModel, shared);
  };
  return (
    <div className="mp-optima">
      <p className="mp-optimal-line">
        Cheapest threshold for <strong>{main.name}</strong>:{' '}
        <output className="mp-optimal" data-testid="optimal-threshold" data-value={dataValue(main.cost.threshold)}>
          {formatThreshold(main.cost.threshold)}
        </output>{' '}
        <span className="muted">
          total cost {formatCost(main.cost.value)} ({formatCount(main.cost.confusion.fp)} false positives, {formatCount(main.cost.confusion.fn)} false negatives)
        </span>
      </p>
      {rows.length > 1 && (
        <p className="mp-optimal-line" data-testid="cheapest-model" data-model={byCost[0]!.name}>
          Each model at its own cheapest threshold:{' '}
          {byCost.map((r, i) => (
            <span key={r.name} className={i === 0 ? 'mp-cheapest' : 'muted'}>
              {i > 0 && ' · '}
              {i === 0 ? <strong>{r.name}</strong> : r.name} {formatCost(r.cost.value)} at {formatThreshold(r.cost.threshold)}
            </span>
          ))}
        </p>
      )}
      <div className="mp-apply" role="group" aria-label="Apply a marked threshold">
        <span className="muted">Apply {models.length > 1 ? 'each model’s own' : `${main.name}’s`}:</span>
        <button type="button" className="secondary" data-testid="apply-cost" onClick={() => apply((r) => r.cost.threshold)}>Cheapest</button>
        <button type="button" className="secondary" data-testid="apply-f1" onClick={() => apply((r) => r.f1.threshold)}>Best F1</button>
        <button type="button" className="secondary" data-testid="apply-youden" onClick={() => apply((r) => r.youden?.threshold ?? null)}>Youden’s J</button>
        <button type="button" className="secondary" data-testid="apply-default" onClick={() => apply(() => 0.5)}>0.5</button>
      </div>
    </div>
  );
}

/** A table of every model's marked thresholds: cheapest at the current costs, best F1, Youden's J. */
export function MarkedThresholds() {
  const models = useBinaryModels();
  const costFP = useMetricsStore((s) => s.costFP);
  const costFN = useMetricsStore((s) => s.costFN);
  const rows = useOptima(models);
  if (models.length === 0) return null;
  return (
    <section className="panel mp-marked" aria-labelledby="mp-marked-title">
      <h2 id="mp-marked-title">Marked thresholds</h2>
      <table className="data mp-optima-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Cheapest at costs {costFP}{'\u00a0:\u00a0'}{costFN}</th>
            <th scope="col">Best F1</th>
            <th scope="col" title="The threshold where TPR − FPR is largest">Youden’s J</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              <td data-testid={`optimal-threshold-${r.name}`} data-value={dataValue(r.cost.threshold)}>
                {formatThreshold(r.cost.threshold)} <span className="muted">cost {formatCost(r.cost.value)}</span>
              </td>
              <td data-testid={`f1-threshold-${r.name}`} data-value={dataValue(r.f1.threshold)}>
                {formatThreshold(r.f1.threshold)} <span className="muted">F1 {formatMetric(r.f1.value)}</span>
              </td>
              <td data-testid={`youden-threshold-${r.name}`} data-value={dataValue(r.youden?.threshold)}>
                {r.youden ? <>{formatThreshold(r.youden.threshold)} <span className="muted">J {formatMetric(r.youden.value)}</span></> : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted mp-marked-note">
        Each is also marked on the plots (stars: cheapest, diamonds: best F1 and Youden’s J); click a marker to apply it.
      </p>
    </section>
  );
}
