/**
 * NaN / Inf diagnosis on the numbers read back from each step (in JavaScript: `tf.isNaN` is unreliable
 * on some backends). Finds what went non-finite first, in the order the step computes it: each layer's
 * outputs in the forward pass (input to output), the loss, then the gradients from the output layer back
 * to the input, then the weights after the update. A norm is also "non-finite" when it overflows float32 (|w| beyond about 1.8e19), which
 * only happens once a run has already blown up.
 */
import type { TrainConfig } from './config';
import type { StepRecord } from './step-record';

export interface DivergenceReport {
  step: number;
  epoch: number;
  /** What went non-finite first, or 'loss-growth': every number finite, but the loss grew by orders of magnitude. */
  what: 'activations' | 'loss' | 'gradient' | 'weights' | 'loss-growth';
  /** The first layer concerned; for a loss overflow, the layer with the largest outputs (null if unknown). */
  layer: string | null;
  /** Every layer whose gradient or weights were non-finite at that step. */
  layers: string[];
  /** One sentence: what, where, when. */
  message: string;
  /** Likely causes, most likely first, each with what to try. */
  causes: string[];
}

const finite = Number.isFinite;

/** The non-finite origin in one step record, or null when every number is finite. */
export function findNonFinite(record: StepRecord): Pick<DivergenceReport, 'what' | 'layer' | 'layers'> | null {
  // A 16-bit step whose gradient overflowed was skipped (weights unchanged): that gradient is not a divergence.
  const badGrad = record.overflow_skipped ? [] : record.layers.filter((l) => !finite(l.grad_norm)).map((l) => l.name);
  const badWeights = record.layers.filter((l) => !finite(l.weight_norm) || !finite(l.update_norm)).map((l) => l.name);
  const badOutputs = record.layers.filter((l) => l.output_max_abs !== undefined && !finite(l.output_max_abs)).map((l) => l.name);
  const layers = [...new Set([...badOutputs, ...badGrad, ...badWeights])];
  if (badOutputs.length) return { what: 'activations', layer: badOutputs[0]!, layers };
  if (!finite(record.loss) || !finite(record.data_loss)) {
    // Every output was finite but the loss overflowed (e.g. a squared error of 1e20): point at the layer
    // with the largest outputs, where the blow-up is visible.
    let largest: string | null = null;
    let max = -Infinity;
    for (const l of record.layers) {
      if (l.output_max_abs !== undefined && l.output_max_abs > max) {
        max = l.output_max_abs;
        largest = l.name;
      }
    }
    return { what: 'loss', layer: largest, layers };
  }
  // Backpropagation runs from the output layer to the input: the last layer's gradient is computed first.
  if (badGrad.length) return { what: 'gradient', layer: badGrad[badGrad.length - 1]!, layers };
  if (badWeights.length) return { what: 'weights', layer: badWeights[0]!, layers };
  return null;
}

/**
 * The diagnosis for `record`, given the records before it (most recent last), or null when the step is
 * finite. Causes are chosen from the evidence: the learning rate for the optimiser, a rising loss,
 * growing gradient norms, unscaled features or target, and whether clipping was on.
 */
export function diagnoseDivergence(record: StepRecord, history: readonly StepRecord[], config: TrainConfig): DivergenceReport | null {
  const origin = findNonFinite(record);
  if (!origin) return null;
  const where =
    origin.what === 'activations'
      ? `the outputs of layer "${origin.layer}" in the forward pass`
      : origin.what === 'loss'
      ? `the loss${origin.layer ? ` (largest outputs in layer "${origin.layer}": |z| up to ${record.layers.find((l) => l.name === origin.layer)!.output_max_abs!.toPrecision(3)})` : ''}`
      : origin.what === 'gradient'
        ? `the gradient of layer "${origin.layer}"`
        : `the weights of layer "${origin.layer}" (after the update)`;
  const message =
    `Training stopped at step ${record.step} (epoch ${record.epoch}): ${where} became non-finite (NaN or beyond float32's range)` +
    (origin.layers.length ? `; layers affected: ${origin.layers.join(', ')}.` : '.');
  return { step: record.step, epoch: record.epoch, ...origin, message, causes: likelyCauses(origin.what, record, history, config) };
}

/** Steps whose median loss is compared with the first step's. */
export const GROWTH_WINDOW = 10;
/** How many times the first step's loss the window's median must reach: three orders of magnitude. */
export const GROWTH_FACTOR = 1e3;
/** A first loss below this counts as this (a near-perfect start must not make noise look like divergence). */
const GROWTH_FLOOR = 1e-3;

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

