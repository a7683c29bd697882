import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './train-fixtures';

test.describe('16-bit training', () => {
  test('a float16 run with dynamic loss scaling shows values flushed to zero per layer, skips and the float32 loss', async ({ train, page }) => {
    await train.open('epochs=3&seed=1');
    await page.locator('summary', { hasText: /^Precision$/ }).click();
    await page.getByTestId('precision').selectOption('float16');
    await page.getByTestId('loss-scaling').selectOption('dynamic');
    await expect(page.getByTestId('loss-scale')).toHaveValue('1024');
    // The setting is part of the shareable link.
    await expect.poll(() => page.url()).toContain('precision=float16');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');

    const steps = await train.step();
    const flushed = page.getByTestId('flushed-to-zero');
    await expect(flushed).toHaveAttribute('data-steps', String(steps));
    await expect(flushed.locator('tr[data-layer]')).toHaveCount(3);
    expect(await flushed.locator('tr[data-layer]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-layer')))).toEqual(['hidden1', 'hidden2', 'output']);
    const total = Number(await flushed.getAttribute('data-total'));
    expect(total).toBeGreaterThanOrEqual(0);

    // The loss follows the float32 run of the same seed closely on two moons, but is its own number.
    const loss = page.getByTestId('precision-loss');
    const value = Number(await loss.getAttribute('data-value'));
    const float32 = Number(await loss.getAttribute('data-float32'));
    expect(Number.isFinite(float32) && float32 > 0).toBe(true);
    expect(Math.abs(value - float32)).toBeLessThan(0.1);
    await expect(page.getByTestId('overflow-skipped')).toHaveAttribute('data-value', /^\d+$/);
    await expect(page.getByTestId('loss-scale-value')).toHaveAttribute('data-value', /^\d/);
    await page.getByTestId('chart-precision').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('chart-precision')).toHaveAttribute('data-traces', /^[34]$/);
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="precision-panel"]').analyze();
    expect(violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id)).toEqual([]);
  });

  test('a float32 run has no precision panel', async ({ train, page }) => {
    await train.open('epochs=1');
    await expect(page.getByTestId('precision')).toHaveValue('float32');
    await train.train();
    await train.waitUntilFinished();
    await expect(page.getByTestId('final-metrics')).toBeVisible();
    await expect(page.getByTestId('flushed-to-zero')).toHaveCount(0);
  });
});
