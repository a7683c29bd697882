/**
 * Plain-language findings from a run's signals, recomputed as records arrive: the "diagnostics strip" of
 * the Train page. Pure functions of the step and epoch records (no tensors), so they also run in Node.
 *
 * Each finding says what is wrong, names its evidence (which chart, which steps or epochs, which
 * numbers) and gives ONE thing to try. Rules and their thresholds:
 * - non-finite:        a step with a NaN/Inf loss, gradient or weight (divergence.ts finds the layer).
 * - lr-too-high:       median update/weight ratio of some layer > UPDATE_RATIO_HIGH (100x the ~1e-3 rule
 *                      of thumb, Karpathy's "A Recipe for Training Neural Networks" / CS231n) over the last
 *                      RECENT_STEPS steps.
 * - lr-too-low:        median update/weight ratio of every layer < UPDATE_RATIO_LOW (steps barely move).
 * - vanishing-gradients: median ||g|| of the first layer < VANISHING_RATIO x that of the output layer,
 *                      in a model with at least two hidden layers.
 * - dead-relu:         on the last two detail steps, more than DEAD_SHARE_HIGH of a ReLU layer's units
 *                      were <= 0 for the whole batch.
 * - overfitting:       validation loss has not improved for OVERFIT_EPOCHS epochs and is now more than
 *                      OVERFIT_RISE above its minimum (relative, and at least OVERFIT_MIN_RISE in loss
 *                      units, so a near-perfect fit wobbling at 0.01 is not flagged), while the training
 *                      loss kept falling.
 * - overfit-batch-stuck: while overfitting one batch, after OVERFIT_BATCH_MIN_STEPS steps the loss is
 *                      still above OVERFIT_BATCH_STUCK of its first value (a model that cannot memorise
 *                      one batch has a bug or a bad learning rate).
 * Rules need enough evidence to fire (see each constant): a finding should not flicker on noise.
 */
import { findNonFinite } from './divergence';
import type { StepRecord } from './step-record';

/** Where a finding's evidence is drawn; the Train page uses it to point at the chart. */
export type EvidenceChart = 'loss' | 'grad-norm' | 'update-ratio' | 'activations';

export interface Finding {
  /** The rule that fired (stable: the page keys and tests use it). */
  id: 'non-finite' | 'lr-too-high' | 'lr-too-low' | 'vanishing-gradients' | 'dead-relu' | 'overfitting' | 'overfit-batch-stuck' | 'no-better-than-majority';
  severity: 'error' | 'warning' | 'info';
  /** One sentence: what is wrong, in plain words. */
  title: string;
  /** The numbers behind it and where to see them. */
  evidence: string;
  chart: EvidenceChart;
  /** The step (or, for epoch-based rules, the epoch's last step) the evidence points at; null if none. */
  step: number | null;
  /** One thing to try. */
  suggestion: string;
}

/** Per-epoch losses, as far as the diagnostics need them. */
export interface EpochLosses {
  epoch: number;
  /** 1-based step at the end of the epoch. */
  step: number;
  trainLoss: number | null;
  valLoss: number | null;
}

export interface DiagnosticsInput {
  /** Every step record so far, in order (only the last RECENT_STEPS and the first are read, plus detail steps). */
  steps: readonly StepRecord[];
  epochs: readonly EpochLosses[];
  /** The run is "overfit one batch". */
  overfitBatch: boolean;
  /** The base learning rate, quoted in suggestions. */
  lr: number;
  /** Hidden layers' activation (dead units only apply to ReLU-like ones). */
  activation: string;
  /** A non-finite diagnosis from the engine (divergence.ts), when it has one; else one is derived from the records. */
  divergence?: { step: number; what: string; layer: string | null; message: string; causes: string[] } | null;
  /**
   * The first `finiteUpTo` step records are already known to be finite (a caller that diagnoses after every
   * batch passes how far it has checked), so only the rest are scanned for NaN. Default 0: scan all.
   */
  finiteUpTo?: number;
}

