/**
 * The Train page in real (headless) Chromium: training speed per backend as the page sees it, and how
 * responsive the page stays while it trains.
 *
 * For each backend (webgpu through the software adapter, webgl, wasm, cpu), the page is opened with the
 * backend forced in the URL and the default model (MLP 32-32 ReLU, Adam, batch 32, two moons, the
 * instrumented step with per-layer statistics), training starts, and after a warm-up (backend start-up
 * and the first steps, including shader compilation) the steps done over a fixed window are counted
 * from the page's step readout. Meanwhile a PerformanceObserver installed before the page loads records
 * long tasks (main-thread blocks over 50 ms) and a requestAnimationFrame loop records the longest gap
 * between frames, while the live charts redraw, and a Chromium trace gives each main-thread task's own
 * CPU time (on a shared 2-core machine a task's wall time also counts the time the thread waited for a
 * core while the training worker and the GPU process ran). Target: no main-thread block over 100 ms.
 *
 * `benchTrainPage(page, baseUrl)` measures on a page the caller owns (bench-browser.ts can call it);
 * `run()` does the set-up itself (build if needed, vite preview, Chromium) for `npm run bench`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { findChromium } from '../../e2e/browser';
import type { BenchSection } from './bench';
import { FRAME_GAP_RECORDER, LONG_TASK_RECORDER, longestIn, longestMainThreadTask, type LongTask } from './bench-page-timing';
import { ensureBuild, startPreview, stopPreview } from './bench-preview';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = 4192;
/** Backends measured, in the order the page's auto policy tries them. */
export const TRAIN_BENCH_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;



export interface BackendMeasurement {
  backend: string;
  /** The backend the page reported (a forced backend that fails falls back: then this differs). */
  used: string;
  stepsPerSecond: number;
  /** Longest long task (ms) in the measurement window; 0 when there was none over 50 ms. */
  longestBlockMs: number;
  /** Longest gap between two animation frames in the window. */
  longestFrameGapMs: number;
  /**
   * The main thread's longest task measured in its own CPU time (from a Chromium trace): on a shared
   * machine a task's wall time includes time the thread waited for a core; this does not.
   */
  longestTaskCpuMs: number | null;
  /** Wall time of that same longest-CPU task. */
  longestTaskWallMs: number | null;
  longTasks: number;
  windowSteps: number;
  windowMs: number;
  /** Per live chart, its redraws in the window (the page's `chart <id>` User Timing measures, wall ms). */
  charts: Record<string, { redraws: number; medianMs: number; maxMs: number }>;
}

async function readStep(page: Page): Promise<number> {
  return Number(await page.getByTestId('train-step').getAttribute('data-value'));
}

