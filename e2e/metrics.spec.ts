import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { MetricsPage, datasetFile, golden } from './fixtures/metrics-page-object';

const BINARY_KEYS = [
  'roc_auc', 'average_precision', 'log_loss', 'brier', 'accuracy', 'precision', 'recall', 'specificity',
  'fpr', 'fnr', 'f1', 'mcc', 'balanced_accuracy', 'tp', 'fp', 'tn', 'fn',
];
const THRESHOLD_KEYS = ['accuracy', 'precision', 'recall', 'specificity', 'fpr', 'fnr', 'f1', 'mcc', 'balanced_accuracy', 'tp', 'fp', 'tn', 'fn'];
const models = Object.keys(golden.binary.models);
/** KS per model from scipy (src/core/metrics/fixtures/make_report_fixtures.py). */
const ksGolden = (JSON.parse(readFileSync(new URL('../src/core/metrics/fixtures/report-fixtures.json', import.meta.url), 'utf8')) as
  { files: Record<string, Record<string, { ks: number }>> }).files['binary-breast-cancer.csv']!;

test.describe('Metrics page: a threshold outside the score range (issue 17)', () => {
  test('a link with threshold=2 sets it and says every row is predicted negative; back in range the warning goes', async ({ page }) => {
    const mp = new MetricsPage(page);
    await page.goto('/#/metrics?threshold=2');
    await expect(page.getByTestId('csv-input')).toBeAttached();
    await mp.loadExample('binary-breast-cancer', 'metric-logistic-roc_auc');
    await expect(page.getByTestId('threshold-input')).toHaveValue('2');
    const warning = page.getByTestId('threshold-range-warning');
    await expect(warning).toContainText('model "logistic": threshold 2 is outside [0, 1], the range of its probabilities: every row is predicted negative');
    await expect(warning.locator('div')).toHaveCount(models.length);
    await mp.expectConfusion('logistic', { tp: 0, fp: 0, tn: golden.binary.models.logistic!['at_0.5'].tn! + golden.binary.models.logistic!['at_0.5'].fp!, fn: golden.binary.models.logistic!['at_0.5'].tp! + golden.binary.models.logistic!['at_0.5'].fn! });
    // Typed below the range: every row positive, said the same way.
    await mp.setThreshold(-1);
    await expect(warning).toContainText('threshold -1 is outside [0, 1], the range of its probabilities: every row is predicted positive');
    await mp.setThreshold(0.3);
    await expect(warning).toHaveCount(0);
    await mp.expectConfusion('logistic', golden.binary.models.logistic!.at['0.3'] as unknown as { tp: number; fp: number; tn: number; fn: number });
  });

  test('a threshold in a link that is not a number is named, and the default stays', async ({ page }) => {
    const mp = new MetricsPage(page);
    await page.goto('/#/metrics?threshold=high');
    await expect(page.getByTestId('csv-input')).toBeAttached();
    await expect(page.getByTestId('link-threshold-problem')).toHaveText('The link\'s threshold must be a number; got "high". The threshold stays at its default.');
    await mp.loadExample('binary-breast-cancer', 'metric-logistic-roc_auc');
    await expect(page.getByTestId('threshold-input')).toHaveValue('0.5');
    await expect(page.getByTestId('threshold-range-warning')).toHaveCount(0);
  });
});

