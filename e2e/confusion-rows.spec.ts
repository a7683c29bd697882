/** A click on a confusion-matrix cell lists the rows behind it, in Chromium. */
import { expect, test } from '@playwright/test';
import { MetricsPage } from './fixtures/metrics-page-object';

test.describe('Metrics page: the rows behind a confusion-matrix cell', () => {
  test('binary: each cell lists as many rows as it counts, and follows the threshold', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await mp.loadExample('binary-breast-cancer', 'metric-logistic-roc_auc');
    const fp = page.getByTestId('cm-logistic-fp');
    await fp.click();
    await expect(fp).toHaveAttribute('aria-pressed', 'true');
    const rows = page.getByTestId('cm-rows');
    await expect(rows).toHaveAttribute('data-rows', (await fp.getAttribute('data-value'))!);
    // Every listed row is a negative scored at or above the threshold.
    const header = await rows.locator('thead th').allTextContents();
    const score = header.indexOf('logistic score');
    const label = header.indexOf('y_true');
    for (const r of await rows.locator('tbody tr').all()) {
      const cells = await r.locator('td').allTextContents();
      expect(cells[label]).toBe('0');
      expect(Number(cells[score])).toBeGreaterThanOrEqual(0.5);
    }
    await mp.setThreshold(0.2);
    await expect.poll(async () => rows.getAttribute('data-rows')).toBe(await fp.getAttribute('data-value'));
    // Keyboard: another cell, by Enter.
    await page.getByTestId('cm-logistic-fn').focus();
    await page.keyboard.press('Enter');
    await expect(rows).toHaveAttribute('data-rows', (await page.getByTestId('cm-logistic-fn').getAttribute('data-value'))!);
    await page.getByTestId('cm-rows-close').click();
    await expect(rows).toHaveCount(0);
  });

  test('multiclass: the rows of one (true, predicted) cell', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await mp.loadExample('multiclass-digits', 'comparison-table');
    await page.getByTestId('cm-pick-actual').selectOption({ index: 3 });
    await page.getByTestId('cm-pick-predicted').selectOption({ index: 3 });
    await page.getByTestId('cm-pick').click();
    const rows = page.getByTestId('cm-rows');
    await expect(rows).toBeVisible();
    const header = await rows.locator('thead th').allTextContents();
    const label = header.indexOf('y_true');
    const classText = (await page.getByTestId('cm-pick-actual').locator('option').nth(3).textContent())!;
    for (const r of (await rows.locator('tbody tr').all()).slice(0, 10)) expect((await r.locator('td').allTextContents())[label]).toBe(classText);

    // A click on a heatmap cell (true class 8, predicted 1) lists that cell's rows and sets the two choices to it.
    const heatmap = page.getByTestId('plot-confusion-k');
    await expect(heatmap).toHaveAttribute('data-ready', 'true');
    await heatmap.scrollIntoViewIfNeeded();
    const area = (await heatmap.locator('.nsewdrag').first().boundingBox())!;
    const k = await page.getByTestId('cm-pick-actual').locator('option').count();
    await page.mouse.click(area.x + (1.5 / k) * area.width, area.y + (8.5 / k) * area.height);
    await expect(page.getByTestId('cm-pick-actual')).toHaveValue('8');
    await expect(page.getByTestId('cm-pick-predicted')).toHaveValue('1');
    await expect(page.getByTestId('cm-rows-panel')).toContainText('true class 8, predicted 1');
    for (const r of await rows.locator('tbody tr').all()) expect((await r.locator('td').allTextContents())[label]).toBe('8');
  });

  test('multiclass: the counts table lists a cell’s rows by click and by keyboard', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await mp.loadExample('multiclass-digits', 'comparison-table');
    await page.getByText('as a table (each cell lists its rows)').click();
    // logistic calls three 3s an 8 (a nonzero cell off the diagonal); the button holds that count.
    const cell = page.getByTestId('cm-logistic-3-8');
    const count = (await cell.getAttribute('data-value'))!;
    expect(Number(count)).toBeGreaterThan(0);
    await cell.click();
    await expect(cell).toHaveAttribute('aria-pressed', 'true');
    const rows = page.getByTestId('cm-rows');
    await expect(rows).toHaveAttribute('data-rows', count);
    await expect(rows.locator('tbody tr')).toHaveCount(Number(count));
    const label = (await rows.locator('thead th').allTextContents()).indexOf('y_true');
    for (const r of await rows.locator('tbody tr').all()) expect((await r.locator('td').allTextContents())[label]).toBe('3');
    await expect(page.getByTestId('cm-pick-actual')).toHaveValue('3');
    await expect(page.getByTestId('cm-pick-predicted')).toHaveValue('8');
    // Keyboard: focus another nonzero cell (true 8, predicted 1) and press Enter.
    const other = page.getByTestId('cm-logistic-8-1');
    await other.focus();
    await page.keyboard.press('Enter');
    await expect(other).toHaveAttribute('aria-pressed', 'true');
    await expect(cell).toHaveAttribute('aria-pressed', 'false');
    await expect(rows).toHaveAttribute('data-rows', (await other.getAttribute('data-value'))!);
    await expect(rows.locator('tbody tr')).toHaveCount(Number(await other.getAttribute('data-value')));
  });
});

test.describe('Metrics page: a reference score', () => {
  test('a clinician’s recall appears beside the models in the table and on the ROC plot', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await mp.loadExample('binary-breast-cancer', 'metric-logistic-roc_auc');
    await page.getByText('Reference score…').click();
    await page.getByTestId('human-baseline').fill('0.85');
    await page.getByTestId('human-baseline-apply').click();
    await expect(page.getByTestId('baseline-recall')).toHaveAttribute('data-value', '0.85');
    await expect(page.getByTestId('baseline-row')).toContainText('Clinician');
    await expect(page.getByTestId('plot-roc')).toContainText('Clinician: Recall 0.85');
    // And on every plot with a recall axis: precision-recall, and precision/recall/F1 against the threshold.
    await expect(page.getByTestId('plot-pr')).toContainText('Clinician: Recall 0.85');
    await expect(page.getByTestId('plot-threshold-metrics')).toContainText('Clinician: Recall 0.85');
    // An empty value is not applied; removing the reference removes its row.
    await page.getByTestId('human-baseline').fill('');
    await expect(page.getByTestId('human-baseline-apply')).toBeDisabled();
    await page.getByTestId('human-baseline-remove').click();
    await expect(page.getByTestId('baseline-row')).toHaveCount(0);
  });
});
