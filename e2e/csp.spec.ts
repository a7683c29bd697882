/**
 * The built app under its content security policy (src/security/content-security-policy.ts): every page
 * works with no violation (training on every backend, the Experiments workers, a lesson, exports), the
 * preview server sends the security headers, and a fetch to another origin is refused by the browser.
 */
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { headerContentSecurityPolicy, metaContentSecurityPolicy } from '../src/security/content-security-policy';

const here = dirname(fileURLToPath(import.meta.url));

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/**
 * Prepended to every worker script the page loads: a violation inside a worker fires in the worker's
 * global scope, not the document, and Chromium does not pass it to Playwright's console events; logged
 * from the worker it is. The worker bundles are single files, so this runs before any of their code.
 */
const WORKER_PRELUDE = "self.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation in a worker: ' + e.effectiveDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));\n";

/**
 * Records every CSP violation: the document's `securitypolicyviolation` events (kept in the page, read
 * back with `violations()`), the browser's "Content Security Policy" console errors of the page, and the
 * violations of every worker (through WORKER_PRELUDE).
 */
async function watchViolations(page: Page): Promise<{ console: string[]; violations: () => Promise<Violation[]> }> {
  const consoleErrors: string[] = [];
  const onConsole = (text: string) => {
    if (/content security policy/i.test(text)) consoleErrors.push(text);
  };
  page.on('console', (m) => onConsole(m.text()));
  page.on('pageerror', (e) => onConsole(String(e)));
  page.on('worker', (w) => w.on('console', (m) => onConsole(`[worker ${w.url()}] ${m.text()}`)));
  // The response keeps its headers (the policy among them); only the body gains the prelude.
  await page.route('**/assets/*.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: WORKER_PRELUDE + (await response.text()) });
  });
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample });
    });
  });
  return {
    console: consoleErrors,
    violations: () => page.evaluate(() => [...(window as unknown as { __cspViolations: Violation[] }).__cspViolations]),
  };
}

/** Violations are collected per document: read them before each navigation that reloads it. */
async function expectNoViolations(page: Page, watch: Awaited<ReturnType<typeof watchViolations>>, where: string) {
  expect(await watch.violations(), `CSP violations on ${where}`).toEqual([]);
  expect(watch.console, `CSP console errors on ${where}`).toEqual([]);
}

