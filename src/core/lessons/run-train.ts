/**
 * Runs a lesson's training experiment: for each variant, load the data, apply the transforms, resolve the
 * configuration, train with the real engine (TrainingRun, step by step) and summarise what happened as
 * Quantities (for the checks) and thinned series (for the charts).
 *
 * Quantity keys of a variant (subject = variant id):
 *   status, diverged, diverged_step, diverged_layer, steps, ms
 *   loss.first, loss.last (mean of the last 5 steps' objective), loss.min
 *   final.{train,validation,test}.<metric>   engine metrics (loss, accuracy, roc_auc, log_loss, rmse, mae, r2, ...)
 *   gap.loss                                 final.validation.loss - final.train.loss
 *   epochs, best_epoch, restored_best
 *   update_ratio.median, grad_norm.median    whole model, median over the last 20 finite steps
 *   layer.<name>.grad_norm, layer.<name>.update_ratio          medians over the last 20 finite steps
 *   layer.<name>.grad_norm.init, grad_norm.init                the first step (at initialisation)
 *   grad_ratio.input_over_output.init        first layer's gradient norm / output layer's, first step
 *   baseline.<name>.{validation,test}.<metric>                 when config.baselines is on
 *   finding.<id>                             true when that diagnostic fired (diagnostics.ts ids)
 *   lr_range.suggested, lr_range.min_loss_lr, lr_range.steepest, lr_range.stopped_early   (mode 'lr-range')
 *   16-bit runs: precision.flushed_total (values flushed to zero, every layer, whole run),
 *     precision.overflow_skipped (steps skipped on overflow), precision.loss_scale (at the end),
 *     loss_float32.last (the float32 run of the same seed, mean of its last 5 steps),
 *     loss_gap.float32 (|loss.last - loss_float32.last| / loss_float32.last)
 *   data-parallel runs (workers > 1, in this thread one shard after another): parallel.allreduce_ms.mean,
 *     parallel.communication_share
 * Comparisons (subject = comparison id): auc.a, auc.b, auc_diff, delong_p, delong_low, delong_high,
 *   bootstrap_low, bootstrap_high, accuracy.a, accuracy.b, accuracy_diff, same_rows.
 * Aggregates (subject = aggregate id): min, max, range, mean, std.
 */
import { binaryMetrics } from '../metrics';
import { delongTest } from '../metrics/delong';
import { pairedBootstrapAucDiff } from '../metrics/bootstrap';
import type { PreparedData } from '../data/preprocess';
import { resolveTrainConfig, type TrainConfigInput } from '../train/config';
import { InProcessGradientPool, shardSetupFor, type GradientPool } from '../train/data-parallel';
import { diagnoseRun, type Finding } from '../train/diagnostics';
import { runLrRangeTest, type LrRangeTestResult } from '../train/lr-range-test';
import { summariseParallel } from '../train/parallel-summary';
import { summarisePrecision } from '../train/precision-summary';
import type { StepRecord } from '../train/step-record';
import { prepareTrainingData } from '../train/train-data';
import { TrainingRun, type TrainResult } from '../train/training-run';
import type { Quantities, QuantityValue } from './checks';
import type { TrainExperiment, TrainVariant } from './experiment';
import { loadLessonTable, type LoadText } from './lesson-data';
import { applyPreparedTransform, applyTableTransform, isPreparedTransform, type DataTransform, type PreparedTransform, type TableTransform } from './transforms';

export interface RunHooks {
  loadText: LoadText;
  /** Awaited between steps (at most every ~30 ms) so a page can paint and take input. */
  pause?: () => Promise<void>;
  onProgress?: (p: { variant: string; label: string; done: number; total: number }) => void;
  /** Set `aborted` to stop after the current step. */
  signal?: { aborted: boolean };
}

export interface VariantSeries {
  id: string;
  label: string;
  status: string;
  /** Thinned to at most MAX_POINTS. */
  step: number[];
  loss: number[];
  updateRatio: (number | null)[];
  layers: { name: string; gradNorm: number[]; updateRatio: (number | null)[] }[];
  epochs: { epoch: number[]; train: (number | null)[]; validation: (number | null)[] };
  lrRange: { lr: number[]; loss: number[]; smoothed: number[]; suggested: number | null } | null;
  findings: Pick<Finding, 'id' | 'severity' | 'title'>[];
  stopReason: string;
}

export interface TrainExperimentResult {
  kind: 'train';
  quantities: Quantities;
  series: VariantSeries[];
  warnings: string[];
  /** A problem that stopped the experiment (bad lesson data): shown verbatim. */
  error: string | null;
  ms: number;
}

/** Chart points kept per series. */
export const MAX_POINTS = 300;
const RECENT = 20;
const FINDING_IDS: readonly Finding['id'][] = ['non-finite', 'lr-too-high', 'lr-too-low', 'vanishing-gradients', 'dead-relu', 'overfitting', 'overfit-batch-stuck'];

