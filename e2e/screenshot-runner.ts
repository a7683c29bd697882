/**
 * Runs the screenshot scripts' shots (e2e/screenshots*.ts): each in a new 1280x720 page (a class projector) of Debian
 * Chromium, saved as `<out>/<name>.png`; `only` keeps the shots whose name contains it. A shot that fails is named and
 * the rest still run. `afterFrame` takes extra images once the frame is saved (an element image scrolls the page).
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { QUIET_FLAGS, SOFTWARE_GPU_FLAGS, findChromium } from './browser';

export type Shot = (page: Page) => Promise<void>;

export async function takeShots(
  shots: Record<string, Shot>,
  { out, only, afterFrame }: { out: string; only?: string; afterFrame?: (page: Page, ok: boolean) => Promise<void> },
): Promise<void> {
  mkdirSync(out, { recursive: true });
  const found = findChromium();
  const browser = await chromium.launch({ executablePath: found?.executablePath, args: [...SOFTWARE_GPU_FLAGS, ...QUIET_FLAGS] });
  for (const [name, take] of Object.entries(shots)) {
    if (only && !name.includes(only)) continue;
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true, reducedMotion: 'reduce' });
    try {
      await take(page);
      await page.screenshot({ path: `${out}/${name}.png` });
      await afterFrame?.(page, true);
      console.log('ok', name);
    } catch (e) {
      console.log('FAILED', name, (e as Error).message.split('\n')[0]);
      await afterFrame?.(page, false).catch(() => {});
      await page.screenshot({ path: `${out}/FAILED-${name}.png` }).catch(() => {});
    }
    await page.close();
  }
  await browser.close();
}
