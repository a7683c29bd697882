import { defineConfig } from '@playwright/test';
import { QUIET_FLAGS, SOFTWARE_GPU_FLAGS, findChromium } from './e2e/browser';

const browser = findChromium();

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // Two cores: one worker keeps training-heavy pages from starving each other.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    trace: process.env.CI ? 'retain-on-failure' : 'off',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: browser?.executablePath,
      args: [...SOFTWARE_GPU_FLAGS, ...QUIET_FLAGS],
    },
  },
  webServer: {
    command: 'npx vite preview --port 4173 --strictPort --host 127.0.0.1',
    url: 'http://127.0.0.1:4173',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
