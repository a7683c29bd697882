/**
 * The Metrics page opens Parquet (hyparquet in the metrics worker) and gzipped CSV: a 5,000-row
 * Parquet file shows the table its CSV shows, a generated 10-million-row file of three models opens
 * with a progress bar and draws table and ROC, bad Parquet is one message while the page keeps
 * working, and no request leaves localhost nor breaks the content security policy. Every file is
 * written here by DuckDB (seeded), in a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test, type Page } from '@playwright/test';
import { MetricsPage } from './fixtures/metrics-page-object';

const MODELS = ['strong', 'medium', 'weak'];
const KEYS = ['roc_auc', 'average_precision', 'log_loss', 'brier', 'accuracy', 'precision', 'recall', 'f1', 'mcc', 'ks', 'tp', 'fp', 'tn', 'fn'];
const dir = mkdtempSync(join(tmpdir(), 'e2e-parquet-'));
const path = (name: string) => join(dir, name);

/** y_true (30 % positives) and three models of decreasing skill, P = sigmoid(signal (2y - 1) + N(0, 1)), six decimals. */
async function writeFiles(): Promise<void> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const table = async (rows: number, seed: number) => {
      await db.run(`SELECT setseed(${seed})`);
      const cols = [2.0, 1.0, 0.4].map((s, j) =>
        `round(1 / (1 + exp(-(${s} * (2 * y_true - 1) + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))), 6) AS ${MODELS[j]}`);
      await db.run(`CREATE OR REPLACE TABLE t AS SELECT y_true, ${cols.join(', ')} FROM (SELECT CAST(random() < 0.3 AS INTEGER) AS y_true FROM range(${rows}))`);
    };
    await table(5000, 0.5);
    await db.run(`COPY t TO '${path('small.parquet')}' (FORMAT parquet)`);
    await db.run(`COPY t TO '${path('small.csv')}' (FORMAT csv, HEADER true)`);
    await db.run(`COPY (SELECT strong, medium FROM t LIMIT 10) TO '${path('nolabel.parquet')}' (FORMAT parquet)`);
    await table(10_000_000, 0.25);
    await db.run(`COPY t TO '${path('big.parquet')}' (FORMAT parquet)`);
  } finally {
    db.closeSync();
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await writeFiles();
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every request the page makes that is not to the app's own origin (data: and blob: URLs stay in the page). */
function watchRequests(page: Page, origin: string): string[] {
  const outside: string[] = [];
  const check = (url: string) => {
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  };
  page.on('request', (r) => check(r.url()));
  page.on('worker', (w) => check(w.url()));
  return outside;
}

/** Logs a worker's own violations (Chromium does not report them to Playwright otherwise; see csp.spec.ts). */
const WORKER_PRELUDE = "self.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation in a worker: ' + e.effectiveDirective + ' blocked ' + e.blockedURI));\n";

/** CSP violations of the document and of every worker, and console reports of them. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  const onText = (t: string) => { if (/content security policy/i.test(t)) seen.push(t); };
  page.on('console', (m) => onText(m.text()));
  page.on('worker', (w) => w.on('console', (m) => onText(m.text())));
  await page.route('**/assets/*.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: WORKER_PRELUDE + (await response.text()) });
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.effectiveDirective} ${e.blockedURI}`));
  });
  return seen;
}

async function tableValues(page: Page): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const m of MODELS) for (const k of KEYS) out[`${m}-${k}`] = await page.getByTestId(`metric-${m}-${k}`).getAttribute('data-value');
  return out;
}

test.describe('Metrics page: Parquet and gzipped CSV', () => {
  let outside: string[];
  let csp: string[];
  test.beforeEach(async ({ page, baseURL }) => {
    outside = watchRequests(page, baseURL!);
    csp = await watchCsp(page);
  });
  test.afterEach(() => {
    expect(outside, 'requests that left localhost').toEqual([]);
    expect(csp, 'CSP violations').toEqual([]);
  });

  test('a 5,000-row Parquet file and its gzipped CSV show the table its CSV shows', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await page.getByTestId('csv-input').setInputFiles(path('small.csv'));
    await expect(page.getByTestId('metric-strong-roc_auc')).toBeVisible();
    const fromCsv = await tableValues(page);
    for (const file of [{ name: 'small.parquet', buffer: readFileSync(path('small.parquet')) }, { name: 'small.csv.gz', buffer: gzipSync(readFileSync(path('small.csv'))) }]) {
      await page.reload();
      await expect(page.getByTestId('csv-input')).toBeAttached();
      await page.getByTestId('csv-input').setInputFiles({ ...file, mimeType: 'application/octet-stream' });
      await expect(page.getByTestId('metric-strong-roc_auc')).toBeVisible();
      await expect(page.getByTestId('detected-target')).toHaveText('y_true');
      const values = await tableValues(page);
      for (const [key, v] of Object.entries(fromCsv)) {
        expect(v, key).not.toBeNull();
        expect(Math.abs(Number(values[key]) - Number(v)), `${file.name} ${key}: ${values[key]} vs ${v}`).toBeLessThanOrEqual(1e-9 * Math.abs(Number(v)));
      }
    }
  });

  test('bad Parquet is one message naming the file; what was loaded stays', async ({ page }) => {
    const mp = new MetricsPage(page);
    await mp.open();
    await page.getByTestId('csv-input').setInputFiles(path('small.parquet'));
    await expect(page.getByTestId('metric-strong-roc_auc')).toBeVisible();
    const whole = readFileSync(path('small.parquet'));
    await mp.loadFile('cut.parquet', whole.subarray(0, whole.length >> 1));
    await expect(page.getByTestId('error')).toContainText('cut.parquet: not a readable Parquet file (truncated or corrupt?)');
    await expect(page.getByTestId('metric-strong-roc_auc')).toBeVisible();
    await page.getByTestId('csv-input').setInputFiles(path('nolabel.parquet'));
    await expect(page.getByTestId('error')).toContainText('nolabel.parquet: no label column');
    // The page still takes a good file.
    await page.getByTestId('csv-input').setInputFiles({ name: 'again.csv.gz', mimeType: 'application/gzip', buffer: gzipSync(readFileSync(path('small.csv'))) });
    await expect(page.locator('[data-testid^="metric-again"][data-testid$="/strong-roc_auc"]')).toBeVisible();
    await expect(page.getByTestId('error')).toHaveCount(0);
  });

  test('a 10-million-row Parquet file of three models opens: progress, table and ROC', async ({ page }) => {
    test.setTimeout(300_000);
    const mp = new MetricsPage(page);
    await mp.open();
    await page.getByTestId('csv-input').setInputFiles(path('big.parquet'));
    await expect(page.getByRole('progressbar')).toBeVisible();
    await expect(page.getByTestId('metric-weak-roc_auc')).toBeVisible({ timeout: 240_000 });
    await expect(page.getByTestId('plot-roc')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    const rows = MODELS.map(async (m) => Number(await page.getByTestId(`metric-${m}-tp`).getAttribute('data-value')) +
      Number(await page.getByTestId(`metric-${m}-fn`).getAttribute('data-value')) +
      Number(await page.getByTestId(`metric-${m}-fp`).getAttribute('data-value')) +
      Number(await page.getByTestId(`metric-${m}-tn`).getAttribute('data-value')));
    expect(await Promise.all(rows)).toEqual([10_000_000, 10_000_000, 10_000_000]);
    const auc = await Promise.all(MODELS.map((m) => mp.value(`metric-${m}-roc_auc`)));
    expect(auc[0]).toBeGreaterThan(auc[1]!);
    expect(auc[1]).toBeGreaterThan(auc[2]!);
    // The slider still moves the confusion counts.
    await mp.setThreshold(0.3);
    await expect(page.getByTestId('threshold-input')).toHaveValue('0.3');
  });
});
