/**
 * The Slices and Over-time views of the Metrics page, in Chromium, through their test ids; values
 * against the pandas + scikit-learn fixtures of src/core/metrics/slices/fixtures (make_slice_fixtures.py).
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MetricsPage } from './fixtures/metrics-page-object';

type Rec = Record<string, number>;
const fixtures = new URL('../src/core/metrics/slices/fixtures/', import.meta.url);
const fx = JSON.parse(readFileSync(new URL('slice-fixtures.json', fixtures), 'utf8')) as {
  binary: { by_segment: { key: string[]; rows: number; models: Record<string, Rec> }[]; windows_month: { start: string; rows: number; models: Record<string, Rec> }[] };
};
const slicesCsv = readFileSync(new URL('slices-binary.csv', fixtures));

/** axe-core: no critical or serious violation in the view on screen. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, state).toEqual([]);
}

test.describe('Metrics page: slices and time', () => {
  test('the bundled churn log: the planted segment first, filtering the page to it, and the alerts of the drifting months', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await mp.loadExample('binary-churn-log', 'metric-gbm-roc_auc');
    const allRowsAuc = await mp.value('metric-gbm-roc_auc');

    await page.getByTestId('view-slices').click();
    await expect(page.getByTestId('slice-by')).toHaveValue('segment');
    const table = page.getByTestId('slice-table');
    await expect(table.locator('tr[data-slice]')).toHaveCount(3);
    // Worst first for gbm (the selected model) by ROC AUC.
    await expect(table.locator('tr[data-slice]').first()).toHaveAttribute('data-slice', 'segment=mobile_app');
    const problems = page.getByTestId('problem-slices');
    await expect(problems.locator('tr[data-slice]').first()).toHaveAttribute('data-slice', 'segment=mobile_app');
    await expect(problems.locator('tr[data-slice]').first()).toHaveAttribute('data-model', 'gbm');
    const sliceAuc = Number(await table.locator('tr[data-slice="segment=mobile_app"] td[data-model="gbm"][data-metric="roc_auc"]').getAttribute('data-value'));
    expect(sliceAuc).toBeLessThan(allRowsAuc);
    await expect(page.getByTestId('fairness-summary')).toBeVisible();
    await expect(page.getByTestId('fairness-strategies').locator('tr[data-strategy]')).toHaveCount(5);
    await expect(page.getByTestId('plot-slices')).toHaveAttribute('data-ready', 'true');
    await expectAccessible(page, 'slices view');

    // The tabs work from the keyboard.
    await page.getByTestId('view-slices').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('view-time')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('view-time')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('view-slices')).toHaveAttribute('aria-selected', 'true');

    // Two columns: slices are "A=x&B=y".
    await page.getByTestId('slice-by-2').selectOption('region');
    await expect(table.locator('tr[data-slice^="segment=mobile_app&region="]').first()).toBeVisible();
    await page.getByTestId('slice-by-2').selectOption('');
    await expect(table.locator('tr[data-slice]')).toHaveCount(3);

    // One click filters the whole page to the slice: the comparison table shows its numbers.
    await problems.getByTestId('problem-filter').first().click();
    await expect(page.getByTestId('slice-filter')).toHaveAttribute('data-slice', 'segment=mobile_app');
    await mp.expectValue('metric-gbm-roc_auc', sliceAuc, 12);
    await page.getByTestId('slice-filter-clear').click();
    await expect(page.getByTestId('slice-filter')).toHaveCount(0);
    await mp.expectValue('metric-gbm-roc_auc', allRowsAuc, 12);

    // Over time: monthly windows, the default rules, alerts in May and June only.
    await page.getByTestId('view-time').click();
    await expect(page.getByTestId('time-column')).toHaveValue('date');
    const windows = page.getByTestId('window-table').locator('tr[data-window]');
    await expect(windows).toHaveCount(6);
    const fired = await windows.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-window')!.slice(0, 7)}:${Number(r.getAttribute('data-alerts')) > 0}`));
    expect(fired).toEqual(['2024-01:false', '2024-02:false', '2024-03:false', '2024-04:false', '2024-05:true', '2024-06:true']);
    await expect(page.getByTestId('plot-windows')).toHaveAttribute('data-ready', 'true');
    await expectAccessible(page, 'over-time view');

    // A rule that does not parse: one message, the last windows stay.
    await page.getByTestId('alert-rules').fill('roc_auc <');
    await page.getByTestId('alert-rules').press('Enter');
    await expect(page.getByTestId('window-error')).toContainText('alert rule 1 "roc_auc <": does not parse');
    await expect(windows).toHaveCount(6);
    // Weeks instead of months.
    await page.getByTestId('alert-rules').fill('psi > 0.2');
    await page.getByTestId('alert-rules').press('Enter');
    await page.getByTestId('window-unit').selectOption('week');
    await expect.poll(() => windows.count()).toBeGreaterThan(20);
  });

  test('per-slice and per-window values equal pandas groupby + scikit-learn, and the filtered table is the slice', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await mp.loadFile('slices.csv', slicesCsv);
    await expect(page.getByTestId('metric-model_a-roc_auc')).toBeVisible();
    await page.getByTestId('view-slices').click();
    await expect(page.getByTestId('slice-by')).toHaveValue('segment');
    const table = page.getByTestId('slice-table');
    for (const s of fx.binary.by_segment) {
      const row = table.locator(`tr[data-slice="segment=${s.key[0]}"]`);
      for (const model of ['model_a', 'model_b']) {
        await expect.poll(async () => Number(await row.locator(`td[data-model="${model}"][data-metric="roc_auc"]`).getAttribute('data-value')))
          .toBeCloseTo(s.models[model]!.roc_auc!, 9);
      }
    }
    // The metric control changes every cell to that metric.
    await page.getByTestId('slice-metric').selectOption('f1');
    const alpha = fx.binary.by_segment[0]!;
    const alphaRow = table.locator(`tr[data-slice="segment=${alpha.key[0]}"]`);
    await expect(alphaRow.locator('td[data-model="model_a"][data-metric="f1"]')).toHaveAttribute('data-value', /\d/);
    expect(Number(await alphaRow.locator('td[data-model="model_a"][data-metric="f1"]').getAttribute('data-value'))).toBeCloseTo(alpha.models.model_a!.f1!, 9);

    // Intervals on demand: each slice's own bootstrap brackets its value.
    await page.getByTestId('slice-intervals').click();
    const ci = alphaRow.locator('td[data-model="model_a"][data-metric="f1"]').getByTestId('slice-ci');
    await expect(ci).toBeVisible();
    expect(Number(await ci.getAttribute('data-lower'))).toBeLessThan(alpha.models.model_a!.f1!);
    expect(Number(await ci.getAttribute('data-upper'))).toBeGreaterThan(alpha.models.model_a!.f1!);

    // Filter from the table: every number of the comparison table is now the slice's.
    await alphaRow.getByTestId('filter-slice').click();
    await expect(page.getByTestId('slice-filter')).toContainText(`${alpha.rows} of 1,200 rows`);
    for (const k of ['roc_auc', 'average_precision', 'log_loss', 'brier', 'accuracy', 'f1', 'mcc']) {
      await mp.expectValue(`metric-model_a-${k}`, alpha.models.model_a![k]!, 9);
    }
    await mp.expectConfusion('model_a', { tp: alpha.models.model_a!.tp!, fp: alpha.models.model_a!.fp!, tn: alpha.models.model_a!.tn!, fn: alpha.models.model_a!.fn! });

    await page.getByTestId('view-time').click();
    const windows = page.getByTestId('window-table').locator('tr[data-window]');
    await expect(windows).toHaveCount(fx.binary.windows_month.length);
    for (const [i, w] of fx.binary.windows_month.entries()) {
      const cell = windows.nth(i).locator('td[data-model="model_a"][data-metric="roc_auc"]');
      expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(w.models.model_a!.roc_auc!, 9);
    }
  });

  test('a file without extra columns has no view tabs', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await mp.loadFile('plain.csv', 'y_true,m\n1,0.9\n0,0.2\n1,0.7\n0,0.4\n');
    await expect(page.getByTestId('metric-m-roc_auc')).toBeVisible();
    await expect(page.getByTestId('view-slices')).toHaveCount(0);
  });
});