test.describe('content security policy', () => {
  test('the preview server sends the policy and the security headers; index.html carries the same policy', async ({ request }) => {
    const response = await request.get('/');
    expect(response.ok()).toBe(true);
    const headers = response.headers();
    expect(headers['content-security-policy']).toBe(headerContentSecurityPolicy);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("connect-src 'self'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    // The one 'unsafe-inline' is for style attributes (Plotly); never for scripts or <style> elements.
    expect(headers['content-security-policy']!.match(/'unsafe-inline'/g)).toHaveLength(1);
    expect(headers['content-security-policy']).toContain("style-src-attr 'unsafe-inline'");
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
    expect(headers['content-security-policy']).not.toContain(" 'unsafe-eval'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');

    const html = await response.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta, 'a CSP <meta> in index.html').not.toBeNull();
    expect(meta![1]!.replaceAll('&#39;', "'")).toBe(metaContentSecurityPolicy);
    // No inline script: every <script> has a src.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);

    // A worker gets its policy from its own response (a <meta> tag does not reach it): the header is there.
    const worker = readdirSync(resolve(here, '../dist/assets')).find((f) => /^train\.worker-.*\.js$/.test(f));
    expect(worker, 'the training worker in dist/assets').toBeDefined();
    const workerResponse = await request.get(`/assets/${worker}`);
    expect(workerResponse.headers()['content-security-policy']).toBe(headerContentSecurityPolicy);
    expect(workerResponse.headers()['x-content-type-options']).toBe('nosniff');
  });

  test('every page works with no violation: training on each backend, workers, a lesson, exports', async ({ page }) => {
    test.setTimeout(360_000);
    const watch = await watchViolations(page);

    // Data: a bundled file parsed in the worker, its preview.
    await page.goto('/#/data');
    await page.getByTestId('dataset-iris').click();
    await expect(page.getByTestId('preview-rows')).toHaveAttribute('data-value', '150');

    // Metrics: an example, its plots, and the exports (CSV table, PNG plot through a data: image).
    await page.getByTestId('nav-metrics').click();
    await page.getByTestId('example-binary-breast-cancer').click();
    await expect(page.getByTestId('metric-logistic-roc_auc')).toBeVisible();
    await expect(page.getByTestId('plot-roc')).toHaveAttribute('data-ready', 'true');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toBe('binary-breast-cancer-metrics.csv');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-roc-png').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
    expect(report.suggestedFilename()).toMatch(/\.html$/);
    await expectNoViolations(page, watch, 'Data and Metrics');

    // Train: a few steps on every backend (the wasm backend compiles its .wasm in the training worker).
    for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
      await page.goto(`/#/train?backend=${backend}&epochs=none&steps=5`);
      await page.reload(); // the hash alone does not restart the page: a fresh document per backend
      await page.getByTestId('train-start').click();
      await expect(page.getByTestId('backend')).toHaveText(backend, { timeout: 60_000 });
      await expect(page.getByTestId('train-status')).toHaveText('done', { timeout: 90_000 });
      await expect(page.getByTestId('train-step')).toHaveAttribute('data-value', '5');
      await expectNoViolations(page, watch, `Train (${backend})`);
    }
    // The step CSV of the run.
    const row = page.getByTestId('run-list').getByTestId('run-row').first();
    await row.getByText('Export').click();
    const [steps] = await Promise.all([page.waitForEvent('download'), row.getByTestId('run-export-csv').click()]);
    expect(steps.suggestedFilename()).toMatch(/\.csv$/);

    // Experiments: a tiny search in the worker pool (wasm in each worker), then every other tab.
    await page.getByTestId('nav-experiments').click();
    await page.getByTestId('experiments-tab-search').click();
    await page.getByTestId('search-budget').fill('2');
    await page.getByTestId('search-epochs').fill('2');
    await page.getByTestId('search-workers').fill('2');
    await page.getByTestId('search-start').click();
    await expect(page.getByTestId('search-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    await page.getByTestId('experiments-tab-drift').click();
    await page.getByTestId('drift-example-diabetes-shifted').click();
    await expect(page.getByTestId('drift-verdict')).toHaveAttribute('data-drift', 'true', { timeout: 60_000 });
    for (const tab of ['models', 'importance'] as const) {
      await page.getByTestId(`experiments-tab-${tab}`).click();
      await expect(page.getByTestId(`experiments-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
    }

    // Lessons: the list, and one step's experiment in the lesson worker.
    await page.getByTestId('nav-lessons').click();
    await expect(page.locator('[data-testid^="lesson-card-"]').first()).toBeVisible();
    await page.goto('/#/lessons?lesson=threshold-costs&step=1');
    await expect(page.getByTestId('lesson-step')).toBeVisible();
    const run = page.getByTestId('lesson-run');
    if ((await run.count()) > 0) {
      await run.click();
      await expect(run).toHaveText('Run again', { timeout: 90_000 });
    }
    await expectNoViolations(page, watch, 'Train export, Experiments and Lessons');
  });

  test('a fetch to another origin is blocked by connect-src', async ({ page }) => {
    // A server that would answer: the fetch fails because of the policy, not because nothing listens.
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*' });
      res.end('reachable');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const other = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      expect(await (await fetch(other)).text()).toBe('reachable');
      const watch = await watchViolations(page);
      await page.goto('/#/data');
      await expect(page.getByTestId('nav-data')).toHaveAttribute('aria-current', 'page');
      for (const url of [other, 'https://example.com/']) {
        const outcome = await page.evaluate(async (target) => {
          try {
            await fetch(target, { mode: 'cors' });
            return 'fetched';
          } catch (e) {
            return `rejected: ${String(e)}`;
          }
        }, url);
        expect(outcome, url).toMatch(/^rejected/);
        // One report per enforced policy (the header's and the <meta> tag's).
        await expect.poll(async () => (await watch.violations()).filter((v) => v.directive === 'connect-src' && v.blocked.startsWith(url.replace(/\/$/, ''))).length, { message: url }).toBeGreaterThanOrEqual(1);
      }
      // The page's own files still load.
      expect(await page.evaluate(async () => (await fetch('./favicon.svg')).ok)).toBe(true);

      // From a worker too, served with the preview server's own headers (the policy a worker lives under);
      // the violation reaches the watcher through its prelude, which proves the watcher sees workers.
      await page.route('**/assets/csp-probe.worker-test.js', async (route) => {
        const served = await route.fetch({ url: new URL('/', page.url()).href });
        await route.fulfill({
          status: 200,
          headers: { ...served.headers(), 'content-type': 'text/javascript' },
          body: `${WORKER_PRELUDE}fetch(${JSON.stringify(other)}).then(() => postMessage('fetched'), (e) => postMessage('rejected: ' + e));`,
        });
      });
      const fromWorker = await page.evaluate(() => new Promise<string>((done) => {
        const w = new Worker('./assets/csp-probe.worker-test.js');
        w.onmessage = (e) => done(String(e.data));
      }));
      expect(fromWorker).toMatch(/^rejected/);
      await expect.poll(() => watch.console.filter((m) => m.includes('violation in a worker: connect-src blocked ' + other.replace(/\/$/, ''))).length).toBeGreaterThanOrEqual(1);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
