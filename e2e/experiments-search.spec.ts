import { expect, test, type Page } from '@playwright/test';

/** Small, fast searches: two moons, a few epochs, two workers (this machine has two cores). */
async function openSearch(page: Page, { budget, epochs, workers = 2 }: { budget: number; epochs: number; workers?: number }) {
  await page.goto('/#/experiments?tab=search');
  await expect(page.getByTestId('nav-experiments')).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('search-budget').fill(String(budget));
  await page.getByTestId('search-epochs').fill(String(epochs));
  await page.getByTestId('search-workers').fill(String(workers));
}

async function trialRows(page: Page) {
  return page.getByTestId('search-trial').evaluateAll((rows) =>
    rows.map((r) => ({
      id: Number(r.getAttribute('data-trial')),
      status: r.getAttribute('data-status'),
      score: r.getAttribute('data-score') === '' ? null : Number(r.getAttribute('data-score')),
      worker: r.getAttribute('data-worker'),
      cells: Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? ''),
    })),
  );
}

test.describe('Experiments: hyperparameter search', () => {
  test('a Bayesian search trains its trials in parallel workers and reports the best', async ({ page }) => {
    await openSearch(page, { budget: 6, epochs: 5 });
    await page.getByTestId('search-strategy-bayes').check({ force: true });
    await page.getByTestId('search-start').click();
    await expect(page.getByTestId('search-cancel')).toBeVisible();

    // The page stays usable while every core trains: switch tabs and come back mid-search.
    await page.getByTestId('experiments-tab-drift').click();
    await expect(page.getByTestId('drift-example-diabetes-shifted')).toBeVisible();
    await page.getByTestId('experiments-tab-search').click();

    await expect(page.getByTestId('search-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    const rows = await trialRows(page);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === 'complete' && r.score !== null && r.score > 0)).toBe(true);
    // Both workers took trials.
    expect(new Set(rows.map((r) => r.worker)).size).toBe(2);
    // The objective is the validation loss: the best is the smallest score.
    const best = Number(await page.getByTestId('search-best').getAttribute('data-value'));
    expect(best).toBe(Math.min(...rows.map((r) => r.score!)));
    expect(Number(await page.getByTestId('search-rate').getAttribute('data-value'))).toBeGreaterThan(0);
    await expect(page.getByTestId('search-best-so-far')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('search-parcoords')).toHaveAttribute('data-ready', 'true');

    // Sorting by score puts the best first.
    await page.getByTestId('search-sort-score').click();
    const sorted = await trialRows(page);
    expect(sorted[0]!.score).toBe(best);
    expect(sorted.map((r) => r.score)).toEqual([...sorted.map((r) => r.score!)].sort((a, b) => a - b));
  });

  test('a grid search runs exactly the grid, on a log scale', async ({ page }) => {
    await openSearch(page, { budget: 10, epochs: 2 });
    await page.getByTestId('search-strategy-grid').check({ force: true });
    await page.getByTestId('search-grid-points').fill('3');
    await page.getByTestId('search-param-hidden.width').uncheck();
    await page.getByTestId('search-param-lr-low').fill('0.001');
    await page.getByTestId('search-param-lr-high').fill('0.1');
    await page.getByTestId('search-start').click();
    await expect(page.getByTestId('search-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    const rows = await trialRows(page);
    // Three grid values for one setting: fewer trials than the budget.
    expect(rows.map((r) => r.cells[3])).toEqual(['0.001', '0.01', '0.1']);
    await expect(page.getByTestId('search-progress')).toHaveAttribute('data-finished', '3');
  });

  test('cancel stops the workers and keeps the finished trials; resume completes the budget', async ({ page }) => {
    await openSearch(page, { budget: 8, epochs: 25 });
    await page.getByTestId('search-strategy-random').check({ force: true });
    await page.getByTestId('search-start').click();
    await expect.poll(async () => (await trialRows(page)).filter((r) => r.status === 'complete').length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    await page.getByTestId('search-cancel').click();
    await expect(page.getByTestId('search-status')).toHaveAttribute('data-status', 'cancelled');
    const cancelled = await trialRows(page);
    const finished = cancelled.filter((r) => r.status === 'complete');
    expect(finished.length).toBeGreaterThanOrEqual(2);
    expect(finished.length).toBeLessThan(8);
    expect(cancelled.some((r) => r.status === 'cancelled')).toBe(true);
    // Nothing moves after a cancel.
    await page.waitForTimeout(1500);
    expect((await trialRows(page)).filter((r) => r.status === 'complete')).toHaveLength(finished.length);

    await page.getByTestId('search-resume').click();
    await expect(page.getByTestId('search-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    const resumed = await trialRows(page);
    expect(resumed).toHaveLength(8);
    expect(resumed.every((r) => r.status === 'complete')).toBe(true);
    // Trials finished before the cancel keep their scores.
    for (const r of finished) expect(resumed.find((x) => x.id === r.id)!.score).toBe(r.score);
  });

  test('a search is saved as it runs, survives a reload, exports, and its best opens on the Train page', async ({ page }) => {
    await openSearch(page, { budget: 3, epochs: 3 });
    await page.getByTestId('search-start').click();
    await expect(page.getByTestId('search-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    const before = await trialRows(page);

    await page.reload();
    const saved = page.getByTestId('saved-search-item').first();
    await expect(saved).toContainText('3/3 trials');
    await saved.locator('.xp-saved-open').click();
    expect((await trialRows(page)).map((r) => r.score)).toEqual(before.map((r) => r.score));

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('search-export-csv').click()]);
    const text = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('trial,source,status,score,best_so_far,lr,hidden.width');
    expect(lines).toHaveLength(4);

    const bestLr = Number(await page.getByTestId('search-best').locator('dd').first().textContent());
    await page.getByTestId('search-open-best').click();
    await expect(page.getByTestId('nav-train')).toHaveAttribute('aria-current', 'page');
    const url = new URL(page.url().replace('#/train?', 'x?'), 'http://x');
    expect(Number(url.searchParams.get('lr'))).toBeCloseTo(bestLr, 2);
    expect(url.searchParams.get('hidden')).toMatch(/^\d+,\d+$/);
    // The page applies the link's settings in an effect after its first render: wait for the field.
    await expect.poll(async () => Number(await page.getByTestId('learning-rate').inputValue())).toBeCloseTo(bestLr, 2);
  });
});