/** Index of the first step record with a non-finite loss, gradient or weight, from `from` on; -1 if none. */
export function firstNonFiniteIndex(steps: readonly StepRecord[], from = 0): number {
  for (let i = Math.max(0, from); i < steps.length; i++) if (findNonFinite(steps[i]!) !== null) return i;
  return -1;
}

export const RECENT_STEPS = 20;
/** Steps before the update-ratio and gradient rules may fire: the first steps of any run are atypical. */
export const MIN_STEPS = 10;
export const UPDATE_RATIO_HIGH = 0.1;
export const UPDATE_RATIO_LOW = 1e-5;
export const VANISHING_RATIO = 1e-3;
export const DEAD_SHARE_HIGH = 0.5;
export const OVERFIT_EPOCHS = 3;
export const OVERFIT_RISE = 0.05;
export const OVERFIT_MIN_RISE = 0.01;
export const OVERFIT_BATCH_MIN_STEPS = 50;
export const OVERFIT_BATCH_STUCK = 0.9;

/** Median of the finite values; NaN when there are none. */
export function median(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

const fmt = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 0.01 && Math.abs(x) < 1000 ? x.toPrecision(3) : x.toExponential(1));
const stepRange = (w: readonly StepRecord[]): string => (w.length > 1 ? `steps ${w[0]!.step}–${w[w.length - 1]!.step}` : `step ${w[0]?.step ?? '?'}`);

/** Median of one per-layer quantity over a window, per layer name (in layer order). */
function layerMedians(window: readonly StepRecord[], pick: (l: StepRecord['layers'][number]) => number | null | undefined): { name: string; value: number }[] {
  const names = window[window.length - 1]?.layers.map((l) => l.name) ?? [];
  return names.map((name, i) => ({
    name,
    value: median(window.map((r) => pick(r.layers[i] ?? { name, grad_norm: NaN, weight_norm: NaN, update_norm: NaN, update_ratio: null, cos_update_grad: null, cos_grad_prev: null }) ?? NaN)),
  }));
}

function nonFiniteFinding(input: DiagnosticsInput): Finding | null {
  const d = input.divergence;
  if (d) {
    return {
      id: 'non-finite',
      severity: 'error',
      title: d.what === 'loss-growth'
        ? `Diverged at step ${d.step}${d.layer ? ` (layer ${d.layer})` : ''}: the loss grew by orders of magnitude.`
        : `NaN at step ${d.step}${d.layer ? ` in layer ${d.layer}` : ''}: the ${d.what} stopped being a number.`,
      evidence: `${d.message} See the loss and gradient-norm charts up to step ${d.step}.`,
      chart: 'loss',
      step: d.step,
      suggestion: d.causes[0] ?? `Lower the learning rate (now ${fmt(input.lr)}) by 10x.`,
    };
  }
  const index = firstNonFiniteIndex(input.steps, input.finiteUpTo ?? 0);
  if (index < 0) return null;
  const bad = input.steps[index]!;
  const origin = findNonFinite(bad)!;
  return {
    id: 'non-finite',
    severity: 'error',
    title: `NaN at step ${bad.step}${origin.layer ? ` in layer ${origin.layer}` : ''}: the ${origin.what} stopped being a number.`,
    evidence: `Step ${bad.step} has a non-finite ${origin.what}${origin.layers.length ? ` (layers: ${origin.layers.join(', ')})` : ''}; see the loss and gradient-norm charts.`,
    chart: 'loss',
    step: bad.step,
    suggestion: `Lower the learning rate (now ${fmt(input.lr)}) by 10x, or clip gradients.`,
  };
}