test.describe('Metrics page: binary predictions', () => {
  let mp: MetricsPage;
  test.beforeEach(async ({ page }) => {
    mp = new MetricsPage(page);
    await mp.open();
    await mp.loadExample('binary-breast-cancer', 'metric-logistic-roc_auc');
  });

  test('shows what was detected and every metric of every model as scikit-learn computes it', async ({ page }) => {
    await expect(page.getByTestId('detected-task')).toHaveText('binary');
    await expect(page.getByTestId('detected-target')).toHaveText('y_true');
    await expect(page.getByTestId('detected-positive')).toHaveText('1');
    for (const model of models) {
      const expected = golden.binary.models[model]!['at_0.5'];
      for (const key of BINARY_KEYS) await mp.expectValue(`metric-${model}-${key}`, expected[key]!);
      await mp.expectValue(`metric-${model}-ks`, ksGolden[model]!.ks);
      await mp.expectConfusion(model, expected as unknown as { tp: number; fp: number; tn: number; fn: number });
    }
    // The best value per metric is marked, and only the best.
    await expect(page.getByTestId('metric-logistic-log_loss')).toHaveClass(/best/);
    await expect(page.getByTestId('metric-naive_bayes_2_features-log_loss')).not.toHaveClass(/best/);
  });

  test('moving the threshold moves the confusion matrices and every threshold metric', async ({ page }) => {
    await mp.setThreshold(0.3);
    for (const model of models) {
      const expected = golden.binary.models[model]!.at['0.3']!;
      await mp.expectConfusion(model, expected as unknown as { tp: number; fp: number; tn: number; fn: number });
      for (const key of THRESHOLD_KEYS) await mp.expectValue(`metric-${model}-${key}`, expected[key]!);
      // Threshold-free metrics do not move.
      await mp.expectValue(`metric-${model}-roc_auc`, golden.binary.models[model]!['at_0.5'].roc_auc!);
    }
    const slider = page.getByTestId('threshold-slider');
    await slider.fill('0.8');
    await expect(page.getByTestId('threshold-input')).toHaveValue('0.8');
    for (const model of models) {
      await mp.expectConfusion(model, golden.binary.models[model]!.at['0.8'] as unknown as { tp: number; fp: number; tn: number; fn: number });
    }
    // Keyboard: one arrow press is one step of 0.001.
    await slider.focus();
    await slider.press('ArrowLeft');
    await expect(page.getByTestId('threshold-input')).toHaveValue('0.799');
    // The explain panel writes the live counts into the formulas.
    const c = golden.binary.models.logistic!.at['0.8']!;
    await slider.fill('0.8');
    await expect(page.getByTestId('explain-precision')).toContainText(`${c.tp} / (${c.tp} + ${c.fp})`);
  });

  test('one threshold per model: each model follows its own, the shared control moves them all', async ({ page }) => {
    await page.getByTestId('per-model-toggle').check();
    const box = page.getByTestId('threshold-input-logistic');
    await box.fill('0.3');
    await box.press('Enter');
    await mp.expectConfusion('logistic', golden.binary.models.logistic!.at['0.3'] as unknown as { tp: number; fp: number; tn: number; fn: number });
    await mp.expectConfusion('svm_uncalibrated', golden.binary.models.svm_uncalibrated!['at_0.5'] as unknown as { tp: number; fp: number; tn: number; fn: number });
    await mp.expectValue('metric-logistic-f1', golden.binary.models.logistic!.at['0.3']!.f1!);
    await mp.setThreshold(0.8);
    for (const model of models) {
      await mp.expectConfusion(model, golden.binary.models[model]!.at['0.8'] as unknown as { tp: number; fp: number; tn: number; fn: number });
    }
  });

  test('the column mapping can drop a model and change the positive label', async ({ page }) => {
    await page.getByTestId('mapping-toggle').click();
    await page.getByRole('checkbox', { name: 'naive_bayes_2_features' }).uncheck();
    await page.getByTestId('mapping-positive').selectOption('0');
    await page.getByTestId('mapping-apply').click();
    await expect(page.getByTestId('detected-positive')).toHaveText('0');
    await expect(page.getByTestId('metric-naive_bayes_2_features-roc_auc')).toHaveCount(0);
    // Scores still rank label 1 first, so with 0 as the positive class the AUC is 1 - AUC.
    await mp.expectValue('metric-logistic-roc_auc', 1 - golden.binary.models.logistic!['at_0.5'].roc_auc!);
    // Ignored columns are kept for the mistakes table.
    await expect(page.getByTestId('error-rows')).toContainText('naive_bayes_2_features');
  });

  test('costs give the cheapest threshold, and one click applies it', async ({ page }) => {
    await page.getByTestId('cost-fp').fill('1');
    await page.getByTestId('cost-fn').fill('5');
    const expected = golden.binary.models.logistic!.cost_optimal_fp1_fn5;
    await expect.poll(() => mp.value('optimal-threshold')).toBe(expected.threshold);
    for (const model of models) {
      await expect.poll(() => mp.value(`optimal-threshold-${model}`)).toBe(golden.binary.models[model]!.cost_optimal_fp1_fn5.threshold);
    }
    await page.getByTestId('apply-cost').click();
    // The box shows 6 significant digits; the threshold in force is exact.
    await expect.poll(() => mp.value('threshold-input')).toBe(expected.threshold);
    await expect.poll(async () => Number(await page.getByTestId('threshold-input').inputValue())).toBeCloseTo(expected.threshold, 5);
    await mp.expectConfusion('logistic', expected);
    expect(expected.fp * 1 + expected.fn * 5).toBe(expected.cost);
    // Every model is put at its own cheapest threshold, not at the selected model's.
    await expect(page.getByTestId('per-model-toggle')).toBeChecked();
    for (const model of models) await mp.expectConfusion(model, golden.binary.models[model]!.cost_optimal_fp1_fn5);
    const cheapest = [...models].sort((a, b) => golden.binary.models[a]!.cost_optimal_fp1_fn5.cost - golden.binary.models[b]!.cost_optimal_fp1_fn5.cost)[0];
    await expect(page.getByTestId('cheapest-model')).toHaveAttribute('data-model', cheapest!);
  });

  test('a long plot title is whole (wrapped, not cut at both ends) and the mode bar never covers it', async ({ page }) => {
    const cost = page.getByTestId('plot-cost');
    await expect(cost).toHaveAttribute('data-ready', 'true');
    const caption = cost.locator('figcaption.plot-title');
    await expect(caption).toHaveText(/^Total cost against the threshold/);
    // The caption fits inside its figure; Plotly's own title (one centred line, clipped) is not drawn.
    const [fig, cap] = [(await cost.boundingBox())!, (await caption.boundingBox())!];
    expect(cap.x).toBeGreaterThanOrEqual(fig.x);
    expect(cap.x + cap.width).toBeLessThanOrEqual(fig.x + fig.width + 0.5);
    expect(await caption.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect((await cost.locator('.gtitle').allTextContents()).join('')).toBe('');
    // Hovering shows the mode bar, below the caption (both measured after the hover's scroll).
    await cost.locator('.js-plotly-plot').hover();
    const [bar, shown] = [(await cost.locator('.modebar').boundingBox())!, (await caption.boundingBox())!];
    expect(bar.y).toBeGreaterThanOrEqual(shown.y + shown.height - 0.5);
  });

  test('a plot exports as PNG and the table as CSV', async ({ page }) => {
    await expect(page.getByTestId('plot-roc')).toHaveAttribute('data-ready', 'true');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-roc-png').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const pngBytes = readFileSync((await png.path())!);
    expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pngBytes.length).toBeGreaterThan(5000);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toBe('binary-breast-cancer-metrics.csv');
    const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['model', 'threshold', 'roc_auc']);
    const logistic = lines.find((l) => l.startsWith('logistic,'))!.split(',');
    expect(Number(logistic[header.indexOf('roc_auc')])).toBeCloseTo(golden.binary.models.logistic!['at_0.5'].roc_auc!, 12);
    expect(Number(logistic[header.indexOf('tp')])).toBe(golden.binary.models.logistic!['at_0.5'].tp);

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const report = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { task: string; models: Record<string, Record<string, number>> };
    expect(report.task).toBe('binary');
    expect(report.models.svm_uncalibrated!.f1).toBeCloseTo(golden.binary.models.svm_uncalibrated!['at_0.5'].f1!, 12);
  });

  test('bootstrap intervals on demand bracket each estimate, and the report embeds table and figures', async ({ page }) => {
    await page.getByTestId('bootstrap-run').click();
    await expect(page.getByTestId('bootstrap-done')).toBeVisible({ timeout: 60_000 });
    for (const key of ['roc_auc', 'f1', 'log_loss']) {
      const ci = page.getByTestId(`ci-logistic-${key}`);
      const lower = Number(await ci.getAttribute('data-lower'));
      const upper = Number(await ci.getAttribute('data-upper'));
      const estimate = golden.binary.models.logistic!['at_0.5'][key]!;
      expect(lower, key).toBeLessThanOrEqual(estimate);
      expect(upper, key).toBeGreaterThanOrEqual(estimate);
      expect(upper - lower, key).toBeGreaterThan(0);
    }
    await expect(page.getByTestId('plot-calibration')).toHaveAttribute('data-ready', 'true');
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
    const html = readFileSync((await report.path())!, 'utf8');
    expect(html).toContain('naive_bayes_2_features');
    expect(html).toContain('95% percentile bootstrap');
    expect((html.match(/<img /g) ?? []).length).toBeGreaterThanOrEqual(7);
    expect(html).not.toMatch(/<script|<link|src="http/);
    // Opened as a file at 1280x720 (with its intervals, the widest table): nothing wider than the window.
    const file = test.info().outputPath('report.html');
    await report.saveAs(file);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(pathToFileURL(file).href);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    for (const table of await page.locator('table').all()) expect((await table.boundingBox())!.width).toBeLessThanOrEqual(1280);
  });

  test('at 1280x720 the first screen after a load is the comparison; the loader folds to one line', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const source = page.getByRole('region', { name: 'Load predictions' });
    expect((await source.boundingBox())!.height).toBeLessThan(64);
    // Every model's row of the comparison is on the first screen.
    for (const model of models) {
      const b = (await page.getByTestId(`metric-${model}-roc_auc`).boundingBox())!;
      expect(b.y + b.height).toBeLessThanOrEqual(720);
    }
    // The examples are still one click away, in a menu that closes once one is chosen.
    await source.getByText('Load an example').click();
    await page.getByTestId('example-multiclass-digits').click();
    await expect(page.getByTestId('metric-logistic-macro_f1')).toBeVisible();
    await expect(page.getByTestId('example-multiclass-digits')).toBeHidden();
  });

  test('a second file with the same label rows joins the comparison', async ({ page }) => {
    await mp.loadFile('second.csv', datasetFile('predictions/binary-breast-cancer.csv'));
    await expect(page.getByTestId('metric-second/logistic-roc_auc')).toBeVisible();
    await mp.expectValue('metric-second/logistic-roc_auc', golden.binary.models.logistic!['at_0.5'].roc_auc!);
    await expect(page.getByTestId('model-test-sentence')).toContainText('DeLong');
  });
});

