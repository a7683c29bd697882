/**
 * Seeded data transforms that stage the classic mistakes a lesson needs without changing the training
 * engine: shuffled labels, class imbalance, label noise, useless features, a leaky feature, target
 * outliers, standardising before the split, feature selection on all rows, one fixed batch.
 *
 * Two stages, because some mistakes happen before the split and some after it:
 * - table transforms (LabelledTable -> LabelledTable) run before `prepareTrainingData` splits the rows;
 * - prepared transforms (PreparedData -> PreparedData) run on the split, preprocessed parts.
 * Every function is pure: inputs are not modified, randomness comes from `createRng(seed)`.
 */
import type { PreparedData, PreparedPart } from '../data/preprocess';
import type { FeatureColumn, LabelledTable } from '../data/table';
import { createRng, shuffledIndices } from '../random';

export type TableTransform =
  /** Binary: keep every negative and only enough positives that they are `positiveFraction` of the rows. */
  | { kind: 'imbalance'; positiveFraction: number; seed: number }
  /** Binary: flip the label of a random `fraction` of rows. */
  | { kind: 'label-noise'; fraction: number; seed: number }
  /** Append `count` standard-normal columns noise1..noiseK that carry no information. */
  | { kind: 'noise-features'; count: number; seed: number }
  /**
   * Append a column `name` (default 'leak') = class code (or target value) + N(0, noise²): a field that
   * is only filled in once the outcome is known, such as a billing code recorded after the diagnosis.
   */
  | { kind: 'leaky-feature'; noise: number; seed: number; name?: string }
  /** Regression: add `size` target standard deviations to a random `fraction` of targets. */
  | { kind: 'target-outliers'; fraction: number; size: number; seed: number }
  /** Standardise every numeric feature with the mean and std of ALL rows: the leak of scaling before the split. */
  | { kind: 'standardize-all' }
  /** Multiply every numeric feature by `factor` (unscaled inputs). */
  | { kind: 'scale-features'; factor: number }
  /** Keep a random `n` rows. */
  | { kind: 'subsample'; n: number; seed: number };

export type PreparedTransform =
  /** Keep only the first `size` training rows: with batchSize = size every step sees the same batch. */
  | { kind: 'one-batch'; size: number }
  /** Permute the training labels against the inputs (the classic misaligned-arrays bug). */
  | { kind: 'shuffle-train-labels'; seed: number }
  /**
   * Keep the `keep` features most correlated (|Pearson r|) with the target. `using: 'all-rows'` computes the
   * correlations on training, validation and test rows together (the leak); 'train-rows' on training rows only.
   */
  | { kind: 'select-features'; keep: number; using: 'all-rows' | 'train-rows' }
  /** Permute one feature among the test rows: a field that is not known yet when the model is used. */
  | { kind: 'scramble-test-feature'; feature: string; seed: number };

export type DataTransform = TableTransform | PreparedTransform;

const PREPARED_KINDS: ReadonlySet<string> = new Set(['one-batch', 'shuffle-train-labels', 'select-features', 'scramble-test-feature']);

export function isPreparedTransform(t: DataTransform): t is PreparedTransform {
  return PREPARED_KINDS.has(t.kind);
}

/** The table with only `rows` (in that order). */
function selectRows(table: LabelledTable, rows: ArrayLike<number>): LabelledTable {
  const idx = Array.from(rows);
  const features: FeatureColumn[] = table.features.map((f) =>
    f.kind === 'numeric'
      ? { name: f.name, kind: 'numeric', values: Float64Array.from(idx, (i) => f.values[i]!) }
      : { name: f.name, kind: 'categorical', values: idx.map((i) => f.values[i]!) },
  );
  const labels = idx.map((i) => table.target.labels[i]!);
  const numeric = table.target.numeric ? Float64Array.from(idx, (i) => table.target.numeric![i]!) : null;
  return {
    source: table.source,
    rowCount: idx.length,
    features,
    target: { name: table.target.name, labels, numeric },
    lines: Int32Array.from(idx, (i) => table.lines[i]!),
  };
}

/** The two labels of a binary target in sorted order; the second is the positive class (as preprocess encodes it). */
function binaryLabels(table: LabelledTable, what: string): [string, string] {
  const distinct = [...new Set(table.target.labels)];
  if (distinct.length !== 2) throw new RangeError(`${what} needs a binary target; ${table.source} has ${distinct.length} labels`);
  const sorted = table.target.numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
  return [sorted[0]!, sorted[1]!];
}

function targetValues(table: LabelledTable): Float64Array {
  if (table.target.numeric) return table.target.numeric;
  const classes = [...new Set(table.target.labels)].sort();
  return Float64Array.from(table.target.labels, (l) => classes.indexOf(l));
}

function withTarget(table: LabelledTable, labels: string[]): LabelledTable {
  const numeric = table.target.numeric ? Float64Array.from(labels, Number) : null;
  return { ...table, target: { name: table.target.name, labels, numeric } };
}

function mapNumeric(table: LabelledTable, f: (values: Float64Array) => Float64Array): LabelledTable {
  return { ...table, features: table.features.map((c) => (c.kind === 'numeric' ? { ...c, values: f(c.values) } : c)) };
}

function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let n = 0, sum = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) { sum += values[i]!; n++; }
  const mean = n ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) ss += (values[i]! - mean) ** 2;
  return { mean, std: n ? Math.sqrt(ss / n) : 0 };
}

/**
 * Applies one table transform. Throws RangeError on a transform that cannot apply (a binary-only
 * transform on a regression target): that is a mistake in the lesson file, caught by the lesson tests.
 */
