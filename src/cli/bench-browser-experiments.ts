/**
 * The Experiments page in real (headless) Chromium: hyperparameter-search throughput and how
 * responsive the page stays while every core trains.
 *
 * The default search as the page opens (two moons, Bayesian optimisation of learning rate and hidden
 * width, 20 trials of an MLP for 20 epochs, one worker per core as `navigator.hardwareConcurrency`
 * reports) runs to the end; trials per minute is the page's own readout: finished trials / wall time
 * from Start to the last trial (worker start-up included). The same search with one worker shows the
 * parallel speed-up. Meanwhile a PerformanceObserver installed before the page loads records long
 * tasks (main-thread blocks over 50 ms) and a requestAnimationFrame loop the longest gap between frames.
 *
 * `benchExperimentsPage(page, baseUrl)` measures on a page the caller owns; `run()` does the set-up
 * (build if needed, vite preview, Chromium) for `npm run bench`.
 */
import { loadavg } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { findChromium } from '../../e2e/browser';
import type { BenchSection } from './bench';
import { FRAME_GAP_RECORDER, LONG_TASK_RECORDER, type LongTask } from './bench-page-timing';
import { ensureBuild, startPreview, stopPreview } from './bench-preview';

const PORT = 4193;


export interface SearchThroughput {
  workers: number;
  trials: number;
  /** The page's readout: finished trials per minute of wall time. */
  trialsPerMinute: number;
  /** Start click to the last trial, measured here. */
  wallMs: number;
  backend: string;
  /** Sum of the trials' own durations (in their workers) / wall time: how many trials ran at once on average. */
  concurrency: number;
  /** Median duration of one trial in its worker, ms. */
  medianTrialMs: number;
  /** Longest main-thread block during the search (long tasks), ms; 0 when none over 50 ms. */
  longestTaskMs: number;
  longTasks: number;
  /** Longest gap between animation frames during the search, ms. */
  longestFrameGapMs: number;
}

/**
 * Runs the page's default search with `workers` workers (default: the page's own choice, one per
 * core) and reads the throughput. `budget` and `epochs` default to the page's defaults (20, 20).
 */
export async function benchExperimentsPage(page: Page, baseUrl: string, options: { workers?: number; budget?: number; epochs?: number } = {}): Promise<SearchThroughput> {
  await page.goto(`${baseUrl}/#/experiments?tab=search`);
  await page.getByTestId('search-start').waitFor();
  // Plotly's one-time start-up (several MB of script) is not part of the search.
  await page.waitForSelector('.experiments-page[data-plotly-ready="true"]', { timeout: 120_000 });
  if (options.workers !== undefined) await page.getByTestId('search-workers').fill(String(options.workers));
  if (options.budget !== undefined) await page.getByTestId('search-budget').fill(String(options.budget));
  if (options.epochs !== undefined) await page.getByTestId('search-epochs').fill(String(options.epochs));
  const workers = Number(await page.getByTestId('search-workers').inputValue());
  const budget = Number(await page.getByTestId('search-budget').inputValue());
  // The moment the status turns done: the window ends there (the parallel-coordinates plot, drawn
  // with WebGL once the search stops, is not part of "while training").
  await page.evaluate(() => {
    const w = window as unknown as { __searchDoneAt?: number };
    new MutationObserver(() => {
      const status = document.querySelector('[data-testid="search-status"]')?.getAttribute('data-status');
      if ((status === 'done' || status === 'failed') && w.__searchDoneAt === undefined) w.__searchDoneAt = performance.now();
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'], childList: true });
  });
  const t0 = await page.evaluate(() => performance.now());
  const wall0 = Date.now();
  await page.getByTestId('search-start').click();
  await page.waitForSelector('[data-testid="search-status"][data-status="done"], [data-testid="search-status"][data-status="failed"]', { timeout: 30 * 60_000 });
  const wallMs = Date.now() - wall0;
  const status = await page.getByTestId('search-status').getAttribute('data-status');
  if (status !== 'done') throw new Error(`the search ended ${status}: ${await page.getByTestId('search-message').textContent()}`);
  const rate = Number(await page.getByTestId('search-rate').getAttribute('data-value'));
  const backend = (await page.getByText(/worker\(s\)/).first().textContent())?.split('·')[1]?.trim() ?? 'unknown';
  const t1 = await page.evaluate(() => (window as unknown as { __searchDoneAt?: number }).__searchDoneAt ?? performance.now());
  const { tasks, gaps } = await page.evaluate(({ from, to }) => {
    const w = window as unknown as { __longTasks: LongTask[]; __frameGaps: { at: number; gap: number }[] };
    return {
      tasks: w.__longTasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration),
      gaps: w.__frameGaps.filter((g) => g.at >= from && g.at <= to).map((g) => g.gap),
    };
  }, { from: t0, to: t1 });
  const trialMs = (await page.getByTestId('search-trial').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-ms'))))).filter((v) => v > 0).sort((a, b) => a - b);
  return {
    workers, trials: budget, trialsPerMinute: rate, wallMs, backend,
    concurrency: trialMs.reduce((a, b) => a + b, 0) / wallMs, medianTrialMs: trialMs[Math.floor(trialMs.length / 2)] ?? NaN,
    longestTaskMs: tasks.length ? Math.max(...tasks) : 0, longTasks: tasks.length,
    longestFrameGapMs: gaps.length ? Math.max(...gaps) : 0,
  };
}

/** `npm run bench -- experiments`: the default search with the page's worker count, then with one worker. */
export async function run(): Promise<BenchSection> {
  ensureBuild();
  const found = findChromium();
  if (!found) throw new Error('no Chromium found (see e2e/browser.ts)');
  const preview = await startPreview(PORT);
  const browser = await chromium.launch({ executablePath: found.executablePath, args: config.use?.launchOptions?.args ?? [] });
  try {
    const measure = async (workers?: number): Promise<SearchThroughput> => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(LONG_TASK_RECORDER + FRAME_GAP_RECORDER);
      try {
        return await benchExperimentsPage(page, `http://127.0.0.1:${PORT}`, workers === undefined ? {} : { workers });
      } finally {
        await context.close();
      }
    };
    const parallel = await measure();
    const single = await measure(1);
    return {
      rows: [
        { name: `search trials/min, default search, ${parallel.workers} workers (${parallel.backend})`, value: parallel.trialsPerMinute, unit: 'trials/min' },
        { name: 'search trials/min, same search, 1 worker', value: single.trialsPerMinute, unit: 'trials/min' },
        { name: 'search parallel speed-up', value: parallel.trialsPerMinute / single.trialsPerMinute, unit: 'x' },
        { name: 'search trials running at once (sum of trial times / wall time)', value: parallel.concurrency, unit: 'trials' },
        { name: 'search median trial time in its worker', value: parallel.medianTrialMs, unit: 'ms' },
        { name: 'search longest main-thread block while training', value: parallel.longestTaskMs, unit: 'ms', target: '< 100' },
        { name: 'search longest frame gap while training', value: parallel.longestFrameGapMs, unit: 'ms' },
      ],
      details: { parallel, single, loadAverage: loadavg() },
    };
  } finally {
    await browser.close();
    stopPreview(preview);
  }
}
