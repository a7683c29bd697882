import { metricDefinition } from '../../core/metrics';
import { shortLabel } from '../../core/metrics/short-labels';
import { InfoTip } from './InfoTip';
import { METRIC_GUIDANCE } from './metricGuidance';

type Task = 'binary' | 'regression' | 'multiclass';

export { shortLabel };

/** A metric's name with a tooltip: full name, formula, range and direction, what it measures, when to use it. */
export function MetricName({ task, metric, short = true }: { task: Task; metric: string; short?: boolean }) {
  const d = metricDefinition(task, metric);
  const guidance = METRIC_GUIDANCE[task][metric];
  if (!d) return <span>{metric}</span>;
  return (
    <InfoTip label={short ? shortLabel(metric) : d.label}>
      <strong>{d.label}</strong>
      <code className="mp-formula">{d.formula}</code>
      <span className="mp-tip-range">
        Range {d.range}
        {d.higherIsBetter === true ? ', higher is better' : d.higherIsBetter === false ? ', lower is better' : ''}
      </span>
      <span>{d.explain}</span>
      {guidance && (
        <span className="mp-tip-when">
          <em>When to use it: </em>
          {guidance}
        </span>
      )}
    </InfoTip>
  );
}