test.describe('Metrics page: bounded messages (issue 17)', () => {
  test('a 5 MB score cell and a 5 MB label give short located messages, and the page keeps working', async ({ page }) => {
    // Once a banner as long as the cell, after minutes of a blocked main thread (with 50 MB).
    const mp = new MetricsPage(page);
    await mp.open();
    const big = 'x'.repeat(5_000_000);
    await mp.loadFile('long-score.csv', `y_true,model\n1,0.9\n0,${big}\n1,0.7\n`);
    const error = page.getByTestId('error');
    await expect(error).toContainText('long-score.csv');
    await expect(error).toContainText('(5,000,000 characters)');
    expect((await error.textContent())!.length).toBeLessThan(600);
    await mp.loadFile('long-label.csv', `y_true,model\n${big},a\nb,b\nc,c\n`);
    await expect(error).toContainText('long-label.csv');
    expect((await error.textContent())!.length).toBeLessThan(600);
    expect(await page.locator('main').evaluate((m) => m.textContent!.length)).toBeLessThan(20_000);
    await mp.loadExample('binary-breast-cancer', 'metric-logistic-roc_auc');
  });
});

test.describe('Metrics page: long work', () => {
  test('a long bootstrap shows its progress and can be cancelled; the page keeps working', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    // 250,000 rows: the page takes 200 resamples per model, tens of seconds of work.
    const lines = ['y_true,a,b'];
    for (let i = 0; i < 250_000; i++) lines.push(`${i % 3 === 0 ? 1 : 0},${((i * 7919) % 1000) / 1000},${((i * 104729) % 997) / 997}`);
    await mp.loadFile('large.csv', lines.join('\n'));
    await expect(page.getByTestId('metric-a-roc_auc')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('bootstrap-run').click();
    await expect(page.getByTestId('bootstrap-run')).toBeDisabled();
    await expect(page.getByRole('progressbar', { name: 'Bootstrap progress' })).toBeVisible();
    await page.getByTestId('bootstrap-cancel').click();
    await expect(page.getByTestId('bootstrap-cancelled')).toContainText(/Cancelled at \d+ %/);
    await expect(page.getByTestId('bootstrap-run')).toBeEnabled();
    await expect(page.getByTestId('bootstrap-done')).toHaveCount(0);
    // The worker is free again: the mistakes at a new threshold come back from it.
    await mp.setThreshold(0.9);
    const wrong = mistakesOfA(lines, 0.9);
    await expect(page.getByTestId('cm-a-tp')).toHaveAttribute('data-value', String(wrong.tp));
    await expect(page.getByTestId('error-rows')).toContainText(`${wrong.total.toLocaleString('en-US')} rows are wrong in all`);
  });
});

