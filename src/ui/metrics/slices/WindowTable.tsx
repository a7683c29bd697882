import type { PredictionTask } from '../../../core/metrics/predictions';
import type { WindowsAnswer } from '../../../store/metrics-slice-views';
import { ScrollBox } from '../../components/ScrollBox';
import { dataValue, formatCount, formatMetric } from '../format';
import { shortLabel } from '../MetricName';
import { valueOf } from './slice-rows';

/** The window's dates, without the time of day when it is midnight. */
export function windowLabel(start: string, end: string, calendar: boolean): string {
  const day = (iso: string) => (iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z'));
  // Calendar windows end where the next one starts: show their last day.
  const last = calendar ? new Date(Date.parse(end) - 86400000).toISOString() : end;
  return last.slice(0, 10) === start.slice(0, 10) ? day(start) : `${day(start)} – ${day(last)}`;
}

interface Props { result: WindowsAnswer; task: PredictionTask; metric: string; models: string[] }

/** One row per window: rows, the metric, PSI, KS and mean confidence per model, and the alerts that fired. */
export function WindowTable({ result, metric, models }: Props) {
  const signals: [string, string][] = [[metric, shortLabel(metric)], ['psi', 'PSI'], ['ks', 'KS'], ['mean_confidence', 'Mean conf.']];
  const signal = (w: WindowsAnswer['windows'][number], m: string, k: string) =>
    (k === 'psi' || k === 'ks' || k === 'mean_confidence' ? w[k][m] ?? null : valueOf(w.models, m, k));
  return (
    <ScrollBox label="Windows" className="mp-slice-scroll">
      <table className="data mp-window-table" data-testid="window-table" data-metric={metric}>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>Window</th>
            <th scope="col" rowSpan={2} className="num">Rows</th>
            {models.map((m) => <th key={m} scope="colgroup" colSpan={signals.length}>{m}</th>)}
            <th scope="col" rowSpan={2}>Alerts</th>
          </tr>
          <tr>{models.flatMap((m) => signals.map(([k, label]) => <th key={`${m}/${k}`} scope="col" className="num">{label}</th>))}</tr>
        </thead>
        <tbody>
          {result.windows.map((w) => (
            <tr key={w.start} data-window={w.start} data-alerts={w.alerts.length} className={w.alerts.length > 0 ? 'mp-alert-row' : undefined}>
              <th scope="row">{windowLabel(w.start, w.end, typeof result.window !== 'number')}</th>
              <td className="num">{formatCount(w.rows)}</td>
              {models.flatMap((m) => signals.map(([k]) => {
                const v = signal(w, m, k);
                return <td key={`${m}/${k}`} className="num" data-model={m} data-metric={k} data-value={dataValue(v)}>{formatMetric(v, k)}</td>;
              }))}
              <td className="mp-alerts">{w.alerts.length === 0 ? '' : <><span aria-hidden="true">⚠ </span>{w.alerts.join('; ')}</>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
