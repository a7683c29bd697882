import { useEffect, useMemo, useState } from 'react';
import type { LabelledTable } from '../../../core/data/table';
import { cnnFilters, featureMaps } from '../../../core/explain/cnn-filters';
import { cnnForward, cnnProbabilities } from '../../../core/explain/cnn-network';
import { cnnForRun, type RunCnn } from '../../../core/explain/cnn-run';
import { cnnSaliency, type CnnSaliency } from '../../../core/explain/cnn-saliency';
import { loadRunForExport } from '../../../store/train-store';
import { DrawDigit } from './DrawDigit';
import { TileCanvas } from './TileCanvas';
import { maxAbsOf } from './tile-colours';

const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(3) : String(v));
/** Saliency is redrawn this long after the image stops changing (integrated gradients take ~0.1 s). */
const SALIENCY_DELAY_MS = 250;

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; cnn: RunCnn };

/**
 * Inside the CNN of a finished run: its learned filters, an image (a test digit, or one drawn here) with
 * the prediction, the feature maps of that image at each conv layer, and saliency maps over it
 * (gradient x input and integrated gradients, against the blank image, with the completeness check).
 * Everything runs on the page from the run's stored weights (core/explain/cnn-*).
 */
export function CnnPanel({ runId, table }: { runId: string; table: LabelledTable }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [raw, setRaw] = useState<Float64Array | null>(null);
  const [testIndex, setTestIndex] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setLoaded({ status: 'loading' });
    void loadRunForExport(runId).then((r) => {
      if (cancelled) return;
      if (!r?.weights) return setLoaded({ status: 'error', message: 'This run has no stored weights to look inside.' });
      const made = cnnForRun(table, r.weights.config, r.weights.params, r.weights.info.features);
      if (!made.ok) return setLoaded({ status: 'error', message: made.error.message });
      setLoaded({ status: 'ready', cnn: made.value });
      setTestIndex(0);
      setRaw(made.value.test[0]?.raw ?? new Float64Array(made.value.spec.inputs));
    });
    return () => {
      cancelled = true;
    };
  }, [runId, table]);
  const cnn = loaded.status === 'ready' ? loaded.cnn : null;
  return (
    <section className="panel cnn-views" data-testid="cnn-panel" aria-label="Inside the CNN" data-status={loaded.status}>
      <h2>Inside the CNN</h2>
      {loaded.status === 'loading' && <p className="muted">Loading the run's weights…</p>}
      {loaded.status === 'error' && <p className="error-text" data-testid="cnn-error">{loaded.message}</p>}
      {cnn && raw && (
        <>
          <FiltersView cnn={cnn} />
          <ImageViews
            cnn={cnn}
            raw={raw}
            onRaw={setRaw}
            testIndex={testIndex}
            onTest={(i) => {
              setTestIndex(i);
              setRaw(cnn.test[i]!.raw);
            }}
          />
        </>
      )}
    </section>
  );
}

