/**
 * Loss scaling for 16-bit training (Micikevicius et al. 2018, "Mixed Precision Training"): the loss is
 * multiplied by S before the backward pass so that small gradients stay above the format's smallest
 * subnormal, and the gradient is divided by S before the update.
 * - none:    S = 1.
 * - static:  S fixed (a step whose gradient overflows is skipped, S stays).
 * - dynamic: S starts at `lossScale`; an overflow skips the step and halves S; after
 *            DYNAMIC_GROWTH_INTERVAL steps in a row without overflow S doubles (PyTorch's GradScaler,
 *            whose interval is 2000; 100 here so that short classroom runs show it).
 */
import type { LossScaling } from './config';

export const DYNAMIC_GROWTH_INTERVAL = 100;
/** S never goes below this (halving forever would reach 0). */
export const MIN_LOSS_SCALE = 2 ** -24;

export interface LossScaleState {
  scale: number;
  /** Steps in a row without overflow (dynamic). */
  goodSteps: number;
}

/** The scaler before the first step. */
export function initialLossScale(scaling: LossScaling, lossScale: number): LossScaleState {
  return { scale: scaling === 'none' ? 1 : lossScale, goodSteps: 0 };
}

/** The scaler after a step that did (or did not) overflow. */
export function nextLossScale(state: LossScaleState, scaling: LossScaling, overflowed: boolean): LossScaleState {
  if (scaling !== 'dynamic') return state;
  if (overflowed) return { scale: Math.max(MIN_LOSS_SCALE, state.scale / 2), goodSteps: 0 };
  const goodSteps = state.goodSteps + 1;
  return goodSteps >= DYNAMIC_GROWTH_INTERVAL ? { scale: state.scale * 2, goodSteps: 0 } : { scale: state.scale, goodSteps };
}
