/**
 * Plateau or minimum? When the loss has gone flat, a person must choose between raising the learning
 * rate (the optimiser is crawling across a flat region) and stopping (it is at the bottom). The loss alone
 * cannot tell them apart; the gradient and angle signals can:
 *
 * - On a plateau the gradient keeps pointing the same way step after step (cos(g_t, g_t-1) near 1), its
 *   norm has not shrunk from the start, and the update is a tiny fraction of the weights: there is a
 *   downhill direction that the steps are too small to use.
 * - At a minimum the gradient has nearly vanished (full-batch descent), or what is left of it is the noise
 *   of the mini-batches: successive gradients are uncorrelated or opposed (cos(g_t, g_t-1) near 0 or
 *   below) while the optimiser still moves, bouncing about the bottom.
 *
 * Pure: it reads step records (the same keys as the CLI JSON) over the last WINDOW steps and returns the
 * verdict with its evidence; the Train page shows it as `plateau-verdict`. Thresholds, and why:
 * - flat: the least-squares loss change over the window is within FLAT_CHANGE of its mean, or within two
 *   standard errors of zero (mini-batch losses are noisy); a loss still falling is neither.
 * - consistent direction: median cos(g_t, g_t-1) > CONSISTENT_COS; noise: below NOISE_COS.
 * - vanished: median ||g|| in the window < VANISHED_GRAD of its median over the first REFERENCE_STEPS.
 * - a noisy gradient counts as a minimum only if it also shrank (below SHRUNK_GRAD of the start), so a
 *   run that never learned (tiny batch, tiny rate) is not called converged.
 */
import type { StepRecord } from './step-record';

export type PlateauVerdictKind = 'plateau' | 'minimum' | 'unclear';

/** The numbers behind a verdict (null when they do not exist, e.g. too few steps). */
export interface PlateauSignals {
  /** Steps read (the window) and the 1-based step range. */
  steps: number;
  from: number;
  to: number;
  /** Mean batch loss over the window. */
  meanLoss: number;
  /** Least-squares change of the loss across the window, relative to its mean (-0.1 = fell 10 %). */
  lossChange: number;
  /** Standard error of lossChange. */
  lossChangeSe: number;
  /** Medians over the window. */
  gradNorm: number;
  updateNorm: number;
  updateRatio: number | null;
  cosUpdateGrad: number | null;
  cosGradPrev: number | null;
  /** Median ||g|| in the window over the median of the first REFERENCE_STEPS steps. */
  gradNormVsStart: number | null;
}

export interface PlateauReport {
  verdict: PlateauVerdictKind;
  /** One sentence: what the signals say. */
  summary: string;
  /** Each piece of evidence, in plain words with its number. */
  evidence: string[];
  /** One thing to do next. */
  suggestion: string;
  signals: PlateauSignals | null;
}

export const WINDOW = 100;
export const MIN_STEPS = 30;
export const REFERENCE_STEPS = 10;
export const FLAT_CHANGE = 0.05;
export const CONSISTENT_COS = 0.5;
export const NOISE_COS = 0.3;
export const VANISHED_GRAD = 0.05;
export const SHRUNK_GRAD = 0.5;
/** Update/weight ratios below this are small steps (the usual rule of thumb is about 1e-3). */
export const SMALL_UPDATE_RATIO = 1e-4;

function median(values: readonly (number | null | undefined)[]): number | null {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Slope of y against x by least squares, with its standard error. */
function slope(x: readonly number[], y: readonly number[]): { b: number; se: number } {
  const n = x.length;
  const mx = x.reduce((a, v) => a + v, 0) / n;
  const my = y.reduce((a, v) => a + v, 0) / n;
  let sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  const b = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i]! - my - b * (x[i]! - mx)) ** 2;
  return { b, se: n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : Infinity };
}

