import { useMetricsStore } from '../../store/metrics-store';
import { cellShade } from './cell-shade';
import { formatCount, formatPercent } from './format';
import { useSelectedMulticlass } from './plots/MulticlassPlots';

/** Above this many classes a K x K grid of buttons is too wide to read; the heatmap and the two choices remain. */
const MAX_CLASSES = 12;

/**
 * The selected model's K x K counts as a table of buttons, each listing the rows behind its cell: the
 * heatmap's cells, reachable by keyboard and screen reader. Test ids `cm-<model>-<actual>-<predicted>` use
 * class indices (0-based, in the order of the class list), as the binary matrix uses `cm-<model>-tp|fp|fn|tn`.
 */
export function MulticlassCountsTable() {
  const { model, classes } = useSelectedMulticlass();
  const showCellRows = useMetricsStore((s) => s.showCellRows);
  const open = useMetricsStore((s) => (s.cellRows?.cell.kind === 'multiclass' && s.cellRows.model === model?.name ? s.cellRows.cell : null));
  if (!model) return null;
  if (classes.length > MAX_CLASSES) {
    return <p className="muted">With {classes.length} classes the counts are shown only on the heatmap above; click a cell there or choose one here.</p>;
  }
  const c = model.report.confusion;
  return (
    <details className="mp-kcm-details">
      <summary>Counts of {model.name} as a table (each cell lists its rows)</summary>
      <table className="mp-kcm" aria-label={`Confusion matrix of ${model.name}: rows are true classes, columns predicted classes`}>
        <thead>
          <tr>
            <td className="mp-kcm-corner">true \ predicted</td>
            {classes.map((k, p) => <th key={p} scope="col">{k}</th>)}
          </tr>
        </thead>
        <tbody>
          {c.map((row, a) => {
            const total = row.reduce((s, v) => s + v, 0);
            return (
              <tr key={a}>
                <th scope="row">{classes[a]}</th>
                {row.map((v, p) => {
                  const share = total ? v / total : 0;
                  const pressed = open?.actual === a && open.predicted === p;
                  // Empty error cells stay unshaded, so the few mistakes stand out.
                  const background = a === p || v ? cellShade(a === p, share) : undefined;
                  return (
                    <td key={p} className={pressed ? 'open' : undefined} style={{ background }}>
                      <button type="button" className="mp-cm-button" data-testid={`cm-${model.name}-${a}-${p}`} data-value={v} aria-pressed={pressed}
                        aria-label={`True ${classes[a]}, predicted ${classes[p]}: ${formatCount(v)} rows, ${formatPercent(share)} of the true class. List these rows`}
                        onClick={() => void showCellRows(model.name, { kind: 'multiclass', actual: a, predicted: p })}>
                        {formatCount(v)}
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
