// What a suite needs from the machine (Debian packages that scripts/setup-tests.sh installs), and what happens when
// it is missing: on a developer's machine the suite is skipped WITH its reason (scripts/test.ts prints the reasons
// on its skipped-count line); in CI (CI=true, or ATRIUM_REQUIRE_ALL=1) the suite fails with a clear message instead,
// so a broken CI image cannot turn a dozen suites into silent skips.
import { existsSync } from 'node:fs';
import type { TestOptions } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Why the test was skipped; scripts/test.ts groups the skipped count by it. */
    skipReason?: string;
  }
}

/** Where the runners look for Chromium (Playwright's own download is not used). */
export const chromiumPath = process.env.ATRIUM_CHROMIUM ?? '/usr/bin/chromium';

const tools = {
  mosquitto: { files: ['/usr/sbin/mosquitto', '/usr/bin/mosquitto_passwd'], what: 'Mosquitto (Debian package mosquitto)' },
  'mosquitto-clients': { files: ['/usr/bin/mosquitto_sub', '/usr/bin/mosquitto_pub'], what: 'mosquitto_sub/mosquitto_pub (Debian package mosquitto-clients)' },
  chromium: { files: [chromiumPath], what: `Chromium at ${chromiumPath} (Debian package chromium, or set ATRIUM_CHROMIUM)` },
  xvfb: { files: ['/usr/bin/xvfb-run'], what: 'xvfb-run (Debian package xvfb)' },
} as const;
export type Tool = keyof typeof tools;

/** True when a missing tool must fail the run rather than skip: in CI, or when asked to. */
export function requireAll(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env.CI ?? '').toLowerCase();
  return (ci !== '' && ci !== 'false' && ci !== '0') || env.ATRIUM_REQUIRE_ALL === '1';
}

/** The reason the first missing tool gives ("<what> not installed"), or null when all are there. */
export function missing(...needed: Tool[]): string | null {
  for (const t of needed) {
    if (tools[t].files.some((f) => !existsSync(f))) return `${tools[t].what} not installed`;
  }
  return null;
}

/**
 * Throws when a needed tool is missing and the run requires everything; otherwise returns the skip reason, or null
 * when nothing is missing. The one decision both runners (vitest, Playwright) take.
 */
export function skipReasonFor(...needed: Tool[]): string | null {
  const reason = missing(...needed);
  if (reason && requireAll()) {
    throw new Error(`${reason}: this run requires it (CI=${process.env.CI ?? ''}, ATRIUM_REQUIRE_ALL=${process.env.ATRIUM_REQUIRE_ALL ?? ''}); run scripts/setup-tests.sh`);
  }
  return reason;
}

/** vitest options for a describe/it: `describe('…', needs('mosquitto'), () => …)`. */
export function needs(...needed: Tool[]): TestOptions {
  return skipBecause(skipReasonFor(...needed));
}

/** vitest options that skip with `reason` when it is a string (for conditions that are no machine tool). */
export function skipBecause(reason: string | null | false): TestOptions {
  return reason ? { skip: true, meta: { skipReason: reason } } : {};
}
