import { expect, test } from './train-fixtures';

// Classroom tools on the Train page: plateau or minimum, branches, result codes, mystery mode.

test.describe('Classroom tools', () => {
  test('a too-small learning rate is called a plateau; one click branches it with 10x the rate over the original', async ({ train, page }) => {
    await train.open('optimizer=sgd&lr=0.0001&steps=120&backend=cpu');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');
    const verdict = page.getByTestId('plateau-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'plateau');
    await expect(page.getByTestId('plateau-evidence')).toContainText('cos(g_t, g_t-1)');
    await page.getByTestId('plateau-branch').click();
    expect(await train.waitUntilFinished()).toBe('done');
    await expect(train.runRows()).toHaveCount(2);
    await expect(train.runRows().first()).toContainText('⑂ step 120 (lr ×10)');
    // The branch ran 240 steps: the replayed trunk of 120, then 120 more at 1e-3.
    expect(await train.step()).toBe(240);
    const loss = page.getByTestId('chart-loss');
    await loss.scrollIntoViewIfNeeded();
    // The branch (batch, train, validation) and the original overlaid (train, validation).
    await expect(loss).toHaveAttribute('data-traces', '5');
  });

  test('a converged convex model is called a minimum', async ({ train, page }) => {
    await train.open('dataset=iris&model=softmax&lr=0.05&l2=0.01&steps=600&backend=cpu');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');
    await expect(page.getByTestId('plateau-verdict')).toHaveAttribute('data-verdict', 'minimum');
    await expect(page.getByTestId('plateau-branch')).toHaveCount(0);
  });
});
