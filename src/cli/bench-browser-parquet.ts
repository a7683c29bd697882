/**
 * `npm run bench -- browser-parquet`: the Metrics page in headless Chromium on a 10,000,000-row Parquet
 * file of three binary models (written here by DuckDB, seeded, cached in the temp folder, never
 * committed). Measured as `bench -- browser` measures the 1M-row CSV (its helpers): choose-file to
 * table and ROC on screen, the longest main-thread block meanwhile, and the threshold slider's update
 * to the next frame (median and 95th percentile). The load average is recorded: the machine is shared.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { QUIET_FLAGS, findChromium } from '../../e2e/browser';
import type { BenchSection } from './bench';
import { INIT_SCRIPT, measureLoad, median, quantile, sliderUpdates, type LoadMeasurement } from './bench-browser';
import { openDuckDb } from './duckdb-engine';
import { ensureBuild, startPreview, stopPreview } from './bench-preview';

const PORT = 4194;
const ROWS = 10_000_000;
const LOAD_RUNS = 2;

/** y_true (30 % positives) and model_a..c, P = sigmoid(signal (2y - 1) + N(0, 1)) at six decimals. */
async function benchFile(): Promise<string> {
  const dir = join(tmpdir(), 'ml-workbench-bench');
  const file = join(dir, `predictions-${ROWS}-rows-3-models-seed1.parquet`);
  if (existsSync(file) && statSync(file).size > ROWS) return file;
  mkdirSync(dir, { recursive: true });
  const db = await openDuckDb();
  try {
    await db.connection.run('SELECT setseed(0.1)');
    const cols = [2.0, 1.0, 0.4].map((s, j) =>
      `round(1 / (1 + exp(-(${s} * (2 * y_true - 1) + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))), 6) AS model_${'abc'[j]}`);
    await db.connection.run(`COPY (SELECT y_true, ${cols.join(', ')} FROM (SELECT CAST(random() < 0.3 AS INTEGER) AS y_true FROM range(${ROWS}))) TO '${file}' (FORMAT parquet)`);
  } finally {
    db.close();
  }
  return file;
}

export async function run(): Promise<BenchSection> {
  ensureBuild();
  const file = await benchFile();
  const loadAtStart = loadavg();
  const sizeMb = statSync(file).size / 1e6;
  const found = findChromium();
  if (!found) throw new Error('no Chromium found (see e2e/browser.ts)');
  const preview = await startPreview(PORT);
  const browser = await chromium.launch({ executablePath: found.executablePath, args: QUIET_FLAGS, headless: true });
  try {
    const loads: LoadMeasurement[] = [];
    const pageErrors: string[] = [];
    let page: Page | null = null;
    for (let r = 0; r < LOAD_RUNS; r++) {
      await page?.close();
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.addInitScript(INIT_SCRIPT);
      page.on('pageerror', (e) => pageErrors.push(e.message));
      loads.push(await measureLoad(browser, page, file, PORT));
    }
    page = page!;
    // Let the analyses after a load (DeLong, the mistakes table) finish, so the slider is timed alone.
    await page.getByTestId('model-test-sentence').waitFor({ timeout: 300_000 });
    await page.locator('[data-testid="error-rows"] table').waitFor({ timeout: 300_000 });
    await page.waitForTimeout(1000);
    const times = await sliderUpdates(page, 60);
    const sorted = [...times].sort((a, b) => a - b);
    if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
    const of = (pick: (m: LoadMeasurement) => number) => loads.map(pick);
    return {
      rows: [
        { name: `browser: Parquet 10M rows x 3 models (${sizeMb.toFixed(0)} MB), choose file -> table + ROC, median of ${LOAD_RUNS}`, value: median(of((m) => m.toTableMs)), unit: 'ms' },
        { name: '  slowest of the runs', value: Math.max(...of((m) => m.toTableMs)), unit: 'ms' },
        { name: '  longest main-thread block until then (wall), median', value: median(of((m) => m.blockDuringLoadMs)), unit: 'ms' },
        { name: 'browser: 10M rows, slider update to next frame, median', value: quantile(sorted, 0.5), unit: 'ms', target: '< 33 ms' },
        { name: '  slider update, 95th percentile', value: quantile(sorted, 0.95), unit: 'ms', target: '< 33 ms' },
        ...Object.keys(loads[0]!.workerTimings).map((stage) => ({ name: `  worker: ${stage}, median`, value: median(of((m) => m.workerTimings[stage] ?? NaN)), unit: 'ms' })),
      ],
      details: {
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadavg(),
        file: { rows: ROWS, models: ['model_a', 'model_b', 'model_c'], megabytes: sizeMb, format: 'parquet' },
        browser: `${found.description}, ${browser.version()}`,
        sliderUpdatesMs: times.map((t) => Math.round(t * 10) / 10),
        loads,
      },
    };
  } finally {
    await browser.close();
    stopPreview(preview);
  }
}
