import { hideFault } from '../src/core/train/challenge';
import { FAULT_NAMES } from '../src/core/train/faults';
import { expect, test, TrainPageObject } from './train-fixtures';

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

  test('a result code is verified by re-running it in a fresh page; a code with other numbers is not', async ({ train, page, browser }) => {
    await train.open('dataset=iris&epochs=4&seed=7&backend=cpu');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');
    const codeEl = page.getByTestId('result-code');
    await expect(codeEl).toHaveAttribute('data-code', /^MLW1\.[0-9a-f]{12}\./);
    const code = (await codeEl.getAttribute('data-code'))!;

    // A new browser context: no stored runs, nothing shared with the first page but the code.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    const other = new TrainPageObject(fresh);
    await other.open();
    await fresh.getByTestId('verify-code-input').fill(code);
    await fresh.getByTestId('verify-code').click();
    const result = fresh.getByTestId('verify-result');
    await expect(result).toHaveAttribute('data-status', 'match', { timeout: 90_000 });
    await expect(result).toContainText('same numbers');
    await expect(fresh.getByTestId('result-code')).toHaveAttribute('data-code', code);
    // The page took the code's settings.
    expect(fresh.url()).toContain('dataset=iris');

    // The same settings with another claimed hash: the re-run does not match.
    const forged = code.replace(/^MLW1\.([0-9a-f]{12})/, (_, h: string) => `MLW1.${h.startsWith('0') ? '1' : '0'}${h.slice(1)}`);
    await fresh.getByTestId('verify-code-input').fill(forged);
    await fresh.getByTestId('verify-code').click();
    await expect(result).toHaveAttribute('data-status', 'mismatch', { timeout: 90_000 });
    await fresh.getByTestId('verify-code-input').fill('MLW1.nonsense');
    await fresh.getByTestId('verify-code').click();
    await expect(result).toHaveAttribute('data-status', 'error');
    await context.close();
  });

  test('mystery mode: a challenge link gives everyone the same hidden fault; diagnoses are graded and the fault revealed', async ({ train, page, browser }) => {
    const link = `dataset=iris&seed=11&epochs=6&backend=cpu&mystery=${hideFault('frozen-layer', 11)}`;
    expect(link).not.toMatch(/frozen/);
    await train.open(link);
    const start = page.getByTestId('mystery-start');
    await expect(start).toHaveText('Start the challenge');
    await start.click();
    expect(await train.waitUntilFinished()).toBe('done');
    // The run's name does not give the fault away.
    await expect(train.runRows().first()).toContainText('mystery run');
    await expect(train.runRows().first()).not.toContainText('frozen');
    await page.getByTestId('mystery-diagnosis').selectOption('zero-init');
    await page.getByTestId('mystery-evidence-loss').check();
    await page.getByTestId('mystery-submit').click();
    const result = page.getByTestId('mystery-result');
    await expect(result).toHaveAttribute('data-correct', 'false');
    await expect(result).toHaveAttribute('data-fault', 'frozen-layer');
    await expect(result).toContainText('update norm is exactly zero');
    await expect(page.getByTestId('mystery-score')).toHaveAttribute('data-attempts', '1');
    await expect(page.getByTestId('mystery-score')).toHaveAttribute('data-correct', '0');
    const loss = await page.getByTestId('train-loss').getAttribute('data-value');

    // Another student, another browser context, the same link: the same run, graded correct with evidence.
    const context = await browser.newContext();
    const other = await context.newPage();
    const student = new TrainPageObject(other);
    await student.open(link);
    await other.getByTestId('mystery-start').click();
    expect(await student.waitUntilFinished()).toBe('done');
    expect(await other.getByTestId('train-loss').getAttribute('data-value')).toBe(loss);
    await other.getByTestId('mystery-diagnosis').selectOption('frozen-layer');
    await other.getByTestId('mystery-evidence-update-norm').check();
    await other.getByTestId('mystery-submit').click();
    await expect(other.getByTestId('mystery-result')).toHaveAttribute('data-correct', 'true');
    await expect(other.getByTestId('mystery-result')).toContainText('right evidence');

    // A random mystery: its challenge link names no fault; the score summary counts it.
    await other.getByRole('button', { name: 'a random one instead' }).click();
    await other.getByTestId('mystery-start').click();
    // Some faults end in divergence (a learning rate 100x too high): a failed run is a fine mystery too.
    expect(['done', 'failed']).toContain(await student.waitUntilFinished());
    await other.getByText('Challenge link for a class').click();
    const shared = await other.getByTestId('mystery-link').inputValue();
    expect(shared).toContain('mystery=');
    for (const name of FAULT_NAMES) expect(shared).not.toContain(name);
    await other.getByTestId('mystery-diagnosis').selectOption('lr-100x');
    await other.getByTestId('mystery-submit').click();
    await expect(other.getByTestId('mystery-result')).toHaveAttribute('data-correct', /true|false/);
    await expect(other.getByTestId('mystery-score')).toHaveAttribute('data-attempts', '2');
    await context.close();
  });

  test('a branch from a step with nothing changed is the original bit for bit; a branch with 10x the rate departs', async ({ train, page }) => {
    await train.open('epochs=4&backend=cpu');
    await train.train();
    expect(await train.waitUntilFinished()).toBe('done');
    const code = page.getByTestId('result-code');
    await expect(code).toHaveAttribute('data-code', /^MLW1\./);
    const originalCode = await code.getAttribute('data-code');
    const originalLoss = await page.getByTestId('train-loss').getAttribute('data-value');
    // 36 steps, a checkpoint every 10: steps 10, 20 and 30, with their size shown.
    const checkpoints = page.getByTestId('checkpoint-info');
    await expect(checkpoints).toHaveAttribute('data-count', '3');
    await expect(checkpoints).toContainText('every 10 steps');

    await page.getByTestId('branch-from-step').fill('15');
    await page.getByTestId('branch-from').click();
    await expect(page.getByTestId('branch-dialog')).toHaveAttribute('data-at', '15');
    await page.getByTestId('branch-start').click();
    expect(await train.waitUntilFinished()).toBe('done');
    await expect(train.runRows()).toHaveCount(2);
    await expect(page.getByTestId('branch-origin')).toContainText('at step 15 (nothing changed)');
    // The replay reached the original's weights at the checkpoint before the branch step, bit for bit.
    await expect(page.getByTestId('branch-verified')).toHaveAttribute('data-matches', 'true');
    await expect(page.getByTestId('branch-verified')).toHaveAttribute('data-step', '10');
    expect(await train.step()).toBe(36);
    expect(await page.getByTestId('train-loss').getAttribute('data-value')).toBe(originalLoss);
    // Same settings, backend and final numbers: the same result code.
    await expect(code).toHaveAttribute('data-code', originalCode!);
    const loss = page.getByTestId('chart-loss');
    await loss.scrollIntoViewIfNeeded();
    await expect(loss).toHaveAttribute('data-traces', '5');

    // A click on the loss chart opens the dialog at the clicked step.
    const box = (await loss.locator('.nsewdrag').first().boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const dialog = page.getByTestId('branch-dialog');
    await expect(dialog).toBeVisible();
    const clicked = Number(await dialog.getAttribute('data-at'));
    expect(clicked).toBeGreaterThan(0);
    expect(clicked).toBeLessThan(36);
    await page.getByTestId('branch-step').fill('10');
    await page.getByTestId('branch-lr-factor').selectOption('10');
    await page.getByTestId('branch-start').click();
    expect(await train.waitUntilFinished()).toBe('done');
    await expect(train.runRows()).toHaveCount(3);
    await expect(page.getByTestId('branch-origin')).toContainText('(lr ×10)');
    expect(await page.getByTestId('train-loss').getAttribute('data-value')).not.toBe(originalLoss);
  });
});
