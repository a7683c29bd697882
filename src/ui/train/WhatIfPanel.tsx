import { useEffect, useMemo, useState } from 'react';
import type { LabelledTable } from '../../core/data/table';
import { explainRow, inputFromRaw, rawFromInput } from '../../core/explain/what-if';
import { whatIfForRun, type RunWhatIf } from '../../core/explain/what-if-run';
import { loadRunForExport } from '../../store/train-store';

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4)) : String(v));
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${fmt(Math.abs(v))}`;

/** The largest changes of the counterfactual listed (all of them are applied). */
const SHOWN_CHANGES = 8;

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; run: RunWhatIf };

/**
 * One row of the run, editable: sliders for its numeric features move the prediction live; the
 * attributions (integrated gradients against the average training row) and, for a binary model, the
 * nearest counterfactual follow. Everything is computed by core/explain from the run's stored weights.
 */
export function WhatIfPanel({ runId, row, line, table, onClose }: { runId: string; row: number; line: number | null; table: LabelledTable; onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [raw, setRaw] = useState<Float64Array | null>(null);
  useEffect(() => {
    let cancelled = false;
    setLoaded({ status: 'loading' });
    void loadRunForExport(runId).then((r) => {
      if (cancelled) return;
      if (!r?.weights) {
        setLoaded({ status: 'error', message: 'This run has no stored weights to explain.' });
        return;
      }
      const made = whatIfForRun(table, r.weights.config, r.weights.params, r.weights.info.features);
      if (!made.ok) {
        setLoaded({ status: 'error', message: made.error.message });
        return;
      }
      setLoaded({ status: 'ready', run: made.value });
      setRaw(rawFromInput(made.value.model, made.value.rowInput(row)));
    });
    return () => {
      cancelled = true;
    };
  }, [runId, row, table]);

  const run = loaded.status === 'ready' ? loaded.run : null;
  const original = useMemo(() => (run ? explainRow(run.model, run.rowInput(row), { counterfactual: false }) : null), [run, row]);
  const explanation = useMemo(() => (run && raw ? explainRow(run.model, inputFromRaw(run.model, raw)) : null), [run, raw]);

  return (
    <section className="panel whatif" data-testid="whatif-panel" aria-label="What if" data-status={loaded.status}>
      <div className="whatif-head">
        <h2>What if: row {line ?? row + 1}</h2>
        <button type="button" className="link" onClick={onClose} data-testid="whatif-close">
          Close
        </button>
      </div>
      {loaded.status === 'loading' && <p className="muted">Loading the run's weights…</p>}
      {loaded.status === 'error' && <p className="error-text" data-testid="whatif-error">{loaded.message}</p>}
      {run && raw && explanation && original && (
        <>
          <p className="whatif-prediction">
            {explanation.valueLabel}:{' '}
            <output data-testid="whatif-prediction" data-value={explanation.value} data-class={explanation.predictedClass ?? ''}>
              <strong>{fmt(explanation.value)}</strong>
              {explanation.predictedClass !== null && <> (predicted {explanation.predictedClass})</>}
            </output>
            <span className="muted"> — the row as it is: {fmt(original.value)}</span>
          </p>
          <div className="whatif-grid">
            <div>
              <h3>Features</h3>
              {run.model.features.map((f, j) =>
                f.kind === 'numeric' ? (
                  <label key={f.name} className="field slider">
                    <span>
                      {f.name} <output>{fmt(raw[j]!)}</output>
                    </span>
                    <input
                      type="range"
                      data-testid={`whatif-feature-${f.name}`}
                      min={f.min}
                      max={f.max}
                      step={(f.max - f.min) / 1000 || 1}
                      value={raw[j]}
                      onChange={(e) => {
                        const next = raw.slice();
                        next[j] = Number(e.target.value);
                        setRaw(next);
                      }}
                    />
                  </label>
                ) : (
                  <p key={f.name} className="hint">
                    {f.name} = {fmt(raw[j]!)} (fixed)
                  </p>
                ),
              )}
              <button type="button" onClick={() => setRaw(rawFromInput(run.model, run.rowInput(row)))}>
                Reset to the row
              </button>
            </div>
            <div>
              <h3>Attributions</h3>
              <p className="hint">
                Integrated gradients from the average training row ({fmt(explanation.baselineValue)}): they sum to {fmt(explanation.value - explanation.baselineValue)}, the prediction minus the
                average row's (gap {explanation.completenessGap.toExponential(1)}, {explanation.steps} steps).
              </p>
              <table className="data" data-testid="attributions" data-gap={explanation.completenessGap} data-baseline={explanation.baselineValue}>
                <tbody>
                  {explanation.attributions.map((a) => (
                    <tr key={a.name} data-feature={a.name} data-value={a.value}>
                      <th scope="row">{a.name}</th>
                      <td className="num">{signed(a.value)}</td>
                      <td className="bar-cell" aria-hidden="true">
                        <AttributionBar value={a.value} scale={Math.max(1e-12, ...explanation.attributions.map((b) => Math.abs(b.value)))} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <Counterfactual explanation={explanation} onApply={(changes) => {
            const next = raw.slice();
            for (const c of changes) next[run.model.features.findIndex((f) => f.name === c.name)] = c.to;
            setRaw(next);
          }} />
        </>
      )}
    </section>
  );
}

function AttributionBar({ value, scale }: { value: number; scale: number }) {
  const width = Math.min(50, (50 * Math.abs(value)) / scale);
  return (
    <svg width="120" height="10" viewBox="0 0 100 10" preserveAspectRatio="none">
      <line x1="50" x2="50" y1="0" y2="10" stroke="#8a94a3" strokeWidth="0.8" />
      <rect x={value >= 0 ? 50 : 50 - width} y="1" width={width} height="8" fill={value >= 0 ? '#2a7ab9' : '#c0504d'} />
    </svg>
  );
}

function Counterfactual({ explanation, onApply }: { explanation: ReturnType<typeof explainRow>; onApply: (changes: { name: string; to: number }[]) => void }) {
  const cf = explanation.counterfactual;
  if (!cf) {
    return (
      <p className="hint" data-testid="counterfactual" data-found="false">
        The nearest counterfactual is shown for binary classifiers.
      </p>
    );
  }
  if (!cf.found) {
    return (
      <div data-testid="counterfactual" data-found="false">
        <h3>Nearest counterfactual</h3>
        <p className="muted">No change of the numeric features within their ranges flips this prediction.</p>
      </div>
    );
  }
  return (
    <div data-testid="counterfactual" data-found="true" data-distance={cf.distance ?? ''} data-class={cf.predictedClass ?? ''}>
      <h3>Nearest counterfactual</h3>
      <p>
        The smallest change that makes the prediction <strong>{cf.predictedClass}</strong>: {fmt(cf.distance!)} training standard deviations in all (L2, numeric features only); the
        probability there is {fmt(cf.value!)}.
      </p>
      <ul>
        {cf.changes.slice(0, SHOWN_CHANGES).map((c) => (
          <li key={c.name} data-feature={c.name} data-value={c.to}>
            {c.name}: {fmt(c.from)} → {fmt(c.to)} ({signed(c.standardized)} sd)
          </li>
        ))}
        {cf.changes.length > SHOWN_CHANGES && <li className="muted">and {cf.changes.length - SHOWN_CHANGES} smaller changes</li>}
      </ul>
      <button type="button" data-testid="counterfactual-apply" onClick={() => onApply(cf.changes)}>
        Move the sliders there
      </button>
    </div>
  );
}
