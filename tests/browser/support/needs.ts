// File-level skip (or, in CI, failure) for browser specs whose machine tools are missing: see
// tests/support/requirements.ts. Call it at the top of a spec file, after the imports.
import { test } from '@playwright/test';
import { skipReasonFor, type Tool } from '../../support/requirements.ts';

/** Every browser spec needs Chromium; pass what else it needs (e.g. 'mosquitto'). */
export function skipWithout(...tools: Tool[]): void {
  const reason = skipReasonFor('chromium', ...tools);
  test.skip(reason !== null, reason ?? '');
}
