import type { PredictionTask } from '../../../core/metrics/predictions';
import type { SlicesAnswer } from '../../../store/metrics-slice-views';
import { useMetricsStore } from '../../../store/metrics-store';
import { ScrollBox } from '../../components/ScrollBox';
import { dataValue, formatCount, formatMetric } from '../format';
import { valueOf, worstFirst } from './slice-rows';
import { useFilterToSlice } from './useFilterToSlice';

interface Props { result: SlicesAnswer; task: PredictionTask; metric: string; model: string; models: string[] }

/** One row per slice, worst first for the chosen model, with the value of every model and a way to filter the page to it. */
export function SliceTable({ result, task, metric, model, models }: Props) {
  const filterToSlice = useFilterToSlice();
  const filtered = useMetricsStore((s) => s.filter?.id ?? null);
  const rows = worstFirst(result.slices, task, model, metric);
  const intervals = useMetricsStore((s) => (s.sliceIntervals.result?.metric === metric ? s.sliceIntervals.result.intervals : null));
  return (
    <ScrollBox label="Slices" className="mp-slice-scroll">
      <table className="data mp-slice-table" data-testid="slice-table" data-metric={metric}>
        <thead>
          <tr>
            <th scope="col">Slice</th>
            <th scope="col" className="num">Rows</th>
            {task === 'binary' && <th scope="col" className="num">Positives</th>}
            {models.map((m) => <th key={m} scope="col" className="num">{m}</th>)}
            <th scope="col"><span className="visually-hidden">Filter</span></th>
          </tr>
        </thead>
        <tbody>
          <tr className="mp-slice-overall">
            <th scope="row">Every row</th>
            <td className="num" />
            {task === 'binary' && <td className="num" />}
            {models.map((m) => {
              const v = valueOf(result.overall, m, metric);
              return <td key={m} className="num" data-model={m} data-metric={metric} data-value={dataValue(v)}>{formatMetric(v, metric)}</td>;
            })}
            <td />
          </tr>
          {rows.map((s) => (
            <tr key={s.id} data-slice={s.id} className={s.models === null ? 'muted' : undefined}>
              <th scope="row">{Object.values(s.key).join(' · ')}</th>
              <td className="num">{formatCount(s.rows)}</td>
              {task === 'binary' && <td className="num">{s.positives === null ? '' : formatCount(s.positives)}</td>}
              {s.models === null
                ? <td colSpan={models.length} className="muted">fewer than {result.minRows} rows: not scored</td>
                : models.map((m) => {
                  const v = valueOf(s.models, m, metric);
                  const overall = valueOf(result.overall, m, metric);
                  const ci = intervals?.[s.id]?.[m];
                  return (
                    <td key={m} className={`num${m === model ? ' mp-slice-sorted' : ''}`} data-model={m} data-metric={metric} data-value={dataValue(v)}
                      title={overall === null || v === null ? undefined : `every row: ${formatMetric(overall, metric)}`}>
                      {formatMetric(v, metric)}
                      {ci && <span className="mp-ci" data-testid="slice-ci" data-lower={dataValue(ci.lower)} data-upper={dataValue(ci.upper)}>[{formatMetric(ci.lower, metric)}, {formatMetric(ci.upper, metric)}]</span>}
                    </td>
                  );
                })}
              <td>
                <button type="button" className="link" data-testid="filter-slice" disabled={filtered === s.id}
                  aria-label={`Show only ${s.id}`} onClick={() => filterToSlice(s.key)}>
                  {filtered === s.id ? 'shown' : 'Filter'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
