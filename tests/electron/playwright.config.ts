// The Electron kiosk suite: launches the real Electron app with Playwright's _electron. Where the Electron
// binary is not available (this build environment cannot download it) the test reports itself as skipped.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
  retries: 0,
});
