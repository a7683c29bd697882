/**
 * The "overfit a single batch" check (Karpathy, "A Recipe for Training Neural Networks", 2019): train on
 * one fixed batch and see whether the loss can be driven to (almost) zero. If a model cannot memorise
 * 32 rows, something is broken (the learning rate, the initialisation, the labels, the loss) or the
 * model is too small; if it can, the pipeline is at least able to learn.
 *
 * Verdict: passed when a step's batch loss falls to at most 1% of the first step's loss within the step
 * budget. The loss reported at step t is measured before update t, in training mode (dropout on).
 */
import type { PreparedData } from '../data/preprocess';
import { shuffledIndices } from '../random';
import { headFor, type TrainConfig } from './config';
import { deviceBatchFromRows, disposeBatch } from './device-batch';
import { diagnoseDivergence, type DivergenceReport } from './divergence';
import { instrumentedStep } from './instrumented-step';
import { buildModelSpec, initialParameters } from './model';
import { learningRateAt } from './schedules';
import type { StepRecord } from './step-record';
import { runStreams } from './train-data';
import { createTrainableModel, disposeTrainableModel } from './trainable';

/** The loss must fall to this fraction of its start. */
export const OVERFIT_TARGET = 0.01;
/** Default step budget. */
export const OVERFIT_BUDGET = 500;

export interface OverfitVerdict {
  passed: boolean;
  /** One sentence: the outcome with its numbers. */
  message: string;
  /** Why it failed and what to try (empty when passed). */
  explanation: string[];
  batchRows: number;
  initialLoss: number;
  bestLoss: number;
  finalLoss: number;
  /** bestLoss / initialLoss. */
  ratio: number;
  target: number;
  budget: number;
  stepsRun: number;
  /** The step whose loss first reached the target; null when it never did. */
  passedAtStep: number | null;
  divergence: DivergenceReport | null;
}

export interface OverfitResult {
  verdict: OverfitVerdict;
  steps: StepRecord[];
}

/**
 * Trains on the first `config.batchSize` training rows of the seeded shuffle for up to `budget` steps
 * (config.steps when set, else OVERFIT_BUDGET) and returns the verdict with every step record.
 * The schedule runs over the budget. Stops as soon as the target is reached.
 */
export function runOverfitBatch(data: PreparedData, config: TrainConfig, options: { budget?: number; onStep?: (r: StepRecord) => void } = {}): OverfitResult {
  const budget = options.budget ?? config.steps ?? OVERFIT_BUDGET;
  const streams = runStreams(config.seed);
  const head = headFor(data.task, config.model);
  const spec = buildModelSpec(
    { kind: config.model, hidden: config.hidden, activation: config.activation, dropout: config.dropout, init: config.init },
    data.d,
    head,
    data.classes?.length ?? 1,
  );
  const model = createTrainableModel(spec, initialParameters(spec, config.init, streams.init), config.optimizer.name);
  const rows = shuffledIndices(data.train.n, streams.shuffle).subarray(0, Math.min(config.batchSize, data.train.n));
  const batch = deviceBatchFromRows(data, spec, data.train, rows, data.classWeights);
  const settings = { optimizer: config.optimizer, l1: config.l1, l2: config.l2, clipNorm: config.clipNorm, histogramBins: config.histogramBins };
  const steps: StepRecord[] = [];
  let divergence: DivergenceReport | null = null;
  let passedAtStep: number | null = null;
  try {
    for (let t = 0; t < budget; t++) {
      const record = instrumentedStep(model, batch, settings, {
        lr: learningRateAt(config.lr, config.schedule, t, budget),
        dropoutSeed: streams.dropout.uint32(),
        details: t % config.detailsEvery === 0,
        epoch: 1,
      });
      steps.push(record);
      options.onStep?.(record);
      divergence = diagnoseDivergence(record, steps.slice(-21, -1), config);
      if (divergence) break;
      if (record.data_loss <= OVERFIT_TARGET * steps[0]!.data_loss) {
        passedAtStep = record.step;
        break;
      }
    }
  } finally {
    disposeBatch(batch);
    disposeTrainableModel(model);
  }
  return { verdict: overfitVerdict(steps, { budget, batchRows: rows.length, parameters: spec.paramCount, config, passedAtStep, divergence }), steps };
}

