import { useId, useState } from 'react';
import { useMetricsStore } from '../../store/metrics-store';
import { shortLabel } from './MetricName';

const COUNTS = new Set(['tp', 'fp', 'tn', 'fn']);

/**
 * A reference score to read the models against, such as a clinician's recall or the model in
 * production: drawn as a row of the comparison table and, for rates, as a line on the ROC plot.
 */
export function HumanBaseline({ keys }: { keys: string[] }) {
  const baseline = useMetricsStore((s) => s.baseline);
  const setBaseline = useMetricsStore((s) => s.setBaseline);
  const metrics = keys.filter((k) => !COUNTS.has(k));
  const [name, setName] = useState(baseline?.name ?? 'Clinician');
  const [metric, setMetric] = useState(baseline?.metric ?? (metrics.includes('recall') ? 'recall' : metrics[0] ?? ''));
  const [text, setText] = useState(baseline ? String(baseline.value) : '');
  const ids = { name: useId(), metric: useId(), value: useId() };
  const value = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(value);
  return (
    <details className="mp-baseline" open={baseline !== null || undefined}>
      <summary>Reference score…</summary>
      <form className="mp-inline-form" onSubmit={(e) => { e.preventDefault(); if (valid) setBaseline({ name, metric, value }); }}>
        <label htmlFor={ids.name}>Who</label>
        <input id={ids.name} type="text" size={12} maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={ids.metric}>scores</label>
        <select id={ids.metric} value={metric} onChange={(e) => setMetric(e.target.value)}>
          {metrics.map((k) => <option key={k} value={k}>{shortLabel(k)}</option>)}
        </select>
        <label htmlFor={ids.value} className="visually-hidden">Reference value</label>
        <input id={ids.value} type="number" step="any" size={8} value={text} placeholder="0.85" data-testid="human-baseline"
          aria-invalid={text.trim() !== '' && !valid} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="secondary" disabled={!valid} data-testid="human-baseline-apply">Show</button>
        {baseline && <button type="button" className="link" onClick={() => setBaseline(null)} data-testid="human-baseline-remove">Remove</button>}
      </form>
    </details>
  );
}
