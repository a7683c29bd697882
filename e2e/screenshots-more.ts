/**
 * Screenshots at 1280x720 of issue 16's smaller problems, the axe-core list and the "also missing" features, for the
 * before/after record in docs/screenshots/ (s-*.png). Not a test:
 * `npx tsx e2e/screenshots-more.ts http://127.0.0.1:4182 docs/screenshots/after [name filter]`.
 */
import type { Page } from '@playwright/test';
import { takeShots, type Shot } from './screenshot-runner';

const [base = 'http://127.0.0.1:4173', out = 'docs/screenshots/after', only] = process.argv.slice(2);

/** A small CSV for the file inputs. */
const csv = (n: number, shift: number) =>
  ['a,b,y', ...Array.from({ length: n }, (_, i) => `${((i * 7) % 13) + shift},${(i * 3) % 5},${i % 2}`)].join('\n');
const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

async function metricsExample(page: Page, example: string, ready: string): Promise<void> {
  await page.goto(`${base}/#/metrics`);
  await page.getByTestId(`example-${example}`).click();
  await page.getByTestId(ready).waitFor();
}

async function settle(page: Page, ms = 1200): Promise<void> {
  await page.waitForTimeout(ms);
}

/** The breast-cancer example with a reference (human) score of 0.85 applied. */
async function withReferenceScore(page: Page): Promise<void> {
    await metricsExample(page, 'binary-breast-cancer', 'metric-logistic-roc_auc');
    await page.getByText('Reference score…').click();
    await page.getByTestId('human-baseline').fill('0.85');
    await page.getByTestId('human-baseline-apply').click();
    await page.getByTestId('baseline-row').waitFor();
}

