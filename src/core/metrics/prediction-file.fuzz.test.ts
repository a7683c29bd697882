/**
 * Fuzzing the CSV loader and the prediction-file loader (the path of the Data page, the Metrics page and
 * `metrics`): random bytes and near-CSV text never throw, always come back as a Result whose messages
 * stay short, within a time limit per case. See src/fuzz-support/fuzz-inputs.ts for the bounds.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { buildPreview, inferColumns, numericColumn, parseCsv } from '../csv';
import type { Result } from '../result';
import { FUZZ_RUNS, anyText, checkMessage, csvBytes, nearCsvText, withinTimeLimit } from '../../fuzz-support/fuzz-inputs';
import { metricsReportFromCsv, type MetricsFromCsvOptions } from './report';

/** A Result's error must be a DataError (kind and message strings) with a short message; warnings short too. */
function checkResult(r: Result<unknown>, where: string): void {
  if (r.ok) {
    for (const w of r.warnings) checkMessage(w, `${where} warning`);
    return;
  }
  if (typeof r.error.kind !== 'string' || typeof r.error.message !== 'string') throw new Error(`${where}: not a DataError: ${JSON.stringify(r.error)}`);
  checkMessage(r.error.message, `${where} error`);
}

function checkReport(r: ReturnType<typeof metricsReportFromCsv>, where: string): void {
  checkResult(r, where);
  if (r.ok) for (const w of r.value.report.warnings) checkMessage(w, `${where} report warning`);
}

const options: fc.Arbitrary<MetricsFromCsvOptions> = fc.record(
  {
    target: fc.oneof(fc.constantFrom('y_true', 'label', 'target', 'y', 'score', ''), anyText),
    task: fc.constantFrom('auto', 'binary', 'multiclass', 'regression'),
    positiveLabel: fc.oneof(fc.constantFrom('1', '0', 'yes', 'cat', 'A', ''), anyText),
    // No NaN: the argv and URL-hash parsers refuse a threshold that is not a number (fuzzed there), and
    // the core treats a NaN threshold as a caller's bug (RangeError), not as bad data.
    threshold: fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, 0.5, 1, -0.3, 2, Infinity, -Infinity)),
    features: fc.nat(20),
    logLossEps: fc.constantFrom(1e-15, Number.EPSILON, 0.1),
  },
  { requiredKeys: [] },
);

describe('fuzz: the CSV and prediction-file loaders', () => {
  it(`random bytes: a Result with short messages, never an exception (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(csvBytes, (bytes) => {
        withinTimeLimit(() => checkReport(metricsReportFromCsv(bytes, 'fuzz.csv'), 'bytes'), 'bytes');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it(`near-CSV text through parseCsv, column inference and preview (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(nearCsvText, (text) => {
        withinTimeLimit(() => {
          const table = parseCsv(text, 'fuzz.csv', { chunkSize: 64 });
          checkResult(table, 'parseCsv');
          if (!table.ok) return;
          inferColumns(table.value);
          buildPreview(table.value);
          for (const name of table.value.header) checkResult(numericColumn(table.value, name), 'numericColumn');
        }, 'parseCsv');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it(`near-CSV text with random options through the metrics report (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(nearCsvText, options, (text, opts) => {
        withinTimeLimit(() => checkReport(metricsReportFromCsv(text, 'fuzz.csv', opts), 'report'), 'report');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
