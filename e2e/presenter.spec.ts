import { expect, test } from '@playwright/test';

// A class projector: after each reveal, what was just revealed is on screen, and with the results the
// checks and the newest result together, without the teacher scrolling.
test.use({ viewport: { width: 1280, height: 720 } });

test('presenter mode at 1280x720: each reveal is in view, the results with their checks', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#/lessons?lesson=threshold-costs&step=2&presenter=1');
  await expect(page.getByTestId('lesson-view')).toHaveAttribute('data-presenter', '1');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('lesson-question')).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('lesson-run')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('lesson-setting-cost-fn')).toBeInViewport({ ratio: 1 });
  // Inputs and tables grow with the type.
  await expect(page.getByTestId('lesson-setting-cost-fn')).toHaveCSS('font-size', /^(1[89]|2\d)(\.\d+)?px$/);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('lesson-run')).toHaveText('Run again', { timeout: 30_000 });
  await expect(page.getByTestId('lesson-results')).toBeInViewport({ ratio: 1 });
  const checks = page.getByTestId('lesson-check');
  await expect(checks).toHaveCount(4);
  for (const check of await checks.all()) {
    await expect(check).toHaveAttribute('data-status', 'pass');
    await expect(check).toBeInViewport({ ratio: 1 });
  }
  await expect(page.getByTestId('lesson-results')).toHaveCSS('font-size', /^(1[89]|2\d)(\.\d+)?px$/);
});
