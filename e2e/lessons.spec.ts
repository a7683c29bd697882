import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

// The registry is every src/lessons/<id>.lesson.ts file (the page finds them with import.meta.glob).
const lessonsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src/lessons');
const lessonIds = readdirSync(lessonsDir)
  .filter((f) => f.endsWith('.lesson.ts'))
  .map((f) => f.slice(0, -'.lesson.ts'.length));

/** Runs the current step's experiment (if it has one) and returns the checks that did not pass. Call once the step is shown. */
async function runStepAndCollectFailures(page: Page): Promise<string[]> {
  await expect(page.getByTestId('lesson-step')).toBeVisible();
  const run = page.getByTestId('lesson-run');
  if ((await run.count()) === 0) return [];
  await run.click();
  await expect(run).toHaveText('Run again', { timeout: 90_000 });
  await expect(page.getByTestId('lesson-error')).toHaveCount(0);
  const checks = page.getByTestId('lesson-check');
  await expect(checks.and(page.locator('[data-status="pending"]'))).toHaveCount(0);
  const failures: string[] = [];
  for (const check of await checks.all()) {
    if ((await check.getAttribute('data-status')) !== 'pass') failures.push(`${await check.getAttribute('data-check')}: ${await check.innerText()}`);
  }
  return failures;
}

test.describe('Lessons', () => {
  test('the list shows every lesson of the registry', async ({ page }) => {
    await page.goto('/#/lessons');
    await expect(page.getByTestId('nav-lessons')).toHaveAttribute('aria-current', 'page');
    for (const id of lessonIds) await expect(page.getByTestId(`lesson-card-${id}`)).toBeVisible();
    await expect(page.locator('[data-testid^="lesson-card-"]')).toHaveCount(lessonIds.length);
  });

  for (const id of lessonIds) {
    test(`${id}: every step runs and every check holds`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.goto(`/#/lessons?lesson=${id}&step=1`);
      const view = page.getByTestId('lesson-view');
      await expect(view).toHaveAttribute('data-lesson', id);
      const steps = await page.locator('.lesson-steps button').count();
      expect(steps).toBeGreaterThan(0);
      const failures: string[] = [];
      for (let i = 0; i < steps; i++) {
        await expect(view).toHaveAttribute('data-step-index', String(i));
        const stepId = await page.getByTestId('lesson-step').getAttribute('data-step');
        failures.push(...(await runStepAndCollectFailures(page)).map((f) => `${stepId} / ${f}`));
        if (i < steps - 1) await page.getByTestId('lesson-next').click();
      }
      expect(failures).toEqual([]);
      await expect(page.getByTestId('lesson-next')).toBeDisabled();
    });
  }

  test('presenter mode: a shared URL opens a step with its settings, keys reveal and move', async ({ page }) => {
    await page.goto('/#/lessons?lesson=threshold-costs&step=2&presenter=1&s.cost-fn=20');
    const view = page.getByTestId('lesson-view');
    await expect(view).toHaveAttribute('data-presenter', '1');
    await expect(view).toHaveAttribute('data-step-index', '1');
    await expect(page.getByTestId('lesson-step')).toHaveAttribute('data-step', 'costs');
    // Step by step: the idea first, then the question, then the experiment, then the results.
    await expect(page.getByTestId('lesson-question')).toHaveCount(0);
    await expect(page.getByTestId('lesson-step')).toHaveCSS('font-size', /^(2[0-9]|3[0-9])(\.\d+)?px$/);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('lesson-question')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('lesson-setting-cost-fn')).toHaveValue('20');
    await expect(page.getByTestId('lesson-setting-cost-fp')).toHaveValue('1');
    // Revealing the results runs the experiment with the shared settings: 1 / (1 + 20) ≈ 0.048.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('lesson-run')).toHaveText('Run again', { timeout: 30_000 });
    await expect(page.getByTestId('lesson-value-model-threshold.cost_optimal')).toHaveText(/^0\.0[3-6]\d*/);
    await expect(page.getByTestId('lesson-run-info')).toContainText('with your settings');
    // Back through the reveal, then to the previous step.
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('lesson-question')).toHaveCount(0);
    await page.keyboard.press('ArrowLeft');
    await expect(view).toHaveAttribute('data-step-index', '0');
    await expect(page).toHaveURL(/step=1/);
    await page.keyboard.press('Escape');
    await expect(view).toHaveAttribute('data-presenter', '0');
    await page.getByTestId('presenter-toggle').click();
    await expect(view).toHaveAttribute('data-presenter', '1');
  });

  test('changing a setting updates the share link; progress and runs survive a reload', async ({ page }) => {
    await page.goto('/#/lessons?lesson=metrics-disagree&step=1');
    await expect(page.getByTestId('lesson-step')).toHaveAttribute('data-step', 'four-metrics');
    expect(await runStepAndCollectFailures(page)).toEqual([]);
    await page.goto('/#/lessons?lesson=threshold-costs&step=2');
    // Typed, then Run at once: the blur applies the value and the run uses it (1 / (1 + 5) ≈ 0.17).
    await page.getByTestId('lesson-setting-cost-fn').fill('5');
    await page.getByTestId('lesson-run').click();
    await expect(page.getByTestId('lesson-run-info')).toHaveAttribute('data-saved', '1');
    await expect(page.getByTestId('lesson-value-model-threshold.cost_optimal')).toHaveText(/^0\.1[3-9]/);
    await expect(page.getByTestId('lesson-share-url')).toHaveValue(/s\.cost-fn=5/);
    await expect(page).toHaveURL(/s\.cost-fn=5/);
    await page.reload();
    await page.goto('/#/lessons');
    await expect(page.getByTestId('lesson-card-metrics-disagree')).toHaveAttribute('data-finished', '1');
    await expect(page.getByTestId('lesson-card-threshold-costs')).toHaveAttribute('data-finished', '1');
    await expect(page.getByTestId('lessons-storage-problem')).toHaveCount(0);
    await page.goto('/#/lessons?lesson=threshold-costs&step=2');
    await page.getByTestId('lesson-run').click();
    await expect(page.getByTestId('lesson-run-info')).toHaveAttribute('data-saved', '1');
    await expect(page.locator('.lesson-history summary')).toContainText('Your runs of this step (2)');
    await expect(page.locator('.lesson-history li').first()).toContainText('checks hold');
  });
});