/** Model a's true positives and mistakes at threshold t (score >= t predicts positive), from the CSV lines. */
function mistakesOfA(lines: string[], t: number): { tp: number; total: number } {
  let tp = 0;
  let total = 0;
  for (const line of lines.slice(1)) {
    const [y, a] = line.split(',');
    const predicted = Number(a) >= t;
    if (y === '1' && predicted) tp++;
    if ((y === '1') !== predicted) total++;
  }
  return { tp, total };
}

test.describe('Metrics page: regression and multiclass', () => {
  test('regression example: every metric as scikit-learn computes it', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await mp.loadExample('regression-diabetes', 'metric-linear-rmse');
    for (const [model, values] of Object.entries(golden.regression.models)) {
      for (const [key, v] of Object.entries(values)) if (key !== 'adjusted_r2_k10') await mp.expectValue(`metric-${model}-${key}`, v);
    }
    // Adjusted R² needs the number of features, which a predictions file cannot tell.
    await expect(page.getByTestId('metric-linear-adjusted_r2')).toHaveAttribute('data-value', '');
    await page.getByTestId('predictors').fill('10');
    await mp.expectValue('metric-linear-adjusted_r2', golden.regression.models.linear!.adjusted_r2_k10!);
    await expect(page.getByTestId('plot-pred-actual')).toHaveAttribute('data-ready', 'true');
    // Regression words: errors of a size, no threshold.
    await expect(page.getByTestId('error-rows').getByRole('heading')).toHaveText('Largest errors');
    await expect(page.getByTestId('error-rows')).not.toContainText(/threshold|confident/i);
  });

  test('multiclass example: every metric as scikit-learn computes it', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await mp.loadExample('multiclass-digits', 'metric-logistic-macro_f1');
    for (const [model, values] of Object.entries(golden.multiclass.models)) {
      for (const [key, v] of Object.entries(values)) await mp.expectValue(`metric-${model}-${key}`, v);
    }
    await expect(page.getByTestId('plot-confusion-k')).toHaveAttribute('data-ready', 'true');
    // Per-class values as dots on an axis that starts near the lowest value, not bars on a fixed 0–1.
    const perClass = page.getByTestId('plot-per-class');
    await expect(perClass).toHaveAttribute('data-ready', 'true');
    const low = await perClass.locator('.js-plotly-plot').evaluate((el) => (el as unknown as { _fullLayout: { yaxis: { range: number[] } } })._fullLayout.yaxis.range[0]);
    expect(low).toBeGreaterThan(0.5);
    await expect(page.getByTestId('error-rows').getByRole('heading')).toHaveText('Most confident mistakes');
  });
});

