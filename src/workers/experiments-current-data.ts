/**
 * The Experiments page's Drift tab: the drift check between a reference and a current CSV file, the
 * bundled drift examples, and a stored model's metric on the current file next to its own test rows.
 */
import { parseCsv } from '../core/csv/parse';
import { encodeTarget, inferTask, transformRows } from '../core/data/preprocess';
import { labelledTableFromCsv } from '../core/data/table';
import { fail, ok, type Result } from '../core/result';
import { driftCheck, type DriftOptions } from '../core/stats';
import { quoteExcerpt } from '../core/text/excerpt';
import { loadModel, type ModelCache } from './experiments-cache';
import { driftFeaturesFromCsv, findDriftExample, makeDriftExample } from './experiments-drift';
import { experimentError as err, metricInfo, rowMetric } from './experiments-metrics';
import type { DriftOutcome, ModelOnDataOutcome, ModelRef } from './experiments-types';

type CsvFile = { name: string; text: string };

/** The drift check between two files (the target, when it is a column of the reference, left out). */
export function driftBetween(reference: CsvFile, current: CsvFile, options: { target?: string } & DriftOptions): Result<DriftOutcome> {
  const ref = parseCsv(reference.text, reference.name);
  if (!ref.ok) return ref;
  const cur = parseCsv(current.text, current.name);
  if (!cur.ok) return cur;
  const targetName = options.target && ref.value.header.includes(options.target) ? options.target : null;
  const features = driftFeaturesFromCsv(ref.value, cur.value, targetName ? [targetName] : []);
  if (!features.ok) return features;
  const report = driftCheck(features.value, options);
  if (!report.ok) return report;
  let target: DriftOutcome['target'] = null;
  if (targetName) {
    const table = labelledTableFromCsv(ref.value, targetName);
    if (table.ok) target = { name: targetName, task: inferTask(table.value.target) };
  }
  return ok({
    report: report.value,
    target,
    columns: [...ref.value.header],
    warnings: [...ref.warnings, ...cur.warnings, ...features.warnings, ...report.warnings],
    reference: { file: reference.name, rows: ref.value.rowCount },
    current: { file: current.name, rows: cur.value.rowCount },
  });
}

/** A bundled drift example made from a dataset's text: the reference and current files and the target. */
export function driftExampleFrom(id: string, datasetText: string, fileName: string): Result<{ reference: string; current: string; target: string }> {
  const example = findDriftExample(id);
  if (!example) return fail(err('unknown-example', `There is no drift example "${id}".`));
  const csv = parseCsv(datasetText, fileName);
  if (!csv.ok) return csv;
  const made = makeDriftExample(csv.value, example);
  if (!made.ok) return made;
  return ok({ ...made.value, target: example.target });
}

/** A stored model's metrics on the current file (its classes mapped onto the model's) and on its own test rows. */
export function modelOnCurrentData(cache: ModelCache, ref: ModelRef, current: CsvFile, metricKey: string): Result<ModelOnDataOutcome> {
  const got = loadModel(cache, ref);
  if (!got.ok) return got;
  const { model, predictor } = got.value;
  const parsed = parseCsv(current.text, current.name);
  if (!parsed.ok) return parsed;
  const targetName = model.table.target.name;
  const table = labelledTableFromCsv(parsed.value, targetName);
  if (!table.ok) return fail({ ...table.error, message: `${table.error.message} The model's metric on the current data needs the true ${targetName} values.` });
  for (const f of model.table.features) {
    const g = table.value.features.find((c) => c.name === f.name);
    if (!g) return fail({ kind: 'missing-column', message: `${current.name} has no usable column ${quoteExcerpt(f.name)}, which the model reads.`, file: current.name, row: null, column: f.name });
    if (g.kind !== f.kind) {
      return fail({ kind: 'column-type', message: `${current.name}, column ${quoteExcerpt(f.name)} is ${g.kind} but was ${f.kind} in the training data.`, file: current.name, row: null, column: f.name });
    }
  }
  const target = encodeTarget(table.value, model.data.task);
  if (!target.ok) return target;
  let y = target.value.y;
  if (model.data.classes) {
    // Codes of the current file's classes mapped onto the model's.
    const codes = target.value.classes!.map((c) => model.data.classes!.indexOf(c));
    const unknown = target.value.classes!.filter((_, k) => codes[k]! < 0);
    if (unknown.length) return fail({ kind: 'unknown-class', message: `${current.name} has class(es) the model never saw: ${unknown.join(', ')}.`, file: current.name, row: null, column: targetName });
    y = y.map((c) => codes[c]!);
  }
  const rows = new Int32Array(table.value.rowCount).map((_, i) => i);
  let x: Float32Array;
  try {
    // By column name; a category unseen in training is all zeros, as sklearn's handle_unknown='ignore'.
    x = transformRows(model.data.preprocessor, table.value, rows);
  } catch (error) {
    return fail(err('transform', error instanceof Error ? error.message : String(error)));
  }
  const test = model.data.test.n > 0 ? model.data.test : model.data.validation;
  const metric = rowMetric(model.data.task, metricKey);
  return ok({
    metric: metricInfo(metric),
    reference: { rows: test.n, metrics: predictor.metrics(test.x, test.y) },
    current: { file: current.name, rows: table.value.rowCount, metrics: predictor.metrics(x, y) },
  }, table.warnings);
}