function updateRatioFindings(input: DiagnosticsInput, window: readonly StepRecord[]): Finding[] {
  const medians = layerMedians(window, (l) => l.update_ratio).filter((m) => Number.isFinite(m.value));
  if (medians.length === 0) return [];
  const last = window[window.length - 1]!.step;
  const worst = medians.reduce((a, b) => (b.value > a.value ? b : a));
  if (worst.value > UPDATE_RATIO_HIGH) {
    return [{
      id: 'lr-too-high',
      severity: 'warning',
      title: 'The learning rate is likely too high: each step changes the weights by far more than the usual 1e-3 of their size.',
      evidence: `Update/weight ratio chart: layer ${worst.name} has a median ratio of ${fmt(worst.value)} over ${stepRange(window)} (rule of thumb about 1e-3).`,
      chart: 'update-ratio',
      step: last,
      suggestion: `Lower the learning rate about 10x (from ${fmt(input.lr)} to ${fmt(input.lr / 10)}), or run the LR range test.`,
    }];
  }
  const highest = medians.reduce((a, b) => (b.value > a.value ? b : a));
  if (highest.value < UPDATE_RATIO_LOW && input.lr > 0) {
    return [{
      id: 'lr-too-low',
      severity: 'info',
      title: 'The learning rate is likely too low: the weights barely move.',
      evidence: `Update/weight ratio chart: every layer's median ratio is below ${fmt(UPDATE_RATIO_LOW)} over ${stepRange(window)} (highest: ${highest.name}, ${fmt(highest.value)}).`,
      chart: 'update-ratio',
      step: last,
      suggestion: `Raise the learning rate about 10x (from ${fmt(input.lr)} to ${fmt(input.lr * 10)}), or run the LR range test.`,
    }];
  }
  return [];
}

function vanishingFinding(window: readonly StepRecord[]): Finding | null {
  const layers = window[window.length - 1]!.layers;
  // With one hidden layer the first and output layers are adjacent: the ratio says little.
  if (layers.length < 3) return null;
  const medians = layerMedians(window, (l) => l.grad_norm);
  const first = medians[0]!;
  const output = medians[medians.length - 1]!;
  if (!(output.value > 0) || !Number.isFinite(first.value)) return null;
  const ratio = first.value / output.value;
  if (ratio >= VANISHING_RATIO) return null;
  return {
    id: 'vanishing-gradients',
    severity: 'warning',
    title: 'Gradients vanish in the early layers: the first layer hardly learns.',
    evidence: `Gradient-norm chart (log scale): over ${stepRange(window)} the median gradient of ${first.name} is ${fmt(first.value)}, ${fmt(ratio)} times that of ${output.name} (${fmt(output.value)}).`,
    chart: 'grad-norm',
    step: window[window.length - 1]!.step,
    suggestion: 'Use ReLU (or leaky ReLU) with He initialisation instead of sigmoid or tanh, or use fewer layers.',
  };
}

function deadReluFinding(input: DiagnosticsInput): Finding | null {
  if (input.activation !== 'relu' && input.activation !== 'leaky_relu') return null;
  const detail: StepRecord[] = [];
  for (let i = input.steps.length - 1; i >= 0 && detail.length < 2; i--) {
    const r = input.steps[i]!;
    if (r.details && r.layers.some((l) => l.dead_share !== undefined && l.dead_share >= 0)) detail.push(r);
  }
  if (detail.length < 2) return null;
  const [latest, previous] = detail as [StepRecord, StepRecord];
  let worst: { name: string; share: number } | null = null;
  for (const layer of latest.layers) {
    const now = layer.dead_share;
    const before = previous.layers.find((l) => l.name === layer.name)?.dead_share;
    if (now === undefined || before === undefined || now < 0) continue;
    if (now > DEAD_SHARE_HIGH && before > DEAD_SHARE_HIGH && (!worst || now > worst.share)) worst = { name: layer.name, share: now };
  }
  if (!worst) return null;
  const pct = Math.round(worst.share * 100);
  return {
    id: 'dead-relu',
    severity: 'warning',
    title: `Most ReLUs are dead: ${pct}% of the units of ${worst.name} output 0 for every example of the batch.`,
    evidence: `Activations chart (dead share): ${worst.name} at steps ${previous.step} and ${latest.step}; a dead unit gets no gradient and never recovers.`,
    chart: 'activations',
    step: latest.step,
    suggestion: `Lower the learning rate (now ${fmt(input.lr)}), or switch to leaky ReLU.`,
  };
}

