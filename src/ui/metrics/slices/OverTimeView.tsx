import { useEffect, useId, useMemo, useState } from 'react';
import { useMetricsStore } from '../../../store/metrics-store';
import { NumberField } from '../../components/NumberField';
import { ProgressBar } from '../../components/ProgressBar';
import { useActiveGroup, useGroupExtraColumns } from '../hooks';
import { defaultViewMetric, viewMetrics } from './slice-rows';
import { WindowPlots } from './WindowPlots';
import { WindowTable } from './WindowTable';

type Unit = 'day' | 'week' | 'month' | 'rows';

/**
 * The Over-time view: the report per time window, each model's score drift against the first
 * window (PSI, KS), its mean confidence, and alert rules marked where they fire: when to retrain.
 */
export function OverTimeView() {
  const group = useActiveGroup();
  const times = useGroupExtraColumns().filter((c) => c.kind === 'time');
  const query = useMetricsStore((s) => s.windowQuery);
  const setQuery = useMetricsStore((s) => s.setWindowQuery);
  const windows = useMetricsStore((s) => s.windows);
  const task = group?.info.task ?? 'binary';
  const [metric, setMetric] = useState(() => defaultViewMetric(task));
  const [alerts, setAlerts] = useState(query.alerts);
  useEffect(() => setAlerts(query.alerts), [query.alerts]);
  const ids = { time: useId(), unit: useId(), alerts: useId(), metric: useId() };
  const models = useMemo(() => group?.data.models.map((m) => m.name) ?? [], [group]);
  if (!group) return null;
  const unit: Unit = typeof query.window === 'number' ? 'rows' : query.window;
  const result = windows.result;
  return (
    <div id="view-time" role="tabpanel" aria-labelledby="view-tab-time" className="mp-time">
      <section className="panel" aria-label="Window settings">
        <div className="mp-slice-fields">
          <label htmlFor={ids.time}>Time column</label>
          <select id={ids.time} data-testid="time-column" value={query.time ?? ''} onChange={(e) => setQuery({ time: e.target.value })}>
            {query.time === null && <option value="">(choose a column)</option>}
            {times.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
          </select>
          <label htmlFor={ids.unit}>Windows of</label>
          <select id={ids.unit} data-testid="window-unit" value={unit}
            onChange={(e) => setQuery({ window: e.target.value === 'rows' ? 1000 : (e.target.value as 'day' | 'week' | 'month') })}>
            <option value="day">a day</option>
            <option value="week">a week (from Monday)</option>
            <option value="month">a month</option>
            <option value="rows">N rows</option>
          </select>
          {typeof query.window === 'number' && <NumberField label="Rows per window" value={query.window} integer min={10} onChange={(n) => setQuery({ window: n })} testId="window-rows" />}
          <form className="mp-alert-form" onSubmit={(e) => { e.preventDefault(); setQuery({ alerts }); }}>
            <label htmlFor={ids.alerts}>Alert when</label>
            <input id={ids.alerts} type="text" value={alerts} spellCheck={false} size={32} data-testid="alert-rules"
              placeholder="roc_auc < 0.8, psi > 0.2" onChange={(e) => setAlerts(e.target.value)} onBlur={() => alerts !== query.alerts && setQuery({ alerts })} />
            <button type="submit" className="secondary">Apply</button>
          </form>
          <label htmlFor={ids.metric}>Plot</label>
          <select id={ids.metric} value={metric} onChange={(e) => setMetric(e.target.value)} data-testid="window-metric">
            {viewMetrics(task).map((k) => <option key={k}>{k}</option>)}
          </select>
        </div>
        <p className="muted">
          Drift compares each window’s scores with the first window’s: PSI over the first window’s deciles (above 0.2 is usually read as a real shift) and the
          two-sample KS statistic. Rules are <code>METRIC OP NUMBER</code>, comma separated; a metric is any column of the table or psi, ks, mean_confidence.
        </p>
        {windows.status === 'running' && <ProgressBar value={null} label="Scoring the windows" />}
        {windows.message && <p className="error" role="alert" data-testid="window-error">{windows.message}</p>}
        {result && result.warnings.length > 0 && (
          <details className="mp-slice-warnings" data-testid="window-warnings">
            <summary>{result.warnings.length} warning{result.warnings.length > 1 ? 's' : ''}</summary>
            <ul>{result.warnings.slice(0, 50).map((w, i) => <li key={i} className="warning">{w}</li>)}</ul>
          </details>
        )}
      </section>
      {result && (
        <>
          <WindowPlots result={result} task={task} metric={metric} models={models} />
          <section className="panel" aria-labelledby="window-table-title">
            <h2 id="window-table-title">Every window</h2>
            <WindowTable result={result} task={task} metric={metric} models={models} />
          </section>
        </>
      )}
    </div>
  );
}
