/**
 * The Curves tab: score against training-set size (learning curve, with a fitted power law, its band
 * and the predicted gain from more rows), score against one setting (validation curve), and "more
 * data or more features?" (the predicted gain from more rows beside each feature's measured worth).
 * Everything trains in the Experiments worker; this only draws.
 */
import { useMemo } from 'react';
import { curvesCsv, curvesJson } from '../../store/experiments-curves';
import { useExperimentsStore } from '../../store/experiments-store';
import type { LearningCurveOutcome, ValidationCurveOutcome } from '../../workers/experiments-service';
import type { CurveSummaryRow } from '../../core/experiments/learning-curve';
import { ProgressBar } from '../components/ProgressBar';
import { ScrollBox } from '../components/ScrollBox';
import { Plot } from '../plots/Plot';
import { ExportButtons, fmt, Panel, StatusPill } from './controls';
import { CurvesSetup } from './CurvesSetup';
import { dataOrFeaturesFigure, learningCurveFigure, validationCurveFigure } from './curve-figures';

const pm = (mean: number, std: number) => `${fmt(mean)} ± ${fmt(std, 2)}`;

function SummaryTable({ rows, xLabel, label, testId }: { rows: CurveSummaryRow[]; xLabel: string; label: string; testId: string }) {
  return (
    <ScrollBox label={label}>
      <table className="data xp-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col" className="num">{xLabel}</th>
            <th scope="col" className="num">train (mean ± sd)</th>
            <th scope="col" className="num">validation (mean ± sd)</th>
            <th scope="col" className="num">repeats</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.x} data-x={r.x} data-validation={r.validation.mean} data-train={r.train.mean}>
              <td className="num">{fmt(r.x)}</td>
              <td className="num">{pm(r.train.mean, r.train.std)}</td>
              <td className="num">{pm(r.validation.mean, r.validation.std)}</td>
              <td className="num">{r.validation.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function FitLine({ o }: { o: LearningCurveOutcome }) {
  if (!o.fit) return <p className="warning small">No power law could be fitted (fewer than three sizes with a defined score).</p>;
  const f = o.fit;
  const unit = o.metric.higherIsBetter ? `−${o.metric.label}` : o.metric.label;
  return (
    <div className="small">
      <p>
        Fitted {unit} = {fmt(f.a)}·n^−{fmt(f.b, 3)} {f.c < 0 ? '−' : '+'} {fmt(Math.abs(f.c))} ({f.huber !== null ? `Huber, threshold ${fmt(f.huber, 2)}` : 'least squares'}); it levels off at{' '}
        <strong>{fmt(f.asymptote)}</strong>. Bands: 90% of {f.fitted} refits to bootstrap resamples of the {o.repeats} repeats.
      </p>
      {f.bAtBound && (
        <p className="warning small" data-testid="learning-curve-bound">
          The exponent b is on the edge of its range ({fmt(f.b, 3)}): these points do not pin the curve down, so read the extrapolation as a rough guess. More sizes or repeats help.
        </p>
      )}
      <ul data-testid="learning-curve-gains">
        {f.gains.map((g) => (
          <li key={g.factor} data-factor={g.factor} data-gain={g.gain} data-low={g.low} data-high={g.high}>
            {g.factor}× the rows ({Math.round(g.factor * o.rows.pool)}): predicted gain <strong>{fmt(g.gain, 3)}</strong> in {o.metric.label} (band {fmt(g.low, 3)} to {fmt(g.high, 3)})
          </li>
        ))}
      </ul>
    </div>
  );
}

function LearningCurvePanel({ o }: { o: LearningCurveOutcome | null }) {
  const fig = useMemo(() => (o ? learningCurveFigure(o) : null), [o]);
  return (
    <section
      className="panel" data-testid="learning-curve" aria-label="Learning curve" data-ready={o ? 'true' : 'false'}
      data-sizes={o?.sizes.length ?? 0} data-points={o?.points.length ?? 0} data-fitted={o?.fit ? 'true' : 'false'}
    >
      <div className="xp-panel-head"><h2>Learning curve: score against training-set size</h2></div>
      {!o || !fig ? (
        <p className="muted">
          Press <strong>Compute learning curve</strong>. A curve still rising at the right end says more rows would help; a flat one says they would not, and the gap between
          training and validation says how much the model overfits.
        </p>
      ) : (
        <>
          <p className="muted small">
            {o.metric.label} of {o.repeats} repeats at {o.sizes.length} sizes up to {o.rows.pool} training rows, on {o.rows.validation} validation rows (seed {o.seed}).
          </p>
          <Plot title="Learning curve" data={fig.data} layout={fig.layout} height={360} testId="learning-curve-plot" />
          <FitLine o={o} />
          <SummaryTable rows={o.summary} xLabel="training rows" label="Learning curve per size" testId="learning-curve-table" />
        </>
      )}
    </section>
  );
}

function DataOrFeaturesPanel({ o }: { o: LearningCurveOutcome }) {
  const advice = o.advice;
  const fig = useMemo(() => (advice ? dataOrFeaturesFigure(advice, o.metric.label) : null), [advice, o.metric.label]);
  if (!advice || !fig) return null;
  const label = { 'more-data': 'More data', 'more-features': 'More features', unclear: 'Unclear' }[advice.verdict];
  return (
    <Panel title="More data or more features?" testId="more-data-or-features">
      <p data-testid="data-or-features-verdict" data-verdict={advice.verdict}>
        <span className="xp-verdict">{label}.</span> {advice.reason}
      </p>
      <Plot title="More data or more features" data={fig.data} layout={fig.layout} height={Number(fig.layout.height ?? 260)} testId="data-or-features-plot" />
      <p className="muted small">
        A feature’s worth is its permutation importance in the model trained on every training row (the {o.metric.label} lost when its column is shuffled on the validation
        rows, 5 shuffles, 95% t-interval): about what a new feature of the same quality could add.
      </p>
    </Panel>
  );
}

function ValidationCurvePanel({ o }: { o: ValidationCurveOutcome }) {
  const fig = useMemo(() => validationCurveFigure(o), [o]);
  const v = o.verdict;
  const where = v && (v.position === 'inside' ? 'inside the range' : `at the ${v.position === 'low-end' ? 'low' : 'high'} end of the range: widen it to see the turn`);
  return (
    <Panel title={`Validation curve: score against ${o.label}`} testId="validation-curve">
      {v && (
        <p data-testid="validation-curve-best" data-best={v.best} data-position={v.position}>
          Best {o.label}: <strong>{fmt(v.best)}</strong> (validation {o.metric.label} {fmt(v.bestScore)}, train − validation gap {fmt(v.gapAtBest, 3)}), {where}.
        </p>
      )}
      <Plot title="Validation curve" data={fig.data} layout={fig.layout} height={340} testId="validation-curve-plot" />
      <SummaryTable rows={o.summary} xLabel={o.label} label="Validation curve per value" testId="validation-curve-table" />
    </Panel>
  );
}

export function CurvesTab() {
  const s = useExperimentsStore((st) => st.curves);
  const hasResult = s.learning !== null || s.validation !== null;
  return (
    <div className="xp-columns">
      <CurvesSetup />
      <div className="xp-main">
        <section className="panel xp-status-panel" aria-label="Curves status">
          <div className="xp-status-line">
            <StatusPill status={s.status} testId="curves-status" />
            <span className="xp-spacer" />
            {hasResult && <ExportButtons stem="curves" csv={curvesCsv} json={curvesJson} testId="curves-export" />}
          </div>
          {s.progress && <ProgressBar value={s.progress.fraction} label={s.progress.label} />}
          {s.message && <p className={s.status === 'failed' ? 'warning' : 'muted small'} data-testid="curves-message" role={s.status === 'failed' ? 'alert' : undefined}>{s.message}</p>}
        </section>
        <LearningCurvePanel o={s.learning} />
        {s.learning && <DataOrFeaturesPanel o={s.learning} />}
        {s.validation && <ValidationCurvePanel o={s.validation} />}
      </div>
    </div>
  );
}
