import { defineConfig } from '@playwright/test';
import { QUIET_FLAGS, SOFTWARE_GPU_FLAGS, findChromium } from './e2e/browser';

const browser = findChromium();
// E2E_PORT lets several checkouts run their e2e suites side by side on one machine.
const port = Number(process.env.E2E_PORT ?? 4173);

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
    baseURL: `http://127.0.0.1:${port}`,
    trace: process.env.CI ? 'retain-on-failure' : 'off',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: browser?.executablePath,
      args: [...SOFTWARE_GPU_FLAGS, ...QUIET_FLAGS],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
