/**
 * A run's records as columns for the charts: one array per quantity (and per layer), appended in place
 * as batches of step records arrive, so a redraw reads arrays instead of walking thousands of objects.
 * `null` in a record (a ratio with a zero denominator, no previous gradient) becomes NaN, which Plotly
 * draws as a gap.
 */
import type { Histogram } from './histogram';
import type { LayerStepRecord, StepRecord } from './step-record';
import type { EpochRecord } from './training-run';

const num = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

/** Per-layer columns, indexed [layer][point]. */
export interface LayerColumns {
  gradNorm: number[][];
  weightNorm: number[][];
  updateRatio: number[][];
  mNorm: number[][];
  vNorm: number[][];
  cosUpdateGrad: number[][];
  cosGradPrev: number[][];
}

/** Columns of the detail steps (activations and histograms are collected every K steps). */
export interface DetailColumns {
  step: number[];
  actMean: number[][];
  actStd: number[][];
  deadShare: number[][];
  gradHist: (Histogram | null)[][];
  weightHist: (Histogram | null)[][];
}

/** One run's records as growing columns (see the file comment). */
export class RunSeries {
  layerNames: string[] = [];
  /** The records themselves (diagnostics, exports). */
  readonly records: StepRecord[] = [];
  readonly epochs: EpochRecord[] = [];
  readonly step: number[] = [];
  readonly loss: number[] = [];
  readonly dataLoss: number[] = [];
  readonly gradNorm: number[] = [];
  readonly weightNorm: number[] = [];
  readonly updateRatio: number[] = [];
  readonly mNorm: number[] = [];
  readonly vNorm: number[] = [];
  readonly cosUpdateGrad: number[] = [];
  readonly cosGradPrev: number[] = [];
  readonly lr: number[] = [];
  readonly ms: number[] = [];
  readonly memoryBytes: number[] = [];
  readonly tensors: number[] = [];
  readonly layers: LayerColumns = { gradNorm: [], weightNorm: [], updateRatio: [], mNorm: [], vNorm: [], cosUpdateGrad: [], cosGradPrev: [] };
  readonly details: DetailColumns = { step: [], actMean: [], actStd: [], deadShare: [], gradHist: [], weightHist: [] };
  /** Whether any record had optimiser moments (Adam-like / momentum). */
  hasMoments = false;
  /** Bumped on every append: charts compare it to know whether to redraw. */
  version = 0;

  /** A series holding `steps` and `epochs` (e.g. a run loaded from storage). */
  static from(steps: readonly StepRecord[], epochs: readonly EpochRecord[] = []): RunSeries {
    const s = new RunSeries();
    s.append(steps, epochs);
    return s;
  }

  private ensureLayers(layers: readonly LayerStepRecord[]): void {
    if (this.layerNames.length === layers.length) return;
    this.layerNames = layers.map((l) => l.name);
    const make = () => layers.map(() => [] as never[]);
    for (const key of Object.keys(this.layers) as (keyof LayerColumns)[]) this.layers[key] = make();
    this.details.actMean = make();
    this.details.actStd = make();
    this.details.deadShare = make();
    this.details.gradHist = make();
    this.details.weightHist = make();
  }

  /** Appends records in step order. */
  append(steps: readonly StepRecord[], epochs: readonly EpochRecord[] = []): void {
    for (const r of steps) {
      this.ensureLayers(r.layers);
      this.records.push(r);
      this.step.push(r.step);
      this.loss.push(r.loss);
      this.dataLoss.push(r.data_loss);
      this.gradNorm.push(r.grad_norm);
      this.weightNorm.push(r.weight_norm);
      this.updateRatio.push(num(r.update_ratio));
      this.mNorm.push(num(r.m_norm));
      this.vNorm.push(num(r.v_norm));
      if (r.m_norm !== undefined || r.v_norm !== undefined) this.hasMoments = true;
      this.cosUpdateGrad.push(num(r.cos_update_grad));
      this.cosGradPrev.push(num(r.cos_grad_prev));
      this.lr.push(r.lr);
      this.ms.push(r.ms);
      this.memoryBytes.push(r.memory.bytes);
      this.tensors.push(r.memory.tensors);
      r.layers.forEach((l, i) => {
        this.layers.gradNorm[i]!.push(l.grad_norm);
        this.layers.weightNorm[i]!.push(l.weight_norm);
        this.layers.updateRatio[i]!.push(num(l.update_ratio));
        this.layers.mNorm[i]!.push(num(l.m_norm));
        this.layers.vNorm[i]!.push(num(l.v_norm));
        this.layers.cosUpdateGrad[i]!.push(num(l.cos_update_grad));
        this.layers.cosGradPrev[i]!.push(num(l.cos_grad_prev));
      });
      if (r.details) {
        this.details.step.push(r.step);
        r.layers.forEach((l, i) => {
          this.details.actMean[i]!.push(num(l.act_mean));
          this.details.actStd[i]!.push(num(l.act_std));
          // -1 marks activations that cannot die (tanh, sigmoid): not a share.
          this.details.deadShare[i]!.push(l.dead_share === undefined || l.dead_share < 0 ? NaN : l.dead_share);
          this.details.gradHist[i]!.push(l.grad_hist ?? null);
          this.details.weightHist[i]!.push(l.weight_hist ?? null);
        });
      }
    }
    this.epochs.push(...epochs);
    if (steps.length || epochs.length) this.version += 1;
  }

  get length(): number {
    return this.step.length;
  }

  get lastStep(): StepRecord | undefined {
    return this.records[this.records.length - 1];
  }
}

/**
 * Indices of at most `max` points spread evenly over 0..n-1, always including the first and the last,
 * so long runs draw in constant time. All indices when n <= max.
 */
export function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const stride = (n - 1) / (max - 1);
  for (let k = 0; k < max; k++) out.push(Math.round(k * stride));
  return out;
}

/** `values` at `indices`. */
export function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => values[i]!);
}