const now = (): number => globalThis.performance.now();

/** Variant config merged over the experiment's (optimizer and schedule merged field by field). */
export function mergeConfig(base: TrainConfigInput, over: TrainConfigInput = {}): TrainConfigInput {
  return {
    // Lessons compute baselines only where they teach them: they cost a full logistic fit per run.
    baselines: false,
    ...base,
    ...over,
    optimizer: { ...base.optimizer, ...over.optimizer },
    schedule: { ...base.schedule, ...over.schedule },
  };
}

function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

function thinIndices(n: number): number[] {
  if (n <= MAX_POINTS) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < MAX_POINTS; k++) out.push(Math.round((k * (n - 1)) / (MAX_POINTS - 1)));
  return out;
}

function stepQuantities(steps: readonly StepRecord[], q: Record<string, QuantityValue>): void {
  const finite = steps.filter((s) => Number.isFinite(s.loss));
  q['loss.first'] = steps[0]?.loss ?? null;
  q['loss.min'] = finite.length ? Math.min(...finite.map((s) => s.loss)) : null;
  const last = steps.slice(-5).map((s) => s.loss);
  q['loss.last'] = last.length ? last.reduce((a, b) => a + b, 0) / last.length : null;
  const recent = finite.slice(-RECENT);
  q['update_ratio.median'] = median(recent.map((s) => s.update_ratio ?? NaN));
  q['grad_norm.median'] = median(recent.map((s) => s.grad_norm));
  const first = steps[0];
  if (!first) return;
  q['grad_norm.init'] = first.grad_norm;
  first.layers.forEach((layer, l) => {
    q[`layer.${layer.name}.grad_norm`] = median(recent.map((s) => s.layers[l]?.grad_norm ?? NaN));
    q[`layer.${layer.name}.update_ratio`] = median(recent.map((s) => s.layers[l]?.update_ratio ?? NaN));
    q[`layer.${layer.name}.grad_norm.init`] = layer.grad_norm;
  });
  const input = first.layers[0];
  const output = first.layers[first.layers.length - 1];
  q['grad_ratio.input_over_output.init'] = input && output && output.grad_norm > 0 ? input.grad_norm / output.grad_norm : null;
}

function metricQuantities(prefix: string, values: Record<string, number | null>, q: Record<string, QuantityValue>): void {
  for (const [k, v] of Object.entries(values)) q[`${prefix}.${k}`] = v;
}

function resultQuantities(result: TrainResult, findings: Finding[], ms: number): Record<string, QuantityValue> {
  const q: Record<string, QuantityValue> = {
    status: result.status,
    diverged: result.status === 'diverged',
    diverged_step: result.divergence?.step ?? null,
    diverged_layer: result.divergence?.layer ?? null,
    steps: result.steps.length,
    epochs: result.epochs.length,
    best_epoch: result.bestEpoch,
    restored_best: result.restoredBestWeights,
    ms,
  };
  stepQuantities(result.steps, q);
  for (const part of ['train', 'validation', 'test'] as const) metricQuantities(`final.${part}`, result.final[part], q);
  const tl = result.final.train.loss, vl = result.final.validation.loss;
  q['gap.loss'] = tl != null && vl != null ? vl - tl : null;
  for (const b of result.baselines) {
    metricQuantities(`baseline.${b.name}.validation`, b.validation, q);
    metricQuantities(`baseline.${b.name}.test`, b.test, q);
  }
  for (const id of FINDING_IDS) q[`finding.${id}`] = findings.some((f) => f.id === id);
  scaleQuantities(result.steps, q);
  return q;
}

/** What 16-bit and data-parallel runs add (see the file comment); nothing for a float32 run on one worker. */
function scaleQuantities(steps: readonly StepRecord[], q: Record<string, QuantityValue>): void {
  const precision = summarisePrecision(steps);
  if (precision) {
    q['precision.flushed_total'] = precision.totalFlushed;
    q['precision.overflow_skipped'] = precision.overflowSkipped;
    q['precision.loss_scale'] = precision.lossScale;
    const reference = steps.slice(-5).map((s) => s.loss_float32).filter((v): v is number => v !== undefined);
    const ref = reference.length ? reference.reduce((a, b) => a + b, 0) / reference.length : null;
    const last = q['loss.last'];
    q['loss_float32.last'] = ref;
    q['loss_gap.float32'] = ref !== null && typeof last === 'number' && ref > 0 ? Math.abs(last - ref) / ref : null;
  }
  const parallel = summariseParallel(steps);
  if (parallel) {
    q['parallel.allreduce_ms.mean'] = parallel.meanAllreduceMs;
    q['parallel.communication_share'] = parallel.communicationShare;
  }
}