const shots: Record<string, Shot> = {
  async 's-01-data-drop-zone'(page) {
    await page.goto(`${base}/#/data`);
    await page.getByTestId('csv-input').waitFor({ state: 'attached' });
    await page.locator('.dropzone').first().scrollIntoViewIfNeeded();
  },
  async 's-02-drift-files-loaded'(page) {
    await page.goto(`${base}/#/experiments?tab=drift`);
    await page.getByTestId('drift-reference-input').setInputFiles(file('reference.csv', csv(200, 0)));
    await page.getByTestId('drift-current-input').setInputFiles(file('current.csv', csv(200, 3)));
    await page.getByTestId('drift-current-name').waitFor();
    await page.getByTestId('drift-current-name').scrollIntoViewIfNeeded();
  },
  async 's-03a-train-class-colours'(page) {
    await page.goto(`${base}/#/train?epochs=3&pace=full`);
    await page.getByTestId('train-start').click();
    await page.getByTestId('train-status').filter({ hasText: /^done$/ }).waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="chart-boundary"], [data-testid="boundary-plot"], [data-testid="decision-boundary"]').first().scrollIntoViewIfNeeded().catch(() => {});
    await settle(page);
  },
  async 's-03b-partial-dependence-class-colours'(page) {
    await page.goto(`${base}/#/experiments?tab=importance`);
    await page.getByTestId('importance-quick-dataset').selectOption('synthetic:two-moons');
    await page.getByTestId('importance-quick-model').selectOption('mlp');
    await page.getByTestId('importance-train').click();
    await page.getByTestId('importance-train-message').filter({ hasText: 'Trained' }).waitFor({ state: 'attached', timeout: 90_000 });
    await page.getByTestId('importance-model').waitFor();
    await page.getByTestId('importance-start').click();
    await page.locator('[data-testid="importance-status"][data-status="done"]').waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="importance-pd2"][data-ready="true"]').waitFor();
    await page.getByTestId('importance-pd2').scrollIntoViewIfNeeded();
    await settle(page);
  },
  async 's-04-train-after-stop'(page) {
    await page.goto(`${base}/#/train?epochs=200&backend=cpu`);
    await page.getByTestId('train-start').click();
    await page.waitForTimeout(2500);
    await page.getByTestId('train-stop').click();
    await page.locator('[data-testid="run-list"] tbody tr[data-status="stopped"]').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('run-list').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page, 500);
  },
  async 's-04b-train-after-stop-run-list'(page) {
    await page.goto(`${base}/#/train?epochs=200&backend=cpu`);
    await page.getByTestId('train-start').click();
    await page.waitForTimeout(2500);
    await page.getByTestId('train-stop').click();
    await page.locator('[data-testid="run-list"] tbody tr[data-status="stopped"]').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('run-list').scrollIntoViewIfNeeded();
    await settle(page, 500);
  },
  async 's-05a-regression-intro'(page) {
    await metricsExample(page, 'regression-diabetes', 'metric-linear-r2');
    await settle(page);
  },
  async 's-05b-regression-mistakes'(page) {
    await metricsExample(page, 'regression-diabetes', 'metric-linear-r2');
    await page.getByText(/mistakes|largest errors/i).first().scrollIntoViewIfNeeded();
    await settle(page);
  },
  async 's-06-multiclass-per-class-bars'(page) {
    await metricsExample(page, 'multiclass-digits', 'metric-logistic-macro_f1');
    await page.getByTestId('plot-per-class').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="plot-per-class"][data-ready="true"]').waitFor();
    await settle(page);
  },
  async 's-07-plot-title-and-toolbar'(page) {
    await metricsExample(page, 'binary-breast-cancer', 'metric-logistic-roc_auc');
    await page.locator('[data-testid="plot-cost"][data-ready="true"]').waitFor();
    await page.getByTestId('plot-cost').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.getByTestId('plot-cost').locator('.js-plotly-plot').hover();
    await settle(page);
  },
  async 's-08-lesson-plot-title'(page) {
    await page.goto(`${base}/#/lessons?lesson=threshold-costs&step=1`);
    await page.getByTestId('lesson-run').click();
    await page.getByTestId('lesson-run').filter({ hasText: 'Run again' }).waitFor({ timeout: 60_000 });
    await page.locator('.plot').filter({ hasText: /Precision, recall/ }).first().scrollIntoViewIfNeeded();
    await settle(page);
  },
  async 's-09-data-contrast'(page) {
    await page.goto(`${base}/#/data`);
    await page.getByTestId('dataset-iris').click();
    await page.getByTestId('preview').waitFor();
    await settle(page, 500);
  },
  async 's-10a-cm-rows-binary'(page) {
    await metricsExample(page, 'binary-breast-cancer', 'metric-logistic-roc_auc');
    await page.getByTestId('cm-logistic-fp').click();
    await page.getByTestId('cm-rows').waitFor();
    await page.getByTestId('cm-rows').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await settle(page, 500);
  },
  async 's-10b-cm-rows-multiclass'(page) {
    await metricsExample(page, 'multiclass-digits', 'metric-logistic-macro_f1');
    // The K x K counts table (a details under the picker) has a button per cell: true 3, predicted 8.
    await page.locator('.mp-kcm-details > summary').click();
    await page.getByTestId('cm-logistic-3-8').click();
    await page.getByTestId('cm-rows').waitFor();
    await page.getByTestId('cm-logistic-3-8').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await settle(page, 500);
  },
  async 's-10c-cm-rows-multiclass-heatmap-click'(page) {
    await metricsExample(page, 'multiclass-digits', 'metric-logistic-macro_f1');
    const plot = page.locator('[data-testid="plot-confusion-k"][data-ready="true"]');
    await plot.waitFor();
    await plot.scrollIntoViewIfNeeded();
    // The cell (true 8, predicted 1) of the 10 x 10 heatmap: the y axis runs down from class 0.
    const area = (await plot.locator('.nsewdrag').first().boundingBox())!;
    await page.mouse.click(area.x + (1.5 / 10) * area.width, area.y + (8.5 / 10) * area.height);
    await page.getByTestId('cm-rows').waitFor();
    await page.getByTestId('cm-rows').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await settle(page, 500);
  },
  async 's-11a-human-baseline-table'(page) {
    await withReferenceScore(page);
    await page.getByTestId('baseline-row').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await settle(page, 500);
  },
  async 's-11b-human-baseline-roc'(page) {
    await withReferenceScore(page);
    await page.getByTestId('plot-roc').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await settle(page);
  },
  async 's-12a-plateau-flat-region'(page) {
    await page.goto(`${base}/#/train?optimizer=sgd&lr=0.0001&steps=120&backend=cpu&pace=full`);
    await page.getByTestId('train-start').click();
    await page.locator('[data-testid="plateau-verdict"][data-verdict="plateau"]').waitFor({ timeout: 90_000 });
    await page.getByTestId('plateau-verdict').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.mouse.wheel(0, -80);
    await settle(page, 500);
  },
  async 's-12b-majority-baseline'(page) {
    await page.goto(`${base}/#/train?optimizer=sgd&lr=0.000001&steps=40&backend=cpu&pace=full`);
    await page.getByTestId('train-start').click();
    await page.locator('[data-testid="diagnostic"][data-rule="no-better-than-majority"]').waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="diagnostic"][data-rule="no-better-than-majority"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await settle(page, 500);
  },
};

await takeShots(shots, { out, only });
