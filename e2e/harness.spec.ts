import { expect, test } from '@playwright/test';

// The training pages rely on these: if the harness loses WebGPU or WebGL, these fail first and say why.
test.describe('browser harness', () => {
  test('WebGPU has an adapter (software on GPU-less machines)', async ({ page }) => {
    await page.goto('/');
    const adapter = await page.evaluate(async () => {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string } } | null> } }).gpu;
      if (!gpu) return 'no navigator.gpu';
      const a = await gpu.requestAdapter();
      return a ? `adapter ${a.info?.vendor ?? ''} ${a.info?.architecture ?? ''}`.trim() : 'null adapter';
    });
    expect(adapter).toMatch(/^adapter/);
  });

  test('WebGL2 is available', async ({ page }) => {
    await page.goto('/');
    const ok = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
    expect(ok).toBe(true);
  });
});
