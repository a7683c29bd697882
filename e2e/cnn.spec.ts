import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './train-fixtures';
import type { Locator } from '@playwright/test';

/** Reads the saliency view's numbers once it is up to date and checks completeness: sum = f(x) - f(blank). */
async function expectComplete(saliency: Locator): Promise<{ value: number; gap: number }> {
  await expect(saliency).toHaveAttribute('data-status', 'ready', { timeout: 15_000 });
  const read = async (name: string) => Number(await saliency.getAttribute(name));
  const value = await read('data-value');
  const baseline = await read('data-baseline-value');
  const sum = await read('data-sum');
  const gap = await read('data-gap');
  expect(Number.isFinite(value) && value > 0 && value <= 1).toBe(true);
  expect(Math.abs(sum - (value - baseline))).toBeLessThan(1e-3);
  expect(Math.abs(gap)).toBeLessThan(1e-3);
  return { value, gap };
}

test.describe('Inside the CNN', () => {
  test('filters, feature maps and complete saliency of a test digit; draw a digit with mouse and keyboard and classify it', async ({ train, page }) => {
    // The page runs under its content security policy (see csp.spec.ts): record any violation.
    const cspErrors: string[] = [];
    page.on('console', (m) => /content security policy/i.test(m.text()) && cspErrors.push(m.text()));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.effectiveDirective} ${e.blockedURI}`));
    });
    await train.open('dataset=digits&model=cnn&hidden=16&steps=40&backend=wasm&seed=2');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');
    await expect(train.backend()).toHaveText('wasm');

    const panel = page.getByTestId('cnn-panel');
    await expect(panel).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('cnn-filters')).toHaveAttribute('data-layers', 'conv1:8x1,conv2:16x8');
    await expect(page.getByTestId('cnn-filters-conv1')).toHaveAttribute('data-tiles', '8');
    await expect(page.getByTestId('cnn-filters-conv2')).toHaveAttribute('data-tiles', '128');
    await expect(page.getByTestId('cnn-feature-maps')).toHaveAttribute('data-layers', 'conv1:8x8,conv2:16x4');

    // A test digit: its prediction, and integrated gradients that sum to P(x) - P(blank).
    const saliency = page.getByTestId('cnn-saliency');
    await expectComplete(saliency);
    const prediction = page.getByTestId('draw-prediction');
    await expect(prediction).toHaveAttribute('data-class', /^[0-9]$/);
    await expect(page.getByTestId('cnn-completeness')).toContainText('completeness gap');

    // Another test digit moves the views along.
    const select = page.getByTestId('cnn-test-digit');
    await select.selectOption({ index: 3 });
    await expectComplete(saliency);

    // Draw a "1" with the mouse: a vertical stroke down column 4.
    const draw = page.getByTestId('draw-digit');
    const canvas = page.getByTestId('draw-digit-canvas');
    await draw.getByTestId('draw-digit-clear').click();
    await expect(canvas).toHaveAttribute('data-inked', '0');
    const box = (await canvas.boundingBox())!;
    const cell = box.width / 8;
    await page.mouse.move(box.x + 4.5 * cell, box.y + 0.5 * cell);
    await page.mouse.down();
    for (let r = 1; r <= 7; r++) await page.mouse.move(box.x + 4.5 * cell, box.y + (r + 0.5) * cell, { steps: 2 });
    await page.mouse.up();
    await expect(canvas).toHaveAttribute('data-inked', '8');
    await expect(prediction).toHaveAttribute('data-class', /^[0-9]$/);
    const p = Number(await prediction.getAttribute('data-value'));
    expect(p > 0.1 && p <= 1).toBe(true);
    await expectComplete(saliency);

    // The keyboard alternative: arrows move the cursor, Space toggles the cell under it.
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect(canvas).toHaveAttribute('data-cursor', String(8 * 1 + 5));
    await page.keyboard.press('Space');
    await expect(canvas).toHaveAttribute('data-inked', '9');
    await page.keyboard.press('Space');
    await expect(canvas).toHaveAttribute('data-inked', '8');

    // Explaining another class keeps completeness.
    await page.getByTestId('cnn-saliency-class').selectOption('7');
    await expect(saliency).toHaveAttribute('data-class', '7', { timeout: 15_000 });
    await expectComplete(saliency);

    const { violations } = await new AxeBuilder({ page }).include('[data-testid="cnn-panel"]').analyze();
    expect(violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