function seriesOf(variant: TrainVariant, result: TrainResult, findings: Finding[]): VariantSeries {
  const idx = thinIndices(result.steps.length);
  const pick = <T>(f: (s: StepRecord) => T): T[] => idx.map((i) => f(result.steps[i]!));
  const names = result.steps[0]?.layers.map((l) => l.name) ?? [];
  return {
    id: variant.id,
    label: variant.label,
    status: result.status,
    step: pick((s) => s.step),
    loss: pick((s) => s.loss),
    updateRatio: pick((s) => s.update_ratio),
    layers: names.map((name, l) => ({ name, gradNorm: pick((s) => s.layers[l]?.grad_norm ?? NaN), updateRatio: pick((s) => s.layers[l]?.update_ratio ?? null) })),
    epochs: {
      epoch: result.epochs.map((e) => e.epoch),
      train: result.epochs.map((e) => e.train.loss ?? null),
      validation: result.epochs.map((e) => e.validation.loss ?? null),
    },
    lrRange: null,
    findings: findings.map((f) => ({ id: f.id, severity: f.severity, title: f.title })),
    stopReason: result.stopReason,
  };
}

function lrRangeSeries(variant: TrainVariant, r: LrRangeTestResult): VariantSeries {
  return {
    id: variant.id,
    label: variant.label,
    status: 'completed',
    step: r.lrs.map((_, i) => i + 1),
    loss: r.losses,
    updateRatio: [],
    layers: [],
    epochs: { epoch: [], train: [], validation: [] },
    lrRange: { lr: r.lrs, loss: r.losses, smoothed: r.smoothed, suggested: r.suggestedLr },
    findings: [],
    stopReason: r.stoppedEarly ? 'The loss exploded: the test stopped.' : 'Reached the highest rate.',
  };
}

interface PreparedVariant {
  data: PreparedData;
  config: ReturnType<typeof resolveConfigOrThrow>;
}

class LessonDataError extends Error {}

function resolveConfigOrThrow(input: TrainConfigInput) {
  const r = resolveTrainConfig(input);
  if (!r.ok) throw new LessonDataError(r.error.message);
  return r.value;
}

async function prepareVariant(exp: TrainExperiment, variant: TrainVariant, loadText: LoadText, warnings: string[]): Promise<PreparedVariant> {
  const loaded = await loadLessonTable(exp.dataset, loadText);
  if (!loaded.ok) throw new LessonDataError(loaded.error.message);
  const transforms: DataTransform[] = [...(exp.transforms ?? []), ...(variant.transforms ?? [])];
  let table = loaded.value.table;
  for (const t of transforms) if (!isPreparedTransform(t)) table = applyTableTransform(table, t as TableTransform);
  const config = resolveConfigOrThrow(mergeConfig(exp.config, variant.config));
  const splitConfig = exp.splitSeed === undefined ? config : { ...config, seed: exp.splitSeed };
  const prepared = prepareTrainingData(table, splitConfig, loaded.value.task);
  if (!prepared.ok) throw new LessonDataError(prepared.error.message);
  warnings.push(...prepared.warnings.map((w) => `${variant.label}: ${w}`));
  let data = prepared.value.data;
  for (const t of transforms) if (isPreparedTransform(t)) data = applyPreparedTransform(data, t as PreparedTransform);
  return { data, config: { ...prepared.value.config, seed: config.seed } };
}

function usesOneBatch(exp: TrainExperiment, variant: TrainVariant): boolean {
  return [...(exp.transforms ?? []), ...(variant.transforms ?? [])].some((t) => t.kind === 'one-batch');
}

function compare(results: Map<string, TrainResult>, a: string, b: string): Record<string, QuantityValue> {
  const ra = results.get(a), rb = results.get(b);
  if (!ra || !rb) throw new LessonDataError(`comparison of "${a}" and "${b}": no such variant`);
  const pa = ra.testPredictions, pb = rb.testPredictions;
  const same = pa.rows.length === pb.rows.length && pa.rows.every((r, i) => r === pb.rows[i]);
  if (!same) throw new LessonDataError(`comparison of "${a}" and "${b}": the variants were tested on different rows; set splitSeed on the experiment.`);
  if (pa.predictions.task !== 'binary') throw new LessonDataError('comparisons need a binary task');
  const y = pa.y;
  const sa = pa.predictions.score, sb = pb.predictions.score;
  const q: Record<string, QuantityValue> = { same_rows: true };
  const ma = binaryMetrics(y, sa).values, mb = binaryMetrics(y, sb).values;
  q['auc.a'] = ma.roc_auc;
  q['auc.b'] = mb.roc_auc;
  q['accuracy.a'] = ma.accuracy;
  q['accuracy.b'] = mb.accuracy;
  q.accuracy_diff = ma.accuracy != null && mb.accuracy != null ? ma.accuracy - mb.accuracy : null;
  const d = delongTest(y, sa, sb);
  q.auc_diff = d?.diff ?? null;
  q.delong_p = d?.pValue ?? null;
  q.delong_low = d?.ci95[0] ?? null;
  q.delong_high = d?.ci95[1] ?? null;
  const boot = pairedBootstrapAucDiff(y, sa, sb, { B: 1000, seed: 0 });
  q.bootstrap_low = boot.lower;
  q.bootstrap_high = boot.upper;
  return q;
}

