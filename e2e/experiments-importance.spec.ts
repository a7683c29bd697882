import { expect, test, type Page } from '@playwright/test';

async function importances(page: Page): Promise<Record<string, { value: number; lower: number; upper: number }>> {
  const rows = await page.locator('[data-testid^="importance-"][data-value]').evaluateAll((els) =>
    els.map((e) => [e.getAttribute('data-testid')!.replace('importance-', ''), Number(e.getAttribute('data-value')), Number(e.getAttribute('data-lower')), Number(e.getAttribute('data-upper'))] as const),
  );
  return Object.fromEntries(rows.map(([name, value, lower, upper]) => [name, { value, lower, upper }]));
}

async function trainHere(page: Page, dataset: string, model: string) {
  await page.goto('/#/experiments?tab=importance');
  await page.getByTestId('importance-quick-dataset').selectOption(dataset);
  await page.getByTestId('importance-quick-model').selectOption(model);
  await page.getByTestId('importance-train').click();
  await expect(page.getByTestId('importance-train-message')).toContainText('Trained', { timeout: 90_000 });
  await expect(page.getByTestId('importance-model')).toBeVisible();
}

async function compute(page: Page) {
  await page.getByTestId('importance-start').click();
  await expect(page.getByTestId('importance-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
}

test.describe('Experiments: feature importance', () => {
  test('an MLP on two moons relies on both inputs; partial dependence over both; seeded and saved', async ({ page }) => {
    await trainHere(page, 'synthetic:two-moons', 'mlp');
    await page.getByTestId('importance-repeats').fill('4');
    await compute(page);
    const first = await importances(page);
    expect(Object.keys(first).sort()).toEqual(['x1', 'x2']);
    for (const f of Object.values(first)) {
      // Shuffling either input costs AUC, beyond the spread of the shuffles.
      expect(f.value).toBeGreaterThan(0.05);
      expect(f.lower).toBeGreaterThan(0);
      expect(f.lower).toBeLessThanOrEqual(f.value);
      expect(f.upper).toBeGreaterThanOrEqual(f.value);
    }
    await expect(page.getByTestId('importance-plot')).toHaveAttribute('data-ready', 'true');
    // 2-D inputs: the partial dependence map over both, and one curve per input.
    await expect(page.getByTestId('importance-pd2')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('importance-pd-x1')).toBeVisible();

    // The same seed gives the same numbers; another seed other shuffles.
    await compute(page);
    expect(await importances(page)).toEqual(first);
    await page.getByTestId('importance-seed').fill('7');
    await compute(page);
    expect((await importances(page)).x1!.value).not.toBe(first.x1!.value);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('importance-export-csv').click()]);
    const text = Buffer.concat(await (await csv.createReadStream()).toArray()).toString('utf8');
    expect(text.split('\n')[0]).toBe('rank,feature,column,importance_mean,importance_std,ci_lower,ci_upper,confidence,n_repeats,baseline_score');

    await page.reload();
    await expect(page.getByTestId('saved-importance-item')).toHaveCount(3);
    await expect(page.getByTestId('importance-model').locator('option')).toHaveCount(1);
  });

  test('a linear model of diabetes progression: s5 matters most, by R²', async ({ page }) => {
    await trainHere(page, 'bundled:diabetes', 'linear');
    await expect(page.getByTestId('importance-metric')).toHaveValue('r2');
    await compute(page);
    const values = await importances(page);
    expect(Object.keys(values)).toHaveLength(10);
    const top = Object.entries(values).sort((a, b) => b[1].value - a[1].value)[0]![0];
    expect(top).toBe('s5_ltg');
    await expect(page.getByTestId('importance-pd-s5_ltg')).toBeVisible();
  });
});