export function applyTableTransform(table: LabelledTable, t: TableTransform): LabelledTable {
  switch (t.kind) {
    case 'imbalance': {
      const [, positive] = binaryLabels(table, 'imbalance');
      const pos: number[] = [], neg: number[] = [];
      table.target.labels.forEach((l, i) => (l === positive ? pos : neg).push(i));
      // p = P / (N + P)  =>  P = p N / (1 - p)
      const keepPos = Math.min(pos.length, Math.max(1, Math.round((t.positiveFraction * neg.length) / (1 - t.positiveFraction))));
      const order = shuffledIndices(pos.length, createRng(t.seed));
      const kept = new Set(Array.from(order.subarray(0, keepPos), (k) => pos[k]!));
      const rows = table.target.labels.map((_, i) => i).filter((i) => table.target.labels[i] !== positive || kept.has(i));
      return selectRows(table, rows);
    }
    case 'label-noise': {
      const [a, b] = binaryLabels(table, 'label-noise');
      const rng = createRng(t.seed);
      return withTarget(table, table.target.labels.map((l) => (rng.next() < t.fraction ? (l === a ? b : a) : l)));
    }
    case 'noise-features': {
      const rng = createRng(t.seed);
      const extra: FeatureColumn[] = Array.from({ length: t.count }, (_, k) => ({
        name: `noise${k + 1}`,
        kind: 'numeric' as const,
        values: Float64Array.from({ length: table.rowCount }, () => rng.normal()),
      }));
      return { ...table, features: [...table.features, ...extra] };
    }
    case 'leaky-feature': {
      const rng = createRng(t.seed);
      const y = targetValues(table);
      const values = Float64Array.from(y, (v) => v + t.noise * rng.normal());
      return { ...table, features: [...table.features, { name: t.name ?? 'leak', kind: 'numeric', values }] };
    }
    case 'target-outliers': {
      if (!table.target.numeric) throw new RangeError('target-outliers needs a numeric target');
      const { std } = meanStd(table.target.numeric);
      const rng = createRng(t.seed);
      const labels = Array.from(table.target.numeric, (v) => String(rng.next() < t.fraction ? v + t.size * std : v));
      return withTarget(table, labels);
    }
    case 'standardize-all':
      return mapNumeric(table, (values) => {
        const { mean, std } = meanStd(values);
        const scale = std > 0 ? std : 1;
        return values.map((v) => (v - mean) / scale);
      });
    case 'scale-features':
      return mapNumeric(table, (values) => values.map((v) => v * t.factor));
    case 'subsample': {
      if (t.n >= table.rowCount) return table;
      const order = shuffledIndices(table.rowCount, createRng(t.seed));
      return selectRows(table, Array.from(order.subarray(0, t.n)).sort((a, b) => a - b));
    }
  }
}

function takeRows(part: PreparedPart, d: number, count: number): PreparedPart {
  const n = Math.min(count, part.n);
  return { rows: part.rows.slice(0, n), n, x: part.x.slice(0, n * d), y: part.y.slice(0, n) };
}

function selectColumns(part: PreparedPart, d: number, columns: readonly number[]): PreparedPart {
  const k = columns.length;
  const x = new Float32Array(part.n * k);
  for (let i = 0; i < part.n; i++) for (let j = 0; j < k; j++) x[i * k + j] = part.x[i * d + columns[j]!]!;
  return { ...part, x };
}

/** |Pearson correlation| of column j with y over the given parts. */
function absCorrelation(parts: readonly PreparedPart[], d: number, j: number): number {
  let n = 0, sx = 0, sy = 0;
  for (const p of parts) for (let i = 0; i < p.n; i++) { sx += p.x[i * d + j]!; sy += p.y[i]!; n++; }
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (const p of parts) {
    for (let i = 0; i < p.n; i++) {
      const dx = p.x[i * d + j]! - mx, dy = p.y[i]! - my;
      sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
    }
  }
  return sxx > 0 && syy > 0 ? Math.abs(sxy / Math.sqrt(sxx * syy)) : 0;
}

/** Applies one prepared-data transform (see PreparedTransform). */
export function applyPreparedTransform(data: PreparedData, t: PreparedTransform): PreparedData {
  switch (t.kind) {
    case 'one-batch':
      return { ...data, train: takeRows(data.train, data.d, t.size) };
    case 'shuffle-train-labels': {
      const order = shuffledIndices(data.train.n, createRng(t.seed));
      return { ...data, train: { ...data.train, y: Float64Array.from(order, (k) => data.train.y[k]!) } };
    }
    case 'select-features': {
      const parts = t.using === 'all-rows' ? [data.train, data.validation, data.test] : [data.train];
      const scores = data.featureNames.map((_, j) => ({ j, r: absCorrelation(parts, data.d, j) }));
      // Ties broken by column order, so the choice is deterministic.
      const columns = scores.sort((a, b) => b.r - a.r || a.j - b.j).slice(0, Math.min(t.keep, data.d)).map((s) => s.j).sort((a, b) => a - b);
      return {
        ...data,
        d: columns.length,
        featureNames: columns.map((j) => data.featureNames[j]!),
        train: selectColumns(data.train, data.d, columns),
        validation: selectColumns(data.validation, data.d, columns),
        test: selectColumns(data.test, data.d, columns),
      };
    }
    case 'scramble-test-feature': {
      const j = data.featureNames.indexOf(t.feature);
      if (j < 0) throw new RangeError(`scramble-test-feature: no feature "${t.feature}" (features: ${data.featureNames.join(', ')})`);
      const { test, d } = data;
      const order = shuffledIndices(test.n, createRng(t.seed));
      const x = test.x.slice();
      for (let i = 0; i < test.n; i++) x[i * d + j] = test.x[order[i]! * d + j]!;
      return { ...data, test: { ...test, x } };
    }
  }
}