/** The verdict and its explanation from the step records (see the file comment for the rule). */
export function overfitVerdict(
  steps: readonly StepRecord[],
  ctx: { budget: number; batchRows: number; parameters: number; config: TrainConfig; passedAtStep: number | null; divergence: DivergenceReport | null },
): OverfitVerdict {
  const losses = steps.map((s) => s.data_loss);
  const initialLoss = losses[0] ?? NaN;
  const finite = losses.filter(Number.isFinite);
  const bestLoss = finite.length ? Math.min(...finite) : NaN;
  const finalLoss = losses[losses.length - 1] ?? NaN;
  const ratio = bestLoss / initialLoss;
  const passed = ctx.passedAtStep !== null;
  const pct = (r: number) => `${(100 * r).toPrecision(3)}%`;
  const explanation: string[] = [];
  let message: string;
  if (passed) {
    message = `Passed: the loss fell from ${initialLoss.toPrecision(4)} to ${steps[steps.length - 1]!.data_loss.toPrecision(4)} (below ${pct(OVERFIT_TARGET)} of its start) at step ${ctx.passedAtStep} of ${ctx.budget}.`;
  } else if (ctx.divergence) {
    message = `Failed: the run diverged. ${ctx.divergence.message}`;
    explanation.push(...ctx.divergence.causes);
  } else {
    message = `Failed: after ${steps.length} steps the best loss was ${bestLoss.toPrecision(4)}, ${pct(ratio)} of its start ${initialLoss.toPrecision(4)} (target: ${pct(OVERFIT_TARGET)}).`;
    const moved = steps.some((s) => s.update_norm > 0);
    const { config } = ctx;
    if (!moved) {
      explanation.push(
        config.lr === 0 || steps.every((s) => s.lr === 0)
          ? 'The weights never changed: the learning rate is 0.'
          : 'The weights never changed: every gradient was zero (e.g. dead ReLUs everywhere, or a loss that does not depend on the weights).',
      );
    } else if (finalLoss > initialLoss) {
      explanation.push(`The loss went up (to ${finalLoss.toPrecision(4)}): the learning rate ${config.lr} is probably too high; try 10 times lower.`);
    } else {
      const tail = losses.slice(-Math.max(5, Math.floor(losses.length / 10)));
      const head = losses.slice(-2 * tail.length, -tail.length);
      const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
      const stillFalling = head.length > 0 && mean(tail) < 0.9 * mean(head);
      if (stillFalling) {
        explanation.push(`The loss was still falling when the ${ctx.budget}-step budget ran out: allow more steps or raise the learning rate.`);
      } else {
        explanation.push('The loss stopped improving well above the target (a plateau).');
      }
      if (!stillFalling || ctx.parameters < 4 * ctx.batchRows) {
        explanation.push(
          `The model may be too small to memorise ${ctx.batchRows} rows (${ctx.parameters} parameters): a linear model cannot fit labels that are not linearly separable, e.g. shuffled or noisy labels. Try more hidden units.`,
        );
      }
      if (config.dropout > 0 || config.l1 > 0 || config.l2 > 0) explanation.push('Regularisation (dropout, L1/L2) works against memorising: turn it off for this check.');
      if (config.init === 'zeros' && (config.model === 'mlp' || config.model === 'cnn')) {
        explanation.push('Zero initialisation makes every hidden unit identical (the symmetry is never broken): use glorot or he.');
      }
      explanation.push('Check the labels: identical inputs with different labels cannot be memorised.');
    }
  }
  return {
    passed,
    message,
    explanation,
    batchRows: ctx.batchRows,
    initialLoss,
    bestLoss,
    finalLoss,
    ratio,
    target: OVERFIT_TARGET,
    budget: ctx.budget,
    stepsRun: steps.length,
    passedAtStep: ctx.passedAtStep,
    divergence: ctx.divergence,
  };
}
