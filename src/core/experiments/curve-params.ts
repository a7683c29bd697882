/**
 * The hyperparameters a validation curve can sweep, with the range and scale a person would start
 * from, and how a value goes into the training settings (then checked by resolveTrainConfig).
 */
import type { TrainConfig, TrainConfigInput } from '../train/config';

export const CURVE_PARAMS = ['lr', 'l2', 'dropout', 'width', 'epochs', 'batchSize'] as const;
export type CurveParam = (typeof CURVE_PARAMS)[number];

export interface CurveParamInfo {
  label: string;
  scale: 'log' | 'linear';
  integer: boolean;
  lo: number;
  hi: number;
  /** Only for models with hidden layers (mlp, cnn). */
  hiddenOnly?: boolean;
}

export const CURVE_PARAM_INFO: Record<CurveParam, CurveParamInfo> = {
  lr: { label: 'learning rate', scale: 'log', integer: false, lo: 1e-4, hi: 1 },
  l2: { label: 'L2 penalty', scale: 'log', integer: false, lo: 1e-5, hi: 1 },
  dropout: { label: 'dropout', scale: 'linear', integer: false, lo: 0, hi: 0.6, hiddenOnly: true },
  width: { label: 'hidden units per layer', scale: 'log', integer: true, lo: 2, hi: 128, hiddenOnly: true },
  epochs: { label: 'epochs', scale: 'log', integer: true, lo: 2, hi: 80 },
  batchSize: { label: 'batch size', scale: 'log', integer: true, lo: 4, hi: 256 },
};

export function isCurveParam(s: string): s is CurveParam {
  return (CURVE_PARAMS as readonly string[]).includes(s);
}

/** The settings with the swept value in place (width sets every hidden layer, keeping their number). */
export function withCurveParam(config: TrainConfig, param: CurveParam, value: number): TrainConfigInput {
  const base: TrainConfigInput = { ...config, optimizer: { ...config.optimizer }, schedule: { ...config.schedule } };
  switch (param) {
    case 'width':
      return { ...base, hidden: config.hidden.length ? config.hidden.map(() => value) : [value] };
    case 'epochs':
      return { ...base, epochs: value, steps: null };
    default:
      return { ...base, [param]: value };
  }
}
