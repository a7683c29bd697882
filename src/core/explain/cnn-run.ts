/**
 * A stored cnn run -> what its explanation views need: the data prepared exactly as the run prepared it
 * (same config, so the same seed, split and fitted standardisation), the model spec rebuilt from the
 * config, the run's parameters, and the way between raw pixel intensities (what is drawn and shown, 0 to
 * 16 for the digits) and the model's prepared input. The page holds the table, the store the weights.
 */
import type { NumericTransform } from '../data/preprocess';
import type { LabelledTable } from '../data/table';
import { fail, ok, type Result } from '../result';
import { headFor, type TrainConfig } from '../train/config';
import { buildModelSpec, type ModelSpec } from '../train/model';
import { prepareTrainingData } from '../train/train-data';
import { isCnnSpec } from './cnn-network';

/** One held-out test image. */
export interface CnnTestImage {
  /** 0-based table row and its editor line. */
  row: number;
  line: number;
  label: string;
  /** Raw pixel intensities, row-major side x side. */
  raw: Float64Array;
}

export interface RunCnn {
  spec: ModelSpec;
  params: Float32Array;
  side: number;
  classes: string[] | null;
  /** The training pixels' largest raw intensity (16 for the digits): full ink when drawing. */
  ink: number;
  /** Raw intensities -> the prepared input the model reads. */
  toInput(raw: ArrayLike<number>): Float64Array;
  /** The blank image (raw 0 everywhere) as a prepared input: the saliency baseline. */
  baseline: Float64Array;
  test: CnnTestImage[];
}

export function cnnForRun(table: LabelledTable, config: TrainConfig, params: Float32Array, expectedFeatures?: string[]): Result<RunCnn> {
  const problem = (message: string) => fail({ kind: 'cnn-views', message, file: table.source, row: null, column: null });
  if (config.model !== 'cnn') return problem('These views are for the CNN; this run trained another model.');
  const prepared = prepareTrainingData(table, config, config.task ?? undefined);
  if (!prepared.ok) return prepared;
  const { data, config: c } = prepared.value;
  if (expectedFeatures && expectedFeatures.join('\u0000') !== data.featureNames.join('\u0000')) {
    return problem('This run was trained on other columns than the data chosen now: choose its data again to look inside it.');
  }
  const transforms = data.preprocessor.transforms;
  if (!transforms.every((t): t is NumericTransform => t.kind === 'numeric' && !t.indicator) || transforms.length !== data.d) {
    return problem('The CNN views need every input column to be a pixel intensity (numeric, no missing-value indicators).');
  }
  const spec = buildModelSpec({ kind: 'cnn', hidden: c.hidden, activation: c.activation, dropout: c.dropout, init: c.init }, data.d, headFor(data.task, 'cnn'), data.classes?.length ?? 0);
  if (!isCnnSpec(spec)) return problem('The CNN views need a square image.');
  if (spec.paramCount !== params.length) return problem(`The stored weights (${params.length}) do not fit the model (${spec.paramCount} parameters).`);
  const toInput = (raw: ArrayLike<number>) => Float64Array.from(transforms, (t, j) => (raw[j]! - t.mean) / t.scale);
  const toRaw = (z: ArrayLike<number>) => Float64Array.from(transforms, (t, j) => t.mean + t.scale * z[j]!);
  let ink = 0;
  const { x, n } = data.train;
  for (let i = 0; i < n * data.d; i++) ink = Math.max(ink, toRawOne(transforms[i % data.d]!, x[i]!));
  const test = Array.from(data.test.rows, (row, i): CnnTestImage => ({
    row,
    line: data.lines[row] ?? row + 2,
    label: data.classes?.[data.test.y[i]!] ?? String(data.test.y[i]),
    raw: roundedRaw(toRaw(data.test.x.subarray(i * data.d, (i + 1) * data.d))),
  }));
  return ok({ spec, params, side: spec.imageSide!, classes: data.classes, ink: ink > 0 ? Math.round(ink * 1e4) / 1e4 : 1, toInput, baseline: toInput(new Float64Array(data.d)), test });
}

function toRawOne(t: NumericTransform, z: number): number {
  return t.mean + t.scale * z;
}

/** Undoes float32 noise of the round trip (13.999999 -> 14) without touching real fractions. */
function roundedRaw(raw: Float64Array): Float64Array {
  return raw.map((v) => Math.round(v * 1e4) / 1e4 + 0); // + 0 turns -0 into 0
}
