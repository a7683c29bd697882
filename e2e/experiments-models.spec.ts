import { expect, test } from '@playwright/test';

test.describe('Experiments: model selection', () => {
  test('ranks a logistic model and two MLPs on two moons with intervals, costs and readable coefficients', async ({ page }) => {
    await page.goto('/#/experiments?tab=models');
    await page.getByTestId('models-epochs').fill('10');
    await page.getByTestId('models-bootstrap').fill('300');
    await page.getByTestId('models-start').click();
    await expect(page.getByTestId('models-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });

    const rows = await page.locator('[data-testid^="model-rank-"]').evaluateAll((els) =>
      els.map((e) => ({
        name: e.getAttribute('data-testid')!.replace('model-rank-', ''),
        rank: Number(e.getAttribute('data-rank')),
        score: Number(e.getAttribute('data-score')),
        lower: Number(e.getAttribute('data-lower')),
        upper: Number(e.getAttribute('data-upper')),
        parameters: Number(e.getAttribute('data-parameters')),
      })),
    );
    expect(rows.map((r) => r.name).sort()).toEqual(['logistic', 'mlp-32-32', 'mlp-8']);
    // Best first, ranks follow the scores, every score inside its interval.
    expect(rows.map((r) => r.rank)).toEqual([...rows.map((r) => r.rank)].sort((a, b) => a - b));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.score).toBeLessThanOrEqual(rows[i - 1]!.score);
    for (const r of rows) expect(r.lower <= r.score && r.score <= r.upper).toBe(true);
    // Two moons are not linearly separable: the wider MLP beats the logistic model, which has 3 parameters.
    const logistic = rows.find((r) => r.name === 'logistic')!;
    const wide = rows.find((r) => r.name === 'mlp-32-32')!;
    expect(logistic.parameters).toBe(3);
    expect(wide.parameters).toBe(2 * 32 + 32 + 32 * 32 + 32 + 32 + 1);
    expect(wide.score).toBeGreaterThan(logistic.score);

    // At a class projector's 1280×720 the ranking fits its panel: no sideways scrolling, last column shown.
    await page.setViewportSize({ width: 1280, height: 720 });
    const fit = await page.getByTestId('models-ranking').evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth }));
    expect(fit.table).toBeLessThanOrEqual(fit.box);

    // The interpretable model's coefficients sit next to the MLP's score.
    const coefficients = page.getByTestId('models-coefficients');
    await expect(coefficients).toContainText('logistic');
    await expect(coefficients).toContainText('mlp-32-32');
    expect(Number.isFinite(Number(await page.getByTestId('coefficient-x1').getAttribute('data-value')))).toBe(true);
    await expect(page.getByTestId('models-ranking-plot')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('models-tradeoff-plot')).toHaveAttribute('data-ready', 'true');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('models-export-csv').click()]);
    const text = Buffer.concat(await (await csv.createReadStream()).toArray()).toString('utf8');
    expect(text.split('\n')[0]).toBe('rank,model,score,ci_lower,ci_upper,gap_to_best,diff_to_best_lower,diff_to_best_upper,worse_than_best,parameters,training_time_ms,latency_ms_per_row,pareto_optimal,dominated_by');

    // Kept after a reload, with the trained models for the Importance tab.
    await page.reload();
    await expect(page.getByTestId('saved-comparison-item')).toHaveCount(1);
    await page.getByTestId('experiments-tab-importance').click();
    await expect(page.getByTestId('importance-model').locator('option')).toHaveCount(3);
  });

  test("a search's best settings join the comparison", async ({ page }) => {
    await page.goto('/#/experiments?tab=search');
    await page.getByTestId('search-budget').fill('2');
    await page.getByTestId('search-epochs').fill('3');
    await page.getByTestId('search-start').click();
    await expect(page.getByTestId('search-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    const bestTrial = await page.getByTestId('search-best').getAttribute('data-trial');
    await page.getByTestId('search-compare-best').click();
    await expect(page.getByTestId('experiments-tab-models')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId(`model-candidate-search-best-${bestTrial}`)).toBeChecked();
  });
});
