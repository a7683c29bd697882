import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './train-fixtures';

test.describe('What-if for one row', () => {
  test('a hard example opens with sliders; the prediction moves, attributions are complete, the counterfactual flips it', async ({ train, page }) => {
    await train.open('dataset=two-moons&model=mlp&hidden=16&epochs=8&seed=3');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');

    await page.getByTestId('whatif-open').first().click();
    const panel = page.getByTestId('whatif-panel');
    await expect(panel).toHaveAttribute('data-status', 'ready');
    const prediction = page.getByTestId('whatif-prediction');
    await expect(prediction).toHaveAttribute('data-value', /\d/);
    const before = Number(await prediction.getAttribute('data-value'));
    const classBefore = await prediction.getAttribute('data-class');

    // Attributions: one row per input feature, summing to prediction minus the average row's.
    const attributions = page.getByTestId('attributions');
    const rows = attributions.locator('tr[data-feature]');
    await expect(rows).toHaveCount(2);
    const sumOf = async () => {
      const values = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-value'))));
      return values.reduce((a, b) => a + b, 0);
    };
    const baseline = Number(await attributions.getAttribute('data-baseline'));
    expect(Math.abs((await sumOf()) - (before - baseline))).toBeLessThan(1e-3);

    // Moving a slider moves the prediction (and the attributions stay complete).
    const slider = page.getByTestId('whatif-feature-x1');
    const min = Number(await slider.getAttribute('min'));
    const max = Number(await slider.getAttribute('max'));
    const current = Number(await slider.inputValue());
    await slider.fill(String(current < (min + max) / 2 ? max : min));
    await expect(prediction).not.toHaveAttribute('data-value', String(before));
    const moved = Number(await prediction.getAttribute('data-value'));
    expect(Math.abs((await sumOf()) - (moved - Number(await attributions.getAttribute('data-baseline'))))).toBeLessThan(1e-3);

    // Back to the row; the counterfactual is found and applying it flips the predicted class.
    await panel.getByRole('button', { name: 'Reset to the row' }).click();
    await expect(prediction).toHaveAttribute('data-value', String(before));
    const counterfactual = page.getByTestId('counterfactual');
    await expect(counterfactual).toHaveAttribute('data-found', 'true');
    expect(Number(await counterfactual.getAttribute('data-distance'))).toBeGreaterThan(0);
    const target = await counterfactual.getAttribute('data-class');
    expect(target).not.toBe(classBefore);
    await page.getByTestId('counterfactual-apply').click();
    await expect(prediction).toHaveAttribute('data-class', target!);
  });
});

test.describe('What-if from the Metrics page', () => {
  test('a confident mistake of a run\'s test predictions opens in the what-if panel with the same prediction', async ({ train, page }) => {
    await train.open('dataset=two-moons&model=mlp&hidden=16&epochs=4&seed=5&data.noise=0.35');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');
    const runName = ((await page.getByTestId('run-name').textContent()) ?? '').replace(/[,:\n\r"]/g, ' ').trim();
    const run = train.runRows().first();
    await run.getByText('Export').click();
    await run.getByTestId('run-open-metrics').click();
    await expect(page).toHaveURL(/#\/metrics\?from=run/);

    const errors = page.getByTestId('error-rows');
    const open = errors.getByTestId('whatif-open').first();
    await expect(open).toBeVisible({ timeout: 30_000 });
    const header = await errors.locator('thead th').allTextContents();
    const firstRow = errors.locator('tbody tr').first();
    const cells = await firstRow.locator('td').allTextContents();
    const score = Number(cells[header.indexOf(`${runName} score`)]);
    const label = cells[header.indexOf('y_true')];
    await open.click();

    const panel = errors.getByTestId('whatif-panel');
    await expect(panel).toHaveAttribute('data-status', 'ready');
    await expect(panel.getByRole('heading', { name: /^What if: row \d+$/ })).toBeVisible();
    // The same model on the same row: the probability the predictions file holds (shown to 4 digits), and a wrong class.
    const prediction = panel.getByTestId('whatif-prediction');
    expect(Math.abs(Number(await prediction.getAttribute('data-value')) - score)).toBeLessThan(1e-3);
    expect(await prediction.getAttribute('data-class')).not.toBe(label);
    await expect(panel.getByTestId('attributions').locator('tr[data-feature]')).toHaveCount(2);
    await expect(panel.getByTestId('counterfactual')).toHaveAttribute('data-found', 'true');
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="error-rows"]').analyze();
    expect(violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id)).toEqual([]);
  });
});
