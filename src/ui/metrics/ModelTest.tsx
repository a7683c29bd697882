import { useId } from 'react';
import { useMetricsStore } from '../../store/metrics-store';
import { comparisonSentence } from './exports';
import { formatP } from './format';
import { useActiveGroup } from './hooks';

/** "Is A better than B?": DeLong's test on ROC AUC (binary) or McNemar's test (multiclass), A and B chosen here. */
export function ModelTest() {
  const group = useActiveGroup();
  const comparison = useMetricsStore((s) => s.comparison);
  const compareModels = useMetricsStore((s) => s.compareModels);
  const idA = useId();
  const idB = useId();
  if (!group || group.info.task === 'regression' || group.data.models.length < 2) return null;
  const names = group.data.models.map((m) => m.name);
  const a = comparison?.a ?? names[0]!;
  const b = comparison?.b ?? names[1]!;
  const sentence = comparison?.result ? comparisonSentence(comparison.result) : null;
  const m = comparison?.result?.mcnemar;
  return (
    <div className="mp-test" data-testid="model-test">
      <div className="row">
        <label htmlFor={idA}>Is</label>
        <select id={idA} value={a} onChange={(e) => void compareModels(e.target.value, e.target.value === b ? a : b)} data-testid="test-a">
          {names.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
        <label htmlFor={idB}>better than</label>
        <select id={idB} value={b} onChange={(e) => void compareModels(e.target.value === a ? b : a, e.target.value)} data-testid="test-b">
          {names.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
        <span>?</span>
        {comparison?.status === 'running' && <span className="muted">testing…</span>}
      </div>
      {sentence && <p className="mp-test-sentence" data-testid="model-test-sentence">{sentence}</p>}
      {group.info.task === 'binary' && m && comparison?.result?.thresholds && (
        <p className="muted">
          At the current thresholds, McNemar’s test of equal error rates: {a} alone right on {m.b} rows, {b} alone on {m.c}, {formatP(m.pValue)}.
        </p>
      )}
      {comparison?.status === 'failed' && <p className="warning">{comparison.message}</p>}
    </div>
  );
}
