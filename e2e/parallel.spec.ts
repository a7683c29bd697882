import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './train-fixtures';

test.describe('Data-parallel SGD', () => {
  test('a 2-worker synchronous run uses Web Workers, reports the all-reduce cost and matches the 1-worker run', async ({ train, page }) => {
    // The same seed on one worker first: its last batch loss is what two workers must reproduce.
    await train.open('epochs=2&seed=2&hidden=8&backend=wasm');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');
    const single = await train.loss();
    await expect(page.getByTestId('parallel-panel')).toHaveCount(0);

    await page.locator('summary', { hasText: /^Workers \(data parallel\)$/ }).click();
    await page.getByTestId('workers').fill('2');
    await expect(page.getByTestId('parallel-mode')).toHaveValue('sync');
    await expect.poll(() => page.url()).toContain('workers=2');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');

    const panel = page.getByTestId('parallel-panel');
    await expect(panel).toHaveAttribute('data-workers', '2');
    await expect(panel).toHaveAttribute('data-mode', 'sync');
    await expect(page.getByTestId('parallel-pool')).toHaveText('2 Web Workers');
    const allreduce = page.getByTestId('allreduce-ms');
    await expect(allreduce).toHaveAttribute('data-steps', String(await train.step()));
    expect(Number(await allreduce.getAttribute('data-value'))).toBeGreaterThanOrEqual(0);
    const parallel = await train.loss();
    expect(Math.abs(parallel.first - single.first)).toBeLessThan(1e-5);
    expect(Math.abs(parallel.last - single.last)).toBeLessThan(1e-4);
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="parallel-panel"]').analyze();
    expect(violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id)).toEqual([]);
  });

  test('asynchronous mode with staleness', async ({ train, page }) => {
    await train.open('epochs=1&seed=2&hidden=8&workers=2&mode=async&staleness=3');
    await expect(page.getByTestId('staleness')).toHaveValue('3');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');
    await expect(page.getByTestId('parallel-panel')).toHaveAttribute('data-mode', 'async');
    await expect(page.getByTestId('parallel-panel')).toContainText('3 updates stale');
  });
});
