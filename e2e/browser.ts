/**
 * Finds a Chromium for Playwright: its own download if present, else a system Chromium or Chrome.
 * Shared by playwright.config.ts and e2e/ensure-browser.ts so both agree on what "found" means.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const systemCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export interface FoundBrowser {
  /** undefined means Playwright's own bundled Chromium. */
  executablePath: string | undefined;
  description: string;
}

export function findChromium(): FoundBrowser | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return { executablePath: fromEnv, description: `CHROMIUM_PATH=${fromEnv}` };
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { executablePath: undefined, description: `Playwright's Chromium (${own})` };
  } catch {
    // Playwright throws when its browser registry has no entry for this platform: fall through to system browsers.
  }
  const system = systemCandidates.find((p) => existsSync(p));
  return system ? { executablePath: system, description: `system browser ${system}` } : null;
}

/** WebGPU through Chromium's software adapter (and GL through SwiftShader), so tests run on machines without a GPU. */
export const SOFTWARE_GPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader', '--use-webgpu-adapter=swiftshader'];

/** A closed network (no background connections that would be refused); no sandbox as root. */
export const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  ...(typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : []),
];