test.describe('Metrics page: bad input', () => {
  test('a broken file is named with its row and column, and the page stays usable', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await mp.loadFile('broken.csv', 'y_true,model_a,model_b\n1,0.9,0.8\n0,0.2,0.1\n1,high,0.7\n0,0.1,0.3\n');
    const error = page.getByTestId('error');
    await expect(error).toContainText('broken.csv, row 4, column "model_a"');
    await expect(error).toHaveAttribute('data-row', '4');
    await expect(error).toHaveAttribute('data-column', 'model_a');
    // Nothing from the broken file is shown as if it were whole.
    await expect(page.getByTestId('comparison-table')).toHaveCount(0);
    // One click reads it again without the faulty column.
    await page.getByTestId('retry-ignoring').click();
    await expect(page.getByTestId('metric-model_b-roc_auc')).toHaveAttribute('data-value', '1');
    await expect(page.getByTestId('metric-model_a-roc_auc')).toHaveCount(0);

    // A ragged row: the row is named; the comparison already on screen stays.
    await mp.loadFile('ragged.csv', 'y_true,m\n1,0.9\n0,0.2,7\n');
    await expect(page.getByTestId('error')).toContainText('ragged.csv, row 3');
    await expect(page.getByTestId('metric-model_b-roc_auc')).toBeVisible();

    // Pasted text loads like a file.
    await page.getByText('Paste CSV text').click();
    await page.getByTestId('paste-input').fill('y_true,pasted_model\n1,0.9\n0,0.1\n1,0.4\n0,0.6\n');
    await page.getByTestId('paste-load').click();
    await expect(page.getByTestId('metric-pasted_model-roc_auc')).toHaveAttribute('data-value', '0.75');

    // And the page still loads a good file.
    await mp.loadExample('binary-breast-cancer', 'metric-logistic-roc_auc');
    await mp.expectValue('metric-logistic-roc_auc', golden.binary.models.logistic!['at_0.5'].roc_auc!);
    await expect(page.getByTestId('error')).toHaveCount(0);
  });
});