function overfittingFinding(epochs: readonly EpochLosses[]): Finding | null {
  const withVal = epochs.filter((e) => e.valLoss !== null && Number.isFinite(e.valLoss) && e.trainLoss !== null && Number.isFinite(e.trainLoss));
  if (withVal.length < OVERFIT_EPOCHS + 1) return null;
  let best = withVal[0]!;
  for (const e of withVal) if (e.valLoss! < best.valLoss!) best = e;
  const now = withVal[withVal.length - 1]!;
  const since = now.epoch - best.epoch;
  if (since < OVERFIT_EPOCHS) return null;
  if (!(now.valLoss! > best.valLoss! * (1 + OVERFIT_RISE) && now.valLoss! - best.valLoss! >= OVERFIT_MIN_RISE)) return null;
  if (!(now.trainLoss! < best.trainLoss!)) return null;
  return {
    id: 'overfitting',
    severity: 'warning',
    title: 'Overfitting: the validation loss is rising while the training loss keeps falling.',
    evidence:
      `Loss chart: validation loss was lowest at epoch ${best.epoch} (${fmt(best.valLoss!)}) and is ${fmt(now.valLoss!)} at epoch ${now.epoch}; ` +
      `training loss fell from ${fmt(best.trainLoss!)} to ${fmt(now.trainLoss!)}.`,
    chart: 'loss',
    step: now.step,
    suggestion: `Stop around epoch ${best.epoch} (set patience for early stopping), or add L2 / dropout.`,
  };
}

function overfitBatchFinding(steps: readonly StepRecord[]): Finding | null {
  if (steps.length < OVERFIT_BATCH_MIN_STEPS) return null;
  const first = steps[0]!.loss;
  const recent = steps.slice(-10).map((r) => r.loss).filter(Number.isFinite);
  if (!Number.isFinite(first) || recent.length === 0) return null;
  const best = Math.min(...recent);
  if (best <= OVERFIT_BATCH_STUCK * first) return null;
  const last = steps[steps.length - 1]!;
  return {
    id: 'overfit-batch-stuck',
    severity: 'error',
    title: 'The loss is not falling while overfitting one batch: the model cannot even memorise a handful of examples.',
    evidence: `Loss chart: after ${last.step} steps on the same batch the loss is ${fmt(best)}, from ${fmt(first)} at step ${steps[0]!.step}.`,
    chart: 'loss',
    step: last.step,
    suggestion: 'Run the LR range test and use its suggested rate; if that does not help, check the labels and the initialisation (all-zero weights cannot learn).',
  };
}

/**
 * Every finding that the records support, most severe first. Cheap enough to call on every batch of
 * records: it reads the last RECENT_STEPS steps, the last two detail steps and the epoch list.
 */
export function diagnoseRun(input: DiagnosticsInput): Finding[] {
  const findings: Finding[] = [];
  const nonFinite = nonFiniteFinding(input);
  if (nonFinite) findings.push(nonFinite);
  const finiteSteps = nonFinite ? input.steps.filter((r) => r.step < nonFinite.step!) : input.steps;
  if (finiteSteps.length >= MIN_STEPS) {
    const window = finiteSteps.slice(-RECENT_STEPS);
    findings.push(...updateRatioFindings(input, window));
    const vanishing = vanishingFinding(window);
    if (vanishing) findings.push(vanishing);
  }
  const dead = deadReluFinding({ ...input, steps: finiteSteps });
  if (dead) findings.push(dead);
  if (input.overfitBatch) {
    const stuck = overfitBatchFinding(finiteSteps);
    if (stuck) findings.push(stuck);
  } else {
    const over = overfittingFinding(input.epochs);
    if (over) findings.push(over);
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