function FiltersView({ cnn }: { cnn: RunCnn }) {
  const layers = useMemo(() => cnnFilters(cnn.spec, cnn.params), [cnn]);
  return (
    <div className="cnn-block" data-testid="cnn-filters" data-layers={layers.map((l) => `${l.name}:${l.filters.length}x${l.inChannels}`).join(',')}>
      <h3>Learned filters</h3>
      <p className="hint">
        Each 3×3 kernel the convolutions slide over their input: blue weights reward ink (or activity) at that offset, red ones penalise it. conv1 reads the image; each row of conv2 is one filter over conv1's
        8 maps.
      </p>
      <div className="cnn-tiles">
        {layers.map((l) => (
          <figure key={l.name}>
            <TileCanvas
              tiles={l.filters.flatMap((f) => f.weights)}
              tileSide={3}
              perRow={l.inChannels === 1 ? 8 : l.inChannels}
              cell={l.inChannels === 1 ? 12 : 6}
              scale={{ kind: 'diverging', maxAbs: l.maxAbs }}
              label={`${l.name}: ${l.filters.length} filters of 3 by 3 over ${l.inChannels} input channel${l.inChannels > 1 ? 's' : ''}, largest weight ${fmt(l.maxAbs)}`}
              testId={`cnn-filters-${l.name}`}
            />
            <figcaption>
              {l.name}: {l.filters.length} filters{l.inChannels > 1 ? ` × ${l.inChannels} channels` : ''}, |w| ≤ {fmt(l.maxAbs)}
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}

function ImageViews({ cnn, raw, onRaw, testIndex, onTest }: { cnn: RunCnn; raw: Float64Array; onRaw: (r: Float64Array) => void; testIndex: number; onTest: (i: number) => void }) {
  const input = useMemo(() => cnn.toInput(raw), [cnn, raw]);
  const trace = useMemo(() => cnnForward(cnn.spec, cnn.params, input), [cnn, input]);
  const probabilities = useMemo(() => cnnProbabilities(cnn.spec, trace), [cnn, trace]);
  const predicted = probabilities.indexOf(Math.max(...probabilities));
  const label = (k: number) => cnn.classes?.[k] ?? String(k);
  const chosen = cnn.test[testIndex];
  return (
    <>
      <div className="cnn-block cnn-draw" data-testid="draw-digit">
        <h3>Draw a digit, or pick a test digit</h3>
        <div className="row">
          <label className="field">
            <span>Test digit</span>
            <select data-testid="cnn-test-digit" value={testIndex} onChange={(e) => onTest(Number(e.target.value))}>
              {cnn.test.map((t, i) => (
                <option key={t.row} value={i}>
                  line {t.line}: a {t.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" data-testid="draw-digit-clear" onClick={() => onRaw(new Float64Array(raw.length))}>
            Clear
          </button>
          {chosen && (
            <button type="button" onClick={() => onTest(testIndex)}>
              Back to the test digit
            </button>
          )}
        </div>
        <div className="cnn-draw-grid">
          <DrawDigit raw={raw} side={cnn.side} ink={cnn.ink} onChange={onRaw} />
          <div>
            <p>
              The model says{' '}
              <output data-testid="draw-prediction" data-class={label(predicted)} data-value={probabilities[predicted]}>
                <strong>{label(predicted)}</strong> ({(100 * probabilities[predicted]!).toFixed(1)}%)
              </output>
            </p>
            <ProbabilityTable probabilities={probabilities} label={label} predicted={predicted} />
          </div>
        </div>
      </div>
      <FeatureMapsView trace={trace} />
      <SaliencyView cnn={cnn} raw={raw} input={input} predicted={predicted} label={label} />
    </>
  );
}

function ProbabilityTable({ probabilities, label, predicted }: { probabilities: Float64Array; label: (k: number) => string; predicted: number }) {
  return (
    <table className="data cnn-probabilities" aria-label="Class probabilities">
      <tbody>
        {Array.from(probabilities, (p, k) => (
          <tr key={k} className={k === predicted ? 'predicted' : undefined} data-class={label(k)} data-value={p}>
            <th scope="row">{label(k)}</th>
            <td className="num">{(100 * p).toFixed(1)}%</td>
            <td aria-hidden="true">
              <svg width="100" height="8" viewBox="0 0 100 8" preserveAspectRatio="none">
                <rect x="0" y="0" width={100 * p} height="8" fill="#2a7ab9" />
              </svg>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FeatureMapsView({ trace }: { trace: ReturnType<typeof cnnForward> }) {
  const layers = useMemo(() => featureMaps(trace), [trace]);
  return (
    <div className="cnn-block" data-testid="cnn-feature-maps" data-layers={layers.map((l) => `${l.name}:${l.maps.length}x${l.side}`).join(',')}>
      <h3>Feature maps of this image</h3>
      <p className="hint">What each filter responds to, where: every conv layer's maps after the activation (before the 2×2 max-pooling that halves them for the next layer).</p>
      <div className="cnn-tiles">
        {layers.map((l) => (
          <figure key={l.name}>
            <TileCanvas
              tiles={l.maps}
              tileSide={l.side}
              perRow={8}
              cell={l.side >= 8 ? 5 : 8}
              scale={{ kind: 'diverging', maxAbs: l.maxAbs || 1e-12 }}
              label={`${l.name}: ${l.maps.length} feature maps of ${l.side} by ${l.side}, largest activation ${fmt(l.maxAbs)}`}
              testId={`cnn-maps-${l.name}`}
            />
            <figcaption>
              {l.name}: {l.maps.length} maps of {l.side}×{l.side}, max |a| {fmt(l.maxAbs)}
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}

function SaliencyView({ cnn, raw, input, predicted, label }: { cnn: RunCnn; raw: Float64Array; input: Float64Array; predicted: number; label: (k: number) => string }) {
  const [choice, setChoice] = useState<'predicted' | number>('predicted');
  const classIndex = choice === 'predicted' ? predicted : choice;
  const [result, setResult] = useState<{ for: Float64Array; classIndex: number; saliency: CnnSaliency } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setResult({ for: input, classIndex, saliency: cnnSaliency(cnn.spec, cnn.params, input, { baseline: cnn.baseline, classIndex }) }), SALIENCY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [cnn, input, classIndex]);
  const fresh = result !== null && result.for === input && result.classIndex === classIndex;
  const s = result?.saliency ?? null;
  const maps = useMemo(() => (s ? { gxi: maxAbsOf([s.gradientTimesInput]), ig: maxAbsOf([s.integratedGradients]) } : null), [s]);
  return (
    <div
      className="cnn-block"
      data-testid="cnn-saliency"
      data-status={fresh ? 'ready' : 'computing'}
      data-class={s ? label(s.classIndex) : ''}
      data-value={s?.value ?? ''}
      data-baseline-value={s?.baselineValue ?? ''}
      data-sum={s?.sum ?? ''}
      data-gap={s?.completenessGap ?? ''}
      data-steps={s?.steps ?? ''}
    >
      <h3>Saliency: which pixels made the prediction</h3>
      <label className="field">
        <span>Explain the probability of</span>
        <select data-testid="cnn-saliency-class" value={String(choice)} onChange={(e) => setChoice(e.target.value === 'predicted' ? 'predicted' : Number(e.target.value))}>
          <option value="predicted">the predicted class ({label(predicted)})</option>
          {Array.from({ length: cnn.spec.outputs }, (_, k) => (
            <option key={k} value={k}>
              {label(k)}
            </option>
          ))}
        </select>
      </label>
      {s && maps && (
        <>
          <div className="cnn-tiles">
            <figure>
              <TileCanvas tiles={[raw]} tileSide={cnn.side} perRow={1} cell={16} scale={{ kind: 'ink', max: cnn.ink }} label="The image explained" />
              <figcaption>the image</figcaption>
            </figure>
            <figure>
              <TileCanvas tiles={[s.gradientTimesInput]} tileSide={cnn.side} perRow={1} cell={16} scale={{ kind: 'diverging', maxAbs: maps.gxi }} label={`Gradient times input, largest ${fmt(maps.gxi)}`} testId="saliency-gradient-input" />
              <figcaption>gradient × input (sum {fmt(s.gradientTimesInputSum)})</figcaption>
            </figure>
            <figure>
              <TileCanvas tiles={[s.integratedGradients]} tileSide={cnn.side} perRow={1} cell={16} scale={{ kind: 'diverging', maxAbs: maps.ig }} label={`Integrated gradients, largest ${fmt(maps.ig)}`} testId="saliency-integrated-gradients" />
              <figcaption>integrated gradients (sum {fmt(s.sum)})</figcaption>
            </figure>
          </div>
          <p className="hint" data-testid="cnn-completeness">
            Against the blank image: P({label(s.classIndex)}) is {fmt(s.value)} here and {fmt(s.baselineValue)} blank, a difference of {fmt(s.value - s.baselineValue)}. Integrated gradients sum to{' '}
            {fmt(s.sum)}: completeness gap {s.completenessGap.toExponential(1)} ({s.steps} steps). Gradient × input sums to {fmt(s.gradientTimesInputSum)}: a first-order guess, not complete for a
            network. Blue pixels raise the probability, red ones lower it; each map has its own scale.
          </p>
        </>
      )}
    </div>
  );
}
