/**
 * Screenshots at 1280x720 (a class projector) of the states issue 16 is about, for the before/after record in
 * docs/screenshots/. Not a test: `npx tsx e2e/screenshots.ts http://127.0.0.1:4216 docs/screenshots/after`.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { takeShots, type Shot } from './screenshot-runner';

const [base = 'http://127.0.0.1:4173', out = 'docs/screenshots/after', only] = process.argv.slice(2);

/** Trains to the end on the Train page with these settings. */
async function trainDone(page: Page, query: string): Promise<void> {
  await page.goto(`${base}/#/train?${query}`);
  await page.getByTestId('train-start').click();
  await page.getByTestId('train-status').filter({ hasText: /^done$/ }).waitFor({ timeout: 90_000 });
}

/** Scrolls the page so that the element starts `above` px below the sticky header, and lets plots draw. */
async function scrollToTop(page: Page, target: string | Locator, above = 0): Promise<void> {
  const el = typeof target === 'string' ? page.getByTestId(target) : target;
  // Twice: plots drawn on the way (captions, legends) can move the element after the first scroll.
  for (let k = 0; k < 2; k++) {
    await el.evaluate((el, gap) => {
      const header = document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0;
      window.scrollBy(0, el.getBoundingClientRect().top - header - 12 - gap);
    }, above);
    await page.waitForTimeout(700);
  }
  // The pointer off the plots: no hover mode bar over a title.
  await page.mouse.move(1279, 719);
  await page.waitForTimeout(1200);
}

/** Element images (charts) to take beside the 1280x720 frame, after it: taking one scrolls the page. */
const crops: { testId: string; name: string }[] = [];
async function crop(_page: Page, testId: string, name: string): Promise<void> {
  crops.push({ testId, name });
}

