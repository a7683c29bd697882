import { useId, useState } from 'react';
import type { ThresholdStrategy } from '../../../core/metrics/slices';
import type { SlicesAnswer } from '../../../store/metrics-slice-views';
import { useMetricsStore } from '../../../store/metrics-store';
import { NumberField } from '../../components/NumberField';
import { ScrollBox } from '../../components/ScrollBox';
import { dataValue, formatCount, formatMetric, formatThreshold } from '../format';

const STRATEGY_NAMES: Record<ThresholdStrategy, string> = {
  current: 'The page’s threshold for everyone',
  single: 'One cost-optimal threshold for everyone',
  'group-cost': 'Each group’s own cost-optimal threshold',
  'equal-selection': 'Equal selection rate (demographic parity)',
  'equal-tpr': 'Equal true positive rate (equal opportunity)',
};

const SUMMARY: [string, string][] = [
  ['demographic_parity_difference', 'Demographic parity difference'],
  ['demographic_parity_ratio', 'Demographic parity ratio'],
  ['equal_opportunity_difference', 'Equal opportunity difference'],
  ['equalized_odds_difference', 'Equalized odds difference'],
];

/**
 * Group fairness of one binary model per group of a slice column (Fairlearn's definitions), and what
 * each of the What-If Tool's threshold strategies would cost at the page's FP and FN costs.
 */
export function FairnessPanel({ result, model }: { result: SlicesAnswer; model: string }) {
  const columns = result.by;
  const [chosen, setColumn] = useState(columns[0]!);
  const column = columns.includes(chosen) ? chosen : columns[0]!;
  const costFP = useMetricsStore((s) => s.costFP);
  const costFN = useMetricsStore((s) => s.costFN);
  const setCosts = useMetricsStore((s) => s.setCosts);
  const columnId = useId();
  const f = result.fairness?.[model]?.[column];
  if (!f) return null;
  const best = Math.min(...f.strategies.map((s) => s.total_cost));
  return (
    <section className="panel mp-fairness" aria-labelledby="fairness-title" data-testid="fairness">
      <h2 id="fairness-title">Fairness of {model} across {column}</h2>
      <div className="mp-slice-fields">
        {columns.length > 1 && (
          <>
            <label htmlFor={columnId}>Groups of</label>
            <select id={columnId} value={column} onChange={(e) => setColumn(e.target.value)}>{columns.map((c) => <option key={c}>{c}</option>)}</select>
          </>
        )}
        <NumberField label="Cost of a false positive" value={costFP} min={0} onChange={(v) => setCosts(v, costFN)} testId="fairness-cost-fp" />
        <NumberField label="Cost of a false negative" value={costFN} min={0} onChange={(v) => setCosts(costFP, v)} testId="fairness-cost-fn" />
      </div>
      <div className="mp-two">
        <div>
          <ScrollBox label="Group rates">
            <table className="data" data-testid="fairness-groups">
              <thead><tr><th scope="col">Group</th><th scope="col" className="num">Rows</th><th scope="col" className="num">Selection rate</th><th scope="col" className="num">TPR</th><th scope="col" className="num">FPR</th><th scope="col" className="num">Precision</th></tr></thead>
              <tbody>
                {f.groups.map((g) => (
                  <tr key={g.group} data-group={g.group}>
                    <th scope="row">{g.group}</th><td className="num">{formatCount(g.rows)}</td>
                    <td className="num">{formatMetric(g.selection_rate)}</td><td className="num">{formatMetric(g.tpr)}</td>
                    <td className="num">{formatMetric(g.fpr)}</td><td className="num">{formatMetric(g.precision)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          <dl className="mp-fairness-summary" data-testid="fairness-summary">
            {SUMMARY.map(([k, label]) => {
              const v = (f.summary as unknown as Record<string, number | null>)[k] ?? null;
              return <div key={k} data-metric={k} data-value={dataValue(v)}><dt>{label}</dt><dd>{formatMetric(v)}</dd></div>;
            })}
          </dl>
          <p className="muted">Differences are the largest minus the smallest group rate; the ratio is the smallest over the largest (Fairlearn, between groups). 0 difference and ratio 1 are parity.</p>
        </div>
        <div>
          <ScrollBox label="Threshold strategies">
            <table className="data" data-testid="fairness-strategies">
              <thead><tr><th scope="col">Strategy</th><th scope="col" className="num">Total cost</th><th scope="col">Threshold per group</th></tr></thead>
              <tbody>
                {f.strategies.map((s) => (
                  <tr key={s.strategy} data-strategy={s.strategy} className={s.total_cost === best ? 'best' : undefined}>
                    <th scope="row">{STRATEGY_NAMES[s.strategy]}</th>
                    <td className="num" data-value={s.total_cost}>{formatCount(s.total_cost)}</td>
                    <td className="mp-group-thresholds">{s.groups.map((g) => <span key={g.group}>{g.group} ≥ {formatThreshold(Number(g.threshold.toPrecision(3)))}</span>)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          <p className="muted">Total cost = {costFP} × FP + {costFN} × FN over every group. Per-group thresholds trade cost for parity; which trade is right is a decision, not a metric.</p>
        </div>
      </div>
    </section>
  );
}