const fmt = (v: number | null, digits = 2): string => (v === null ? 'n/a' : Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(digits) : v.toExponential(1));
const pct = (v: number): string => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`;

/** The signals over the last `window` steps, or null with fewer than MIN_STEPS finite steps. */
export function plateauSignals(steps: readonly StepRecord[], window = WINDOW): PlateauSignals | null {
  const w = steps.slice(-window);
  if (w.length < MIN_STEPS || w.some((s) => !Number.isFinite(s.loss) || !Number.isFinite(s.grad_norm))) return null;
  const x = w.map((s) => s.step);
  const y = w.map((s) => s.loss);
  const meanLoss = y.reduce((a, v) => a + v, 0) / y.length;
  const { b, se } = slope(x, y);
  const span = x[x.length - 1]! - x[0]!;
  const scale = Math.abs(meanLoss) > 0 ? Math.abs(meanLoss) : 1;
  const reference = median(steps.slice(0, REFERENCE_STEPS).map((s) => s.grad_norm));
  const gradNorm = median(w.map((s) => s.grad_norm))!;
  return {
    steps: w.length,
    from: x[0]!,
    to: x[x.length - 1]!,
    meanLoss,
    lossChange: (b * span) / scale,
    lossChangeSe: (se * span) / scale,
    gradNorm,
    updateNorm: median(w.map((s) => s.update_norm)) ?? 0,
    updateRatio: median(w.map((s) => s.update_ratio)),
    cosUpdateGrad: median(w.map((s) => s.cos_update_grad)),
    cosGradPrev: median(w.map((s) => s.cos_grad_prev)),
    gradNormVsStart: reference && reference > 0 ? gradNorm / reference : null,
  };
}

/** Plateau, minimum or unclear, from the last `window` steps of a run (see the file comment). */
export function plateauOrMinimum(steps: readonly StepRecord[], window = WINDOW): PlateauReport {
  const s = plateauSignals(steps, window);
  if (!s) {
    const bad = steps.slice(-window).some((r) => !Number.isFinite(r.loss) || !Number.isFinite(r.grad_norm));
    return {
      verdict: 'unclear',
      summary: bad ? 'The loss or the gradient is not finite in the last steps: the run diverged, it is neither.' : `Too few steps to tell: the detector reads the last ${window} steps (at least ${MIN_STEPS}).`,
      evidence: [],
      suggestion: bad ? 'Lower the learning rate; see the diagnostics.' : 'Train longer.',
      signals: null,
    };
  }
  const evidence: string[] = [];
  const flat = Math.abs(s.lossChange) <= Math.max(FLAT_CHANGE, 2 * s.lossChangeSe);
  evidence.push(`Loss over steps ${s.from}–${s.to}: ${pct(s.lossChange)} (± ${(2 * s.lossChangeSe * 100).toFixed(1)} %), ${flat ? 'flat' : s.lossChange < 0 ? 'still falling' : 'rising'}.`);
  const cos = s.cosGradPrev;
  const shrink = s.gradNormVsStart;
  evidence.push(
    cos === null
      ? 'cos(g_t, g_t-1): not available.'
      : `cos(g_t, g_t-1) median ${fmt(cos)}: ${cos > CONSISTENT_COS ? 'the gradient keeps its direction' : cos < NOISE_COS ? 'successive gradients are uncorrelated or opposed (noise, or bouncing across a valley)' : 'neither steady nor noise'}.`,
  );
  evidence.push(`Gradient norm median ${fmt(s.gradNorm, 3)}${shrink === null ? '' : `, ${fmt(shrink)} × its value at the start${shrink < VANISHED_GRAD ? ' (almost vanished)' : shrink > SHRUNK_GRAD ? ' (not shrunk)' : ''}`}.`);
  evidence.push(`Update norm median ${fmt(s.updateNorm, 3)}; update / weight ratio ${fmt(s.updateRatio)}${s.updateRatio !== null && s.updateRatio < SMALL_UPDATE_RATIO ? ' (tiny steps)' : ''}.`);
  if (s.cosUpdateGrad !== null) evidence.push(`cos(update, −gradient) median ${fmt(s.cosUpdateGrad)}${s.cosUpdateGrad < 0.5 ? ': momentum or adaptive scaling turn the steps away from the gradient' : ': the steps follow the gradient'}.`);

  if (!flat) {
    return {
      verdict: 'unclear',
      summary: s.lossChange < 0 ? 'The loss is still falling: neither a plateau nor a minimum yet.' : 'The loss is rising: neither a plateau nor a minimum.',
      evidence,
      suggestion: s.lossChange < 0 ? 'Keep training and look again.' : 'Lower the learning rate; see the diagnostics.',
      signals: s,
    };
  }
  const vanished = shrink !== null && shrink < VANISHED_GRAD;
  if (vanished || (cos !== null && cos < NOISE_COS && shrink !== null && shrink < SHRUNK_GRAD)) {
    return {
      verdict: 'minimum',
      summary: vanished
        ? 'A minimum: the loss is flat and the gradient has almost vanished.'
        : 'A minimum: the loss is flat and what is left of the gradient is mini-batch noise, no longer a direction.',
      evidence,
      suggestion: 'Stop here (or lower the learning rate to settle deeper); more steps at this rate will not help.',
      signals: s,
    };
  }
  if (cos !== null && cos > CONSISTENT_COS) {
    return {
      verdict: 'plateau',
      summary: 'A plateau: the loss is flat, yet the gradient keeps pointing the same way; the steps are too small to follow it.',
      evidence,
      suggestion: 'Raise the learning rate (branch this run with 10× the rate).',
      signals: s,
    };
  }
  return {
    verdict: 'unclear',
    summary: 'The loss is flat, but the gradient signals point neither way clearly.',
    evidence,
    suggestion: 'Train a little longer, or branch with a higher learning rate and compare.',
    signals: s,
  };
}