/** Trains on one backend and measures (see the file comment). */
export async function measureBackend(page: Page, baseUrl: string, backend: string, options: { warmupSteps?: number; windowMs?: number } = {}): Promise<BackendMeasurement> {
  const warmup = options.warmupSteps ?? 10;
  const windowMs = options.windowMs ?? 8000;
  // A fresh document per backend: a hash-only change would keep the page (and its worker) alive.
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#/train?backend=${backend}&epochs=none&steps=100000`);
  await page.getByTestId('train-start').click();
  await page.waitForFunction((w) => Number(document.querySelector('[data-testid="train-step"]')?.getAttribute('data-value')) >= w, warmup, { timeout: 180_000 });
  const used = (await page.getByTestId('backend').textContent()) ?? '';
  const browser = page.context().browser();
  if (browser) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const t0 = await page.evaluate(() => performance.now());
  const s0 = await readStep(page);
  await page.waitForTimeout(windowMs);
  const t1 = await page.evaluate(() => performance.now());
  const s1 = await readStep(page);
  const cpu = browser ? longestMainThreadTask((await browser.stopTracing()).toString('utf8')) : null;
  const { tasks, gaps, measures } = await page.evaluate(() => {
    const w = window as unknown as { __longTasks: LongTask[]; __frameGaps: { at: number; gap: number }[] };
    const measures = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('chart ')).map((m) => ({ name: m.name.slice(6), start: m.startTime, duration: m.duration }));
    return { tasks: w.__longTasks, gaps: w.__frameGaps, measures };
  });
  await page.getByTestId('train-stop').click();
  await page.waitForFunction(() => /done|failed/.test(document.querySelector('[data-testid="train-status"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
  const inWindow = tasks.filter((t) => t.start >= t0 && t.start <= t1);
  return {
    backend,
    used,
    stepsPerSecond: ((s1 - s0) * 1000) / (t1 - t0),
    longestBlockMs: longestIn(tasks, t0, t1),
    longestFrameGapMs: Math.max(0, ...gaps.filter((g) => g.at > t0 && g.at <= t1).map((g) => g.gap)),
    longestTaskCpuMs: cpu?.cpuMs ?? null,
    longestTaskWallMs: cpu?.wallMs ?? null,
    longTasks: inWindow.length,
    windowSteps: s1 - s0,
    windowMs: t1 - t0,
    charts: chartRedraws(measures.filter((m) => m.start >= t0 && m.start <= t1)),
  };
}

function chartRedraws(measures: { name: string; duration: number }[]): BackendMeasurement['charts'] {
  const byChart = new Map<string, number[]>();
  for (const m of measures) byChart.set(m.name, [...(byChart.get(m.name) ?? []), m.duration]);
  const out: BackendMeasurement['charts'] = {};
  for (const [name, ds] of [...byChart].sort((a, b) => Math.max(...b[1]) - Math.max(...a[1]))) {
    const sorted = [...ds].sort((a, b) => a - b);
    out[name] = { redraws: ds.length, medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!), maxMs: Math.round(sorted[sorted.length - 1]!) };
  }
  return out;
}

/** Every backend on a page the caller owns (its init script must be installed: see `installTrainBenchHooks`). */
export async function benchTrainPage(page: Page, baseUrl: string, backends: readonly string[] = TRAIN_BENCH_BACKENDS): Promise<BenchSection> {
  const results: BackendMeasurement[] = [];
  for (const backend of backends) results.push(await measureBackend(page, baseUrl, backend));
  const rows: BenchSection['rows'] = [];
  for (const r of results) {
    const note = r.used === r.backend ? '' : ` (fell back to ${r.used})`;
    rows.push(
      { name: `browser train ${r.backend}${note}: steps per second in the page`, value: r.stepsPerSecond, unit: 'steps/s' },
      { name: `  ${r.backend}: longest main-thread block while training (wall, long tasks)`, value: r.longestBlockMs, unit: 'ms', target: '< 100 ms' },
      { name: `  ${r.backend}: longest main-thread task in CPU time (trace)`, value: r.longestTaskCpuMs ?? NaN, unit: 'ms', target: '< 100 ms' },
      { name: `  ${r.backend}: longest gap between frames while training`, value: r.longestFrameGapMs, unit: 'ms' },
    );
  }
  rows.push(
    { name: 'browser train: longest main-thread block, all backends (wall)', value: Math.max(...results.map((r) => r.longestBlockMs)), unit: 'ms', target: '< 100 ms' },
    { name: 'browser train: longest main-thread task, all backends (CPU time)', value: Math.max(...results.map((r) => r.longestTaskCpuMs ?? NaN)), unit: 'ms', target: '< 100 ms' },
  );
  return { rows, details: { model: 'page defaults: mlp 32-32 relu, adam 0.01, batch 32, two moons (400 points)', results } };
}

/** Adds the long-task and frame-gap recorders to a page (before navigation). */
export async function installTrainBenchHooks(page: Page): Promise<void> {
  await page.addInitScript(LONG_TASK_RECORDER + FRAME_GAP_RECORDER);
}

/** The built app to serve: dist/, or TRAIN_BENCH_OUTDIR (a build elsewhere, e.g. while dist/ is in use). */
const outDir = process.env.TRAIN_BENCH_OUTDIR ?? join(root, 'dist');

/** Standalone: build if needed, serve, launch Chromium with the e2e flags (WebGPU software adapter), measure. */
export async function run(): Promise<BenchSection> {
  ensureBuild(outDir);
  const found = findChromium();
  if (!found) throw new Error('no Chromium found (see e2e/browser.ts)');
  const preview = await startPreview(PORT, outDir);
  const browser = await chromium.launch({ executablePath: found.executablePath, args: config.use?.launchOptions?.args ?? [], headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await installTrainBenchHooks(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const only = process.env.TRAIN_BENCH_BACKENDS?.split(',').filter(Boolean);
    const section = await benchTrainPage(page, `http://127.0.0.1:${PORT}`, only?.length ? only : TRAIN_BENCH_BACKENDS);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { ...section, details: { ...section.details, browser: `${found.description}, ${browser.version()}` } };
  } finally {
    await browser.close();
    stopPreview(preview);
  }
}

// `npx tsx src/cli/bench-browser-train.ts` prints the section on its own.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void run().then((s) => {
    for (const r of s.rows) process.stdout.write(`${r.name.padEnd(70)} ${r.value.toFixed(1).padStart(10)} ${r.unit} ${r.target ? `(target ${r.target})` : ''}\n`);
  });
}
