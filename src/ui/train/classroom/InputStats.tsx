import { useTrainStore } from '../../../store/train-store';

const fmt = (v: number) => (Math.abs(v) >= 1000 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toFixed(3));
const SHOWN = 8;

/**
 * The training inputs as the model sees them (after imputation and scaling): per-feature mean and
 * standard deviation over the training rows. Standardised on the training rows they are 0 and 1;
 * raw units or statistics fitted elsewhere show at once.
 */
export function InputStats() {
  const info = useTrainStore((s) => s.info);
  const stats = info?.inputStats;
  if (!info || !stats || stats.mean.length === 0) return null;
  const order = stats.mean.map((_, j) => j).sort((a, b) => Math.max(Math.abs(stats.mean[b]!), Math.abs(stats.std[b]! - 1)) - Math.max(Math.abs(stats.mean[a]!), Math.abs(stats.std[a]! - 1)));
  const worstMean = Math.max(...stats.mean.map(Math.abs));
  const stdLow = Math.min(...stats.std);
  const stdHigh = Math.max(...stats.std);
  return (
    <section className="chart-card input-stats" id="input-stats" data-testid="input-stats" data-max-abs-mean={worstMean} data-std-min={stdLow} data-std-max={stdHigh} aria-label="Inputs as the model sees them">
      <h3>Inputs as the model sees them</h3>
      <p className="chart-help">
        Training rows, after scaling: largest |mean| {fmt(worstMean)}, standard deviations from {fmt(stdLow)} to {fmt(stdHigh)}. Standardised on the training rows, every
        feature has mean 0 and spread 1.
      </p>
      <table className="input-stats-table">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Mean</th>
            <th scope="col">Std</th>
          </tr>
        </thead>
        <tbody>
          {order.slice(0, SHOWN).map((j) => (
            <tr key={j}>
              <td>{info.features[j] ?? `x${j}`}</td>
              <td>{fmt(stats.mean[j]!)}</td>
              <td>{fmt(stats.std[j]!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {order.length > SHOWN && <p className="hint">The {SHOWN} features furthest from mean 0, spread 1 of {order.length}.</p>}
    </section>
  );
}
