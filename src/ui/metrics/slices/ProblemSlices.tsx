import type { PredictionTask } from '../../../core/metrics/predictions';
import type { SlicesAnswer } from '../../../store/metrics-slice-views';
import { ScrollBox } from '../../components/ScrollBox';
import { dataValue, formatCount, formatMetric } from '../format';
import { shortLabel } from '../MetricName';
import { useFilterToSlice } from './useFilterToSlice';

const TESTS: Record<string, string> = {
  roc_auc: 'a one-sided z-test on the two AUCs with DeLong’s variances',
  accuracy: 'a one-sided two-proportion z-test',
  mae: 'Welch’s one-sided t-test on the absolute errors',
};

/** The slice finder's significant slices, worst first, each one click from filtering the page to it. */
export function ProblemSlices({ result, task }: { result: SlicesAnswer; task: PredictionTask }) {
  const filterToSlice = useFilterToSlice();
  const { finder } = result;
  const tested = new Set(finder.tested.map((t) => t.id)).size;
  return (
    <section className="panel" aria-labelledby="problem-slices-title" data-testid="problem-slices" data-count={finder.problems.length}>
      <h2 id="problem-slices-title">Where a model is significantly worse</h2>
      <p className="muted">
        Each slice of {result.by.join(' and of ')}{result.by.length > 1 ? ', and each pair,' : ''} against the rest of the rows, by {shortLabel(finder.metric)} with {TESTS[finder.metric]};
        {' '}{finder.tested.length} tests over {tested} slices, Benjamini-Hochberg at a 5 % false discovery rate. Simpler slices first, then the larger effect.
      </p>
      {finder.problems.length === 0 ? (
        <p data-testid="problem-slices-none">No slice is significantly worse than the rest{task === 'binary' ? ' for any model' : ''}.</p>
      ) : (
        <ScrollBox label="Problem slices">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Slice</th><th scope="col">Model</th><th scope="col" className="num">Rows</th>
                <th scope="col" className="num">{shortLabel(finder.metric)} here</th><th scope="col" className="num">on the rest</th>
                <th scope="col" className="num">Difference</th><th scope="col" className="num">p</th><th scope="col" className="num">p adjusted</th>
                <th scope="col"><span className="visually-hidden">Filter</span></th>
              </tr>
            </thead>
            <tbody>
              {finder.problems.map((p) => (
                <tr key={`${p.id}/${p.model}`} data-slice={p.id} data-model={p.model}>
                  <th scope="row">{p.id.replace(/&/g, ' & ')}</th>
                  <td>{p.model}</td>
                  <td className="num">{formatCount(p.rows)}</td>
                  <td className="num" data-value={dataValue(p.value)}>{formatMetric(p.value)}</td>
                  <td className="num">{formatMetric(p.rest)}</td>
                  <td className="num">{formatMetric(p.difference)}</td>
                  <td className="num">{p.p_value.toExponential(2)}</td>
                  <td className="num" data-value={dataValue(p.p_adjusted)}>{p.p_adjusted.toExponential(2)}</td>
                  <td><button type="button" className="link" data-testid="problem-filter" onClick={() => filterToSlice(p.key)} aria-label={`Show only ${p.id}`}>Filter to it</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