/**
 * Divergence without a NaN: the median loss of the last GROWTH_WINDOW steps (this one and those before
 * it in `history`) is at least GROWTH_FACTOR times the loss of the run's first step. Adam at lr 1e6 ends
 * at a loss of 1e18 with every number finite; it used to end "completed". Names the layer whose weight
 * norm grew the most since the first step. Null while the loss is within bounds.
 */
export function detectLossGrowth(record: StepRecord, history: readonly StepRecord[], first: StepRecord | null, config: TrainConfig): DivergenceReport | null {
  if (!first || !finite(first.loss) || record.step < GROWTH_WINDOW) return null;
  const window = [...history.slice(-(GROWTH_WINDOW - 1)), record].map((r) => r.loss);
  if (window.length < GROWTH_WINDOW || !window.every(finite)) return null;
  const start = Math.max(first.loss, GROWTH_FLOOR);
  const now = median(window);
  if (!(now >= GROWTH_FACTOR * start)) return null;
  let layer: string | null = null;
  let growth = -Infinity;
  let from = 0, to = 0;
  for (const l of record.layers) {
    const before = first.layers.find((f) => f.name === l.name)?.weight_norm ?? 0;
    const ratio = (l.weight_norm + 1e-12) / (before + 1e-12);
    if (ratio > growth) { growth = ratio; layer = l.name; from = before; to = l.weight_norm; }
  }
  const orders = Math.floor(Math.log10(now / start));
  const message =
    `Training stopped at step ${record.step} (epoch ${record.epoch}): the loss diverged, from ${first.loss.toPrecision(3)} at step ${first.step} ` +
    `to a median of ${now.toPrecision(3)} over the last ${GROWTH_WINDOW} steps (${orders} orders of magnitude)` +
    (layer ? `; the weights of layer "${layer}" grew the most (norm ${from.toPrecision(3)} to ${to.toPrecision(3)}).` : '.');
  return { step: record.step, epoch: record.epoch, what: 'loss-growth', layer, layers: layer ? [layer] : [], message, causes: likelyCauses('loss-growth', record, history, config) };
}

/** Likely causes of a divergence, most likely first, each with what to try. */
function likelyCauses(what: DivergenceReport['what'], record: StepRecord, history: readonly StepRecord[], config: TrainConfig): string[] {
  const causes: string[] = [];
  const adaptive = ['adam', 'adamw', 'rmsprop', 'adagrad'].includes(config.optimizer.name);
  const highLr = adaptive ? 0.1 : 1;
  if (config.lr >= highLr) {
    causes.push(`The learning rate ${config.lr} is very high for ${config.optimizer.name}: try 10 to 100 times lower, or run the learning-rate range test.`);
  }
  const recent = history.slice(-20).filter((r) => finite(r.grad_norm) && r.grad_norm > 0);
  if (recent.length >= 2) {
    const first = recent[0]!.grad_norm;
    const last = recent[recent.length - 1]!.grad_norm;
    if (last > 100 * first) {
      causes.push(
        `Gradients exploded: the gradient norm grew from ${first.toPrecision(3)} to ${last.toPrecision(3)} in ${recent.length} steps. ` +
          (config.clipNorm === null ? 'Clip gradients by global norm (e.g. 1) or lower the learning rate.' : 'Lower the learning rate (clipping alone did not hold it).'),
      );
    }
  }
  const losses = history.map((r) => r.loss).filter(finite);
  if (losses.length >= 3) {
    const min = Math.min(...losses);
    const last = losses[losses.length - 1]!;
    if (last > 2 * min && last > min + 1e-12) causes.push(`The loss was already rising before it broke (from ${min.toPrecision(3)} to ${last.toPrecision(3)}): the steps overshoot the minimum.`);
  }
  if (!config.standardize) causes.push('Features are not standardised: large raw values give large activations and gradients. Turn standardisation on.');
  if (config.task === 'regression' && !config.standardizeTarget) causes.push('The regression target is not standardised: a large target scale gives large errors and gradients.');
  if (what === 'activations' || what === 'loss') {
    const previous = history[history.length - 1];
    const grown = previous ? ` (the weight norm was ${previous.weight_norm.toPrecision(3)} after step ${previous.step})` : '';
    causes.push(`The forward pass overflowed: the weights had grown too large in the previous steps${grown}.`);
  }
  if (causes.length === 0) {
    causes.push('Usual suspects: a learning rate too high for this model, exploding gradients (try clipping), unscaled inputs, or invalid values in the data.');
  }
  return causes;
}
