/**
 * Page object for the Train page, injected as a Playwright fixture (tldraw's e2e pattern): tests say what
 * a user does ("train with these settings", "wait until done") and read state through stable test ids.
 */
import { expect, test as base, type Page } from '@playwright/test';

export class TrainPageObject {
  constructor(readonly page: Page) {}

  /** Opens the Train page with settings in the URL (the same query a shared link carries). */
  async open(query = ''): Promise<void> {
    // Full speed unless a test asks for the page's default pace (watch: a short run spread over ~20 s).
    const q = /(^|&)pace=/.test(query) ? query.replace(/(^|&)pace=watch/, '') : [query, 'pace=full'].filter(Boolean).join('&');
    await this.page.goto(`/#/train${q ? `?${q}` : ''}`);
    await expect(this.page.getByTestId('train-start')).toBeVisible();
  }

  status() {
    return this.page.getByTestId('train-status');
  }

  async train(): Promise<void> {
    await this.page.getByTestId('train-start').click();
    await expect(this.status()).toHaveText(/running|done|failed/);
  }

  /** Waits for the run to end and returns its status text. */
  async waitUntilFinished(timeout = 90_000): Promise<string> {
    await expect(this.status()).toHaveText(/^(done|stopped|failed)$/, { timeout });
    return (await this.status().textContent()) ?? '';
  }

  async step(): Promise<number> {
    return Number(await this.page.getByTestId('train-step').getAttribute('data-value'));
  }

  async loss(): Promise<{ first: number; last: number }> {
    const el = this.page.getByTestId('train-loss');
    return { first: Number(await el.getAttribute('data-first-value')), last: Number(await el.getAttribute('data-value')) };
  }

  backend() {
    return this.page.getByTestId('backend');
  }

  runRows() {
    return this.page.getByTestId('run-list').getByTestId('run-row');
  }
}

export const test = base.extend<{ train: TrainPageObject }>({
  train: async ({ page }, use) => {
    // No animations: screenshots and timings do not depend on transitions.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await use(new TrainPageObject(page));
  },
});

export { expect };