/** Summary of one quantity over several variants. Non-numbers are skipped. */
export function aggregate(values: readonly QuantityValue[]): Record<string, QuantityValue> {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (!v.length) return { min: null, max: null, range: null, mean: null, std: null };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  const min = Math.min(...v), max = Math.max(...v);
  return { min, max, range: max - min, mean, std };
}

/**
 * Runs every variant in order (one at a time: the page stays responsive through `hooks.pause`).
 * A mistake in the lesson data (unknown dataset, invalid config, a transform that does not fit) ends
 * the experiment with `error` set; everything measured before it is kept.
 */
export async function runTrainExperiment(exp: TrainExperiment, hooks: RunHooks): Promise<TrainExperimentResult> {
  const start = now();
  const quantities: Quantities = {};
  const series: VariantSeries[] = [];
  const warnings: string[] = [];
  const results = new Map<string, TrainResult>();
  let lastPause = now();
  const maybePause = async (): Promise<void> => {
    if (hooks.pause && now() - lastPause > 30) {
      await hooks.pause();
      lastPause = now();
    }
  };
  try {
    for (const [index, variant] of exp.variants.entries()) {
      if (hooks.signal?.aborted) break;
      const t0 = now();
      const { data, config } = await prepareVariant(exp, variant, hooks.loadText, warnings);
      if (variant.mode === 'lr-range') {
        const range = variant.lrRange ?? { from: 1e-5, to: 10, steps: 100 };
        hooks.onProgress?.({ variant: variant.id, label: variant.label, done: index, total: exp.variants.length });
        const r = runLrRangeTest(data, config, { minLr: range.from, maxLr: range.to, steps: range.steps });
        quantities[variant.id] = {
          'lr_range.suggested': r.suggestedLr,
          'lr_range.min_loss_lr': r.minLossLr,
          'lr_range.steepest': r.steepestLr,
          'lr_range.stopped_early': r.stoppedEarly,
          steps: r.lrs.length,
          ms: now() - t0,
        };
        series.push(lrRangeSeries(variant, r));
        await maybePause();
        continue;
      }
      // Lessons show what happens after a blow-up too (the initialisation lesson's dead units).
      const run = new TrainingRun(data, config, { stopOnLossGrowth: false });
      let pool: GradientPool | null = null;
      try {
        if ((config.workers ?? 1) > 1) {
          // A lesson runs in one Worker: the shards are computed one after another, the same arithmetic.
          pool = new InProcessGradientPool(config.workers!);
          await pool.setup(shardSetupFor(data, run.spec, run.info.backend));
        }
        while (!run.done) {
          if (hooks.signal?.aborted) run.stop();
          else if (pool) await run.stepParallel(pool, true);
          else await run.stepAsync();
          const total = run.info.totalSteps;
          hooks.onProgress?.({ variant: variant.id, label: variant.label, done: index + Math.min(1, run.stepsDone / total), total: exp.variants.length });
          await maybePause();
        }
      } catch (err) {
        run.dispose();
        throw err;
      } finally {
        pool?.dispose();
      }
      const result = await run.finishAsync();
      const findings = diagnoseRun({
        steps: result.steps,
        epochs: result.epochs.map((e) => ({ epoch: e.epoch, step: e.step, trainLoss: e.train.loss ?? null, valLoss: e.validation.loss ?? null })),
        overfitBatch: usesOneBatch(exp, variant),
        lr: config.lr,
        activation: config.activation,
        divergence: result.divergence,
      });
      results.set(variant.id, result);
      quantities[variant.id] = resultQuantities(result, findings, now() - t0);
      series.push(seriesOf(variant, result, findings));
    }
    for (const c of exp.comparisons ?? []) quantities[c.id] = compare(results, c.a, c.b);
    for (const a of exp.aggregates ?? []) quantities[a.id] = aggregate(a.of.map((v) => quantities[v]?.[a.key] ?? null));
    return { kind: 'train', quantities, series, warnings, error: null, ms: now() - start };
  } catch (err) {
    if (!(err instanceof LessonDataError) && !(err instanceof RangeError)) throw err;
    return { kind: 'train', quantities, series, warnings, error: err.message, ms: now() - start };
  }
}
