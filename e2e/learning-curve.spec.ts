import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Learning curves on the Experiments page (issue 18, item 4): computed in the Experiments worker, drawn under the CSP, axe clean. */

async function expectAxeClean(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
  expect.soft(serious, state).toEqual([]);
}

function watchCsp(page: Page): string[] {
  const errors: string[] = [];
  const on = (text: string) => {
    if (/content security policy/i.test(text)) errors.push(text);
  };
  page.on('console', (m) => on(m.text()));
  page.on('pageerror', (e) => on(String(e)));
  page.on('worker', (w) => w.on('console', (m) => on(m.text())));
  return errors;
}

/** y depends on a strongly, on b weakly, not at all on c. */
function csv(rows: number): string {
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296) - 0.5;
  const lines = ['a,b,c,y'];
  for (let i = 0; i < rows; i++) {
    const a = rand(), b = rand(), c = rand();
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${a + 0.3 * b + 0.1 * rand() > 0 ? 'yes' : 'no'}`);
  }
  return lines.join('\n');
}

test.describe('Experiments: learning curves', () => {
  test('learning curve with a power law, more data or more features, a validation curve, by keyboard, axe clean, under the CSP', async ({ page }) => {
    test.setTimeout(240_000);
    const csp = watchCsp(page);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/#/experiments?tab=curves');
    await expect(page.getByTestId('experiments-tab-curves')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('.experiments-page')).toHaveAttribute('data-plotly-ready', 'true');
    const panel = page.getByTestId('learning-curve');
    await expect(panel).toHaveAttribute('data-ready', 'false');
    await expectAxeClean(page, 'curves, empty');

    await page.getByTestId('curves-epochs').fill('8');
    await page.getByTestId('curves-repeats').fill('2');
    await page.getByTestId('curves-points').fill('4');
    await page.getByTestId('curves-metric').selectOption('accuracy');
    // Started from the keyboard.
    await page.getByTestId('learning-curve-start').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('progress')).toBeVisible();
    await expect(panel).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });
    await expect(page.getByTestId('curves-status')).toHaveAttribute('data-status', 'done');
    await expect(panel).toHaveAttribute('data-sizes', '4');
    await expect(panel).toHaveAttribute('data-points', '8');
    await expect(panel).toHaveAttribute('data-fitted', 'true');
    await expect(page.getByTestId('learning-curve-plot')).toHaveAttribute('data-ready', 'true');
    await expect(panel.getByTestId('learning-curve-table').locator('tbody tr')).toHaveCount(4);
    const gains = await panel.getByTestId('learning-curve-gains').locator('li').evaluateAll((els) =>
      els.map((e) => ({ factor: Number(e.getAttribute('data-factor')), gain: Number(e.getAttribute('data-gain')), low: Number(e.getAttribute('data-low')), high: Number(e.getAttribute('data-high')) })),
    );
    expect(gains.map((g) => g.factor)).toEqual([2, 5, 10]);
    for (const g of gains) {
      expect(Number.isFinite(g.gain)).toBe(true);
      expect(g.low).toBeLessThanOrEqual(g.high);
    }
    // The validation score rises from the smallest subset to the whole training split.
    const v = await panel.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-validation'))));
    expect(v.at(-1)!).toBeGreaterThan(v[0]!);
    const verdict = page.getByTestId('data-or-features-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', /^(more-data|more-features|unclear)$/);
    await expect(page.getByTestId('data-or-features-plot')).toHaveAttribute('data-ready', 'true');
    await expectAxeClean(page, 'curves, learning curve');

    // A validation curve over the learning rate.
    await page.getByTestId('curves-param').selectOption('lr');
    await page.getByTestId('curves-lo').fill('0.001');
    await page.getByTestId('curves-hi').fill('0.1');
    await page.getByTestId('curves-count').fill('3');
    await page.getByTestId('validation-curve-start').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('validation-curve')).toBeVisible({ timeout: 180_000 });
    await expect(page.getByTestId('validation-curve-table').locator('tbody tr')).toHaveCount(3);
    await expect(page.getByTestId('validation-curve-best')).toHaveAttribute('data-best', /^(0\.001|0\.01|0\.1)$/);
    await expect(page.getByTestId('validation-curve-plot')).toHaveAttribute('data-ready', 'true');
    await expectAxeClean(page, 'curves, validation curve');
    expect(csp).toEqual([]);
  });

  test('an uploaded CSV: a learning curve on it; a bad file gets one message and the page keeps working', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/#/experiments?tab=curves');
    await page.getByTestId('curves-file').setInputFiles({ name: 'binary.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 0, 255, 0, 7, 0]) });
    await expect(page.getByTestId('curves-message')).toContainText('binary.bin');
    await page.getByTestId('curves-file').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(300)) });
    await expect(page.getByTestId('curves-source-upload')).toBeChecked();
    await expect(page.getByTestId('curves-target')).toHaveValue('y');
    await page.getByTestId('curves-model').selectOption('logistic');
    await page.getByTestId('curves-epochs').fill('10');
    await page.getByTestId('curves-repeats').fill('2');
    await page.getByTestId('curves-points').fill('4');
    await page.getByTestId('learning-curve-start').click();
    const panel = page.getByTestId('learning-curve');
    await expect(panel).toHaveAttribute('data-ready', 'true', { timeout: 150_000 });
    await expect(panel).toHaveAttribute('data-points', '8');
    // The feature that decides y is worth the most; the unused one the least.
    const plot = page.getByTestId('more-data-or-features');
    await expect(plot).toBeVisible();
    await expect(page.getByTestId('data-or-features-verdict')).toHaveAttribute('data-verdict', /.+/);
  });
});
