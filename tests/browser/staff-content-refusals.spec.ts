// The staff Status page's Content tile when HQ's catalog holds assets the kiosk refused (an unknown MIME type, an
// oversized one): the tile says how many and the latest reason, in Chinese and English, at the guide screen's size.
// The refusals come the real way: a catalog delta applied to the demo kiosk's database by the agent's own code.
import { expect, test } from '@playwright/test';
import { CatalogDelta } from '../../contracts/mqtt.ts';
import { MAX_ASSET_BYTES } from '../../contracts/content.ts';
import { catalogInfo } from '../../edge-agent/src/catalog/info.ts';
import { openDatabase } from '../../edge-agent/src/db/open.ts';
import { applyDelta } from '../../edge-agent/src/sync/apply.ts';
import { freshDataDir } from '../support/agent-process.ts';
import { openPairedKiosk, saveScreenshot, startAgentProcess, type AgentProcess } from './support/kiosk.ts';
import { enterPin, li, openStaffSignIn } from './support/staff.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;

test.beforeAll(async () => {
  const dataDir = freshDataDir('atrium-staff-refused-');
  // First start seeds the demo mall; then HQ's delta names two assets this kiosk cannot take.
  await (await startAgentProcess({ dataDir })).stop();
  const db = openDatabase(dataDir);
  const from = catalogInfo(db)!.version;
  const bad = (c: string, over: object) => ({ sha256: c.repeat(64), bytes: 1000, mime: 'image/png', width: 1080, height: 1920, url: `https://cdn.example/${c}`, ...over });
  const delta = CatalogDelta.parse({
    mallId: 'demo-mall', fromVersion: from, toVersion: from + 1, publishedAt: new Date().toISOString(),
    upsert: { assets: [bad('a', { mime: 'image/gif' }), bad('b', { mime: 'video/mp4', durationMs: 5000, bytes: MAX_ASSET_BYTES + 1 })] },
  });
  expect(applyDelta(db, delta, 'demo-mall')).toBe('applied');
  db.close();
  agent = await startAgentProcess({ dataDir });
});
test.afterAll(async () => {
  await agent?.stop();
});

test('the Content tile lists refused assets, in both languages (1080x1920)', async ({ page }) => {
  test.setTimeout(90_000);
  await openPairedKiosk(page, agent);
  await openStaffSignIn(page);
  await page.getByTestId(`staff-${li.staffId}`).click();
  await enterPin(page, li.pin);
  await page.getByTestId('staff-tab-status').click();
  const tile = page.getByTestId('status-content');
  await expect(tile).toContainText('HQ 目录中 2 个素材被拒收');
  await expect(tile).toContainText('mime: ');
  await saveScreenshot(page, 'staff-console-status-refused');
  await page.getByTestId('staff-lang-en').click();
  await expect(tile).toContainText("2 asset(s) of HQ's catalog refused");
  await saveScreenshot(page, 'staff-console-status-refused-en');
  await page.getByTestId('staff-sign-out').click();
});
