import { useId, useMemo, useState } from 'react';
import { useMetricsStore } from '../../../store/metrics-store';
import { NumberField } from '../../components/NumberField';
import { ProgressBar } from '../../components/ProgressBar';
import { useActiveGroup, useGroupExtraColumns } from '../hooks';
import { MetricName } from '../MetricName';
import { FairnessPanel } from './FairnessPanel';
import { ProblemSlices } from './ProblemSlices';
import { SliceBarsPlot } from './SliceBarsPlot';
import { SliceTable } from './SliceTable';
import { defaultViewMetric, viewMetrics } from './slice-rows';

/**
 * The Slices view: every metric per slice of one or two extra columns, worst first, a bar chart
 * against every row's value, the slice finder's significant problem slices (one click filters the
 * page to one), and for binary tasks Fairlearn's group fairness with the What-If Tool's threshold
 * strategies.
 */
/** Resamples per slice: slow on large files, so only when asked. */
const SLICE_B = 200;

function SliceIntervalsControl({ metric }: { metric: string }) {
  const task = useMetricsStore((s) => s.sliceIntervals);
  const run = useMetricsStore((s) => s.runSliceIntervals);
  const cancel = useMetricsStore((s) => s.cancelSliceIntervals);
  const current = task.result?.metric === metric;
  return (
    <div className="mp-status">
      {task.status === 'running' ? (
        <>
          <ProgressBar value={task.fraction} label={`Resampling each slice (${SLICE_B} times)`} />
          <button type="button" className="link" onClick={cancel}>Cancel</button>
        </>
      ) : (
        <button type="button" className="secondary" data-testid="slice-intervals" onClick={() => void run(metric, SLICE_B)}>
          {current ? 'Intervals shown' : `95 % intervals of ${metric} (bootstrap, ${SLICE_B} resamples per slice)`}
        </button>
      )}
      {task.message && <span className="error" role="alert">{task.message}</span>}
    </div>
  );
}

export function SlicesView() {
  const group = useActiveGroup();
  const extra = useGroupExtraColumns().filter((c) => c.kind !== 'time');
  const query = useMetricsStore((s) => s.sliceQuery);
  const setQuery = useMetricsStore((s) => s.setSliceQuery);
  const slices = useMetricsStore((s) => s.slices);
  const selected = useMetricsStore((s) => s.selectedModel);
  const selectModel = useMetricsStore((s) => s.selectModel);
  const task = group?.info.task ?? 'binary';
  const [metric, setMetric] = useState(() => defaultViewMetric(task));
  const ids = { by: useId(), by2: useId(), metric: useId(), model: useId() };
  const models = useMemo(() => group?.data.models.map((m) => m.name) ?? [], [group]);
  if (!group) return null;
  const model = selected && models.includes(selected) ? selected : models[0]!;
  const numeric = query.by.some((c) => extra.find((e) => e.name === c)?.kind === 'numeric');
  const result = slices.result;
  const metrics = viewMetrics(task);

  return (
    <div id="view-slices" role="tabpanel" aria-labelledby="view-tab-slices" className="mp-slices">
      <section className="panel mp-slice-controls" aria-label="Slice settings">
        <div className="mp-slice-fields">
          <label htmlFor={ids.by}>Slice by</label>
          <select id={ids.by} data-testid="slice-by" value={query.by[0] ?? ''} onChange={(e) => setQuery({ by: [e.target.value, ...query.by.slice(1).filter((c) => c !== e.target.value)] })}>
            {query.by.length === 0 && <option value="">(choose a column)</option>}
            {extra.map((c) => <option key={c.name} value={c.name}>{c.name} ({c.kind === 'numeric' ? `numeric, ${query.bins} bins` : `${c.values} values`})</option>)}
          </select>
          <label htmlFor={ids.by2}>and by</label>
          <select id={ids.by2} data-testid="slice-by-2" value={query.by[1] ?? ''} disabled={query.by.length === 0}
            onChange={(e) => setQuery({ by: e.target.value ? [query.by[0]!, e.target.value] : query.by.slice(0, 1) })}>
            <option value="">(nothing else)</option>
            {extra.filter((c) => c.name !== query.by[0]).map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
          </select>
          {numeric && <NumberField label="Bins" value={query.bins} integer min={2} max={20} onChange={(bins) => setQuery({ bins })} testId="slice-bins" hint="Numeric columns are cut at their quantiles into this many bins." />}
          <NumberField label="Smallest slice" value={query.minRows} integer min={1} onChange={(minRows) => setQuery({ minRows })} testId="slice-min-rows" hint="Slices with fewer rows are listed but not scored." />
          <label htmlFor={ids.metric}>Metric</label>
          <select id={ids.metric} data-testid="slice-metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
            {metrics.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
          <label htmlFor={ids.model}>Sort for</label>
          <select id={ids.model} value={model} onChange={(e) => selectModel(e.target.value)} data-testid="slice-model">
            {models.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </div>
        {slices.status === 'running' && <ProgressBar value={null} label="Scoring the slices" />}
        {slices.message && <p className="error" role="alert" data-testid="slice-error">{slices.message}</p>}
        {result && result.warnings.length > 0 && (
          <details className="mp-slice-warnings">
            <summary>{result.warnings.length} warning{result.warnings.length > 1 ? 's' : ''}</summary>
            <ul>{result.warnings.slice(0, 50).map((w, i) => <li key={i} className="warning">{w}</li>)}</ul>
          </details>
        )}
      </section>
      {result && (
        <>
          <div className="mp-two">
            <section className="panel" aria-labelledby="slice-table-title">
              <h2 id="slice-table-title"><MetricName task={task} metric={metric} short={false} /> per slice of {result.by.join(' × ')}</h2>
              <SliceTable result={result} task={task} metric={metric} model={model} models={models} />
              <SliceIntervalsControl metric={metric} />
            </section>
            <SliceBarsPlot result={result} task={task} metric={metric} model={model} models={models} />
          </div>
          <ProblemSlices result={result} task={task} />
          {task === 'binary' && result.fairness && <FairnessPanel result={result} model={model} />}
        </>
      )}
    </div>
  );
}
