import { confusionAt, type Confusion } from '../../core/metrics';
import type { BinaryModelView } from '../../store/metrics-store';
import { cellShade } from './cell-shade';
import { formatCount, formatPercent, formatThreshold } from './format';
import { modelColor, useBinaryModels, useModelThreshold } from './hooks';
import { useMetricsStore } from '../../store/metrics-store';
import { CellRows } from './CellRows';

/** One 2 x 2 confusion matrix per model at its threshold: counts, rates, colour by how large each share is. */
export function ConfusionMatrices() {
  const models = useBinaryModels();
  if (models.length === 0) return null;
  return (
    <section className="panel mp-cms" aria-labelledby="mp-cm-title">
      <h2 id="mp-cm-title">Confusion matrices</h2>
      <p className="muted mp-cm-hint">Click a cell to list the rows behind it.</p>
      <div className="mp-cm-list">
        {models.map((m, i) => (
          <ConfusionCard key={m.name} model={m} index={i} />
        ))}
      </div>
      <CellRows />
    </section>
  );
}

function ConfusionCard({ model, index }: { model: BinaryModelView; index: number }) {
  const t = useModelThreshold(model.name);
  const c = confusionAt(model.sweep, t);
  const P = model.sweep.nPositive;
  const N = model.sweep.nNegative;
  return (
    <figure className="mp-cm" aria-label={`Confusion matrix of ${model.name} at threshold ${formatThreshold(t)}`}>
      <figcaption>
        <span className="mp-swatch" style={{ background: modelColor(index) }} /> <strong>{model.name}</strong>{' '}
        <span className="muted">at {formatThreshold(t)}</span>
      </figcaption>
      <table className="mp-cm-grid">
        <thead>
          <tr>
            <td />
            <th scope="col">Predicted positive</th>
            <th scope="col">Predicted negative</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Actual positive <span className="muted">({formatCount(P)})</span></th>
            <Cell model={model.name} kind="tp" c={c} rate={P ? c.tp / P : NaN} rateName="recall" rateTitle="true positive rate TP / (TP + FN)" good />
            <Cell model={model.name} kind="fn" c={c} rate={P ? c.fn / P : NaN} rateName="missed" rateTitle="false negative rate FN / (FN + TP)" good={false} />
          </tr>
          <tr>
            <th scope="row">Actual negative <span className="muted">({formatCount(N)})</span></th>
            <Cell model={model.name} kind="fp" c={c} rate={N ? c.fp / N : NaN} rateName="false alarms" rateTitle="false positive rate FP / (FP + TN)" good={false} />
            <Cell model={model.name} kind="tn" c={c} rate={N ? c.tn / N : NaN} rateName="specificity" rateTitle="true negative rate TN / (TN + FP)" good />
          </tr>
        </tbody>
      </table>
    </figure>
  );
}

const NAMES: Record<keyof Confusion, string> = { tp: 'True positives', fn: 'False negatives', fp: 'False positives', tn: 'True negatives' };

function Cell({ model, kind, c, rate, rateName, rateTitle, good }: {
  model: string; kind: keyof Confusion; c: Confusion; rate: number; rateName: string; rateTitle: string; good: boolean;
}) {
  // Colour intensity follows the row share: a deep green TP cell means most positives are caught.
  const background = cellShade(good, rate);
  const showCellRows = useMetricsStore((s) => s.showCellRows);
  const open = useMetricsStore((s) => s.cellRows?.model === model && s.cellRows.cell.kind === 'binary' && s.cellRows.cell.cell === kind);
  return (
    <td className={`mp-cm-cell ${good ? 'good' : 'bad'}${open ? ' open' : ''}`} style={{ background }}>
      <button type="button" className="mp-cm-button" data-testid={`cm-${model}-${kind}`} data-value={c[kind]} aria-pressed={open}
        aria-label={`${NAMES[kind]} of ${model}: ${formatCount(c[kind])}, ${rateName} ${formatPercent(rate)}. List these rows`}
        onClick={() => void showCellRows(model, { kind: 'binary', cell: kind })}>
        <span className="mp-cm-name">{NAMES[kind]}</span>
        <span className="mp-cm-count">{formatCount(c[kind])}</span>
        <span className="mp-cm-rate" title={rateTitle}>{rateName} {formatPercent(rate)}</span>
      </button>
    </td>
  );
}