const shots: Record<string, Shot> = {
  async '01-presenter-after-reveal'(page) {
    await page.goto(`${base}/#/lessons?lesson=threshold-costs&step=2&presenter=1`);
    await page.getByTestId('lesson-view').waitFor();
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
    await page.getByTestId('lesson-run').filter({ hasText: 'Run again' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(800);
  },
  // Presenter mode before a run: text, inputs and the checks enlarged for the back row.
  async '01b-presenter-inputs'(page) {
    await page.goto(`${base}/#/lessons?lesson=threshold-costs&step=2&presenter=1`);
    await page.getByTestId('lesson-view').waitFor();
    // Reveal the question, then the settings and the run button.
    for (let k = 0; k < 2; k++) await page.keyboard.press('ArrowRight');
    await page.getByTestId('lesson-run').waitFor();
    await page.waitForTimeout(800);
  },
  async '02-threshold-lesson-step2'(page) {
    await page.goto(`${base}/#/lessons?lesson=threshold-costs&step=2`);
    await page.getByTestId('lesson-step').waitFor();
  },
  async '03-train-saved-runs'(page) {
    await page.goto(`${base}/#/train?epochs=2`);
    await page.getByTestId('train-start').click();
    await page.getByTestId('train-status').filter({ hasText: /^done$/ }).waitFor({ timeout: 90_000 });
    await page.getByTestId('run-list').scrollIntoViewIfNeeded();
  },
  async '04-train-default-run'(page) {
    await page.goto(`${base}/#/train`);
    await page.getByTestId('train-start').click();
    await page.waitForTimeout(2500);
  },
  // The same run 10 s later: the rate and the time left have not swung.
  async '04b-train-default-run-later'(page) {
    await page.goto(`${base}/#/train`);
    await page.getByTestId('train-start').click();
    await page.waitForTimeout(10_000);
  },
  async '05-metrics-cheapest'(page) {
    await page.goto(`${base}/#/metrics`);
    await page.getByTestId('example-binary-breast-cancer').click();
    await page.getByTestId('metric-logistic-roc_auc').waitFor();
    await page.getByTestId('cost-fn').fill('5');
    await page.getByTestId('apply-cost').click();
    await page.getByTestId('apply-cost').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
  },
  async '06-lesson-result-keys'(page) {
    await page.goto(`${base}/#/lessons?lesson=learning-rate&step=1`);
    await page.getByTestId('lesson-run').click();
    await page.getByTestId('lesson-run').filter({ hasText: 'Run again' }).waitFor({ timeout: 90_000 });
    await page.getByTestId('lesson-results').scrollIntoViewIfNeeded();
  },
  // The log axes (decade labels only) of the gradient and update-ratio charts, drawn below the fold.
  // The Models ranking names its metric in words (was `roc_auc`).
  async '06b-models-ranking-keys'(page) {
    await page.goto(`${base}/#/experiments?tab=models`);
    await page.getByTestId('models-epochs').fill('10');
    await page.getByTestId('models-bootstrap').fill('300');
    await page.getByTestId('models-start').click();
    await page.getByTestId('models-status').and(page.locator('[data-status="done"]')).waitFor({ timeout: 90_000 });
    await scrollToTop(page, 'models-status', 20);
  },
  async '07-train-charts'(page) {
    await trainDone(page, 'epochs=6&pace=full');
    await scrollToTop(page, page.getByRole('heading', { name: 'Gradients and updates' }), -8);
    await crop(page, 'chart-update-ratio', 'train-chart-update-ratio');
  },
  // The second y-axes (memory, dead units %) with room for their titles.
  async '07b-train-charts-second-axes'(page) {
    await trainDone(page, 'epochs=6&pace=full');
    await scrollToTop(page, 'chart-step-time', 240);
    await crop(page, 'chart-step-time', 'train-chart-step-time');
  },
  // The weight histogram, white to dark, with a colour bar in counts and labelled selectors.
  async '07c-train-charts-histogram'(page) {
    await trainDone(page, 'epochs=6&pace=full');
    await scrollToTop(page, 'chart-histograms', 160);
    await crop(page, 'chart-activations', 'train-chart-activations');
    await crop(page, 'chart-histograms', 'train-chart-histograms');
  },
  // After a reload the tab shows its run again, charts drawn.
  async '07d-train-reload'(page) {
    await trainDone(page, 'epochs=6&pace=full');
    await page.reload();
    await page.getByTestId('train-status').filter({ hasText: /^done$/ }).waitFor();
    await page.getByTestId('chart-loss').and(page.locator('[data-traces="3"]')).waitFor();
    await scrollToTop(page, 'chart-loss', 60);
  },
  // The overfit-one-batch check in its own panel; the run's charts are left alone.
  async '07e-train-overfit'(page) {
    await trainDone(page, 'epochs=6&pace=full');
    await page.getByTestId('overfit-batch').click();
    await page.getByTestId('overfit-check').and(page.locator('[data-status="done"]')).waitFor({ timeout: 90_000 });
    await page.getByTestId('overfit-check-loss').and(page.locator('[data-ready="true"]')).waitFor();
    await scrollToTop(page, 'overfit-check', 20);
  },
  async '08-metrics-loaded-first-screen'(page) {
    await page.goto(`${base}/#/metrics`);
    await page.getByTestId('example-binary-breast-cancer').click();
    await page.getByTestId('metric-logistic-roc_auc').waitFor();
    await page.waitForTimeout(1500);
  },
  // Loaded: the examples fold into a menu; the loader stays one line.
  async '08b-metrics-examples-menu'(page) {
    await page.goto(`${base}/#/metrics`);
    await page.getByTestId('example-binary-breast-cancer').click();
    await page.getByTestId('metric-logistic-roc_auc').waitFor();
    await page.getByText('Load an example').click();
    await page.waitForTimeout(500);
  },
  async '09-report'(page) {
    await page.goto(`${base}/#/metrics`);
    await page.getByTestId('example-binary-breast-cancer').click();
    await page.getByTestId('plot-roc').and(page.locator('[data-ready="true"]')).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
    // Opened as a user would open the file (setContent would put it under the app's CSP, unstyled).
    const file = join(tmpdir(), 'mlw-report.html');
    await download.saveAs(file);
    await page.goto(pathToFileURL(file).href);
    await page.locator('table').first().scrollIntoViewIfNeeded();
  },
  async '10-first-screen'(page) {
    await page.goto(`${base}/`);
    await page.waitForTimeout(500);
  },
  // The chosen dataset stays marked (back at the top after the pick scrolled to its preview).
  async '10b-data-chosen'(page) {
    await page.goto(`${base}/#/data`);
    await page.getByTestId('dataset-iris').click();
    await page.getByTestId('preview').waitFor();
    await page.waitForTimeout(600);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
  },
  async '11-data-loaded'(page) {
    await page.goto(`${base}/#/data`);
    await page.getByTestId('dataset-iris').click();
    await page.getByTestId('preview').waitFor();
    await page.waitForTimeout(600);
  },
  async '12-drift-files'(page) {
    await page.goto(`${base}/#/experiments?tab=drift`);
    await page.waitForTimeout(800);
  },
  async '13-metrics-regression'(page) {
    await page.goto(`${base}/#/metrics`);
    await page.getByTestId('example-regression-diabetes').click();
    await page.getByTestId('metric-linear-r2').waitFor();
    await page.waitForTimeout(1500);
    await page.mouse.wheel(0, 900);
    await page.waitForTimeout(500);
  },
  async '14-metrics-multiclass'(page) {
    await page.goto(`${base}/#/metrics`);
    await page.getByTestId('example-multiclass-digits').click();
    await page.getByTestId('metric-logistic-macro_f1').waitFor();
    await page.getByTestId('plot-per-class').scrollIntoViewIfNeeded();
    await page.waitForTimeout(1500);
  },
};

await takeShots(shots, {
  out,
  only,
  async afterFrame(page, ok) {
    for (const c of crops.splice(0)) if (ok) await page.getByTestId(c.testId).screenshot({ path: `${out}/${c.name}.png` });
  },
});
