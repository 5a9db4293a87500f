// The staff console with a real HQ: the HQ simulator on Debian Mosquitto (as `npm start` runs it) publishes the
// catalog (with HQ's staff credentials: scrypt PIN hashes) and the desired config. A staff override beats HQ's
// desired config and is reported to HQ; HQ re-sending the same value leaves it; HQ changing that field takes it
// back. Every staff action reaches HQ as a `staff.audit` event, without PINs.
import { expect, test, type Page } from '@playwright/test';
import { StaffAuditPayload } from '../../contracts/staff.ts';
import type { DemoHq } from '../../hq-sim/src/demo-hq.ts';
import type { AgentProcess } from '../support/agent-process.ts';
import { startAgentWithDemoHq } from './support/demoHq.ts';
import { expectNoProblems, openPairedKiosk, saveScreenshot, watchForProblems } from './support/kiosk.ts';
import { li, signInWithPin } from './support/staff.ts';
import { skipWithout } from './support/needs.ts';

skipWithout('mosquitto');

let hq: DemoHq;
let agent: AgentProcess;

test.beforeAll(async () => {
  ({ hq, agent } = await startAgentWithDemoHq('atrium-staff-hq-'));
});

test.afterAll(async () => {
  await agent?.stop();
  await hq?.stop();
});

const { mallId, deviceId } = { mallId: 'demo-mall', deviceId: 'demo-kiosk-1' };
const reported = () => hq.data.store.reportedConfig(mallId, deviceId);
const hqAudit = () => hq.data.store.events({ deviceId, type: 'staff.audit', limit: 500 }).reverse().map((e) => StaffAuditPayload.parse(e.payload));
const source = (page: Page, field: string) => page.getByTestId(`setting-${field}-source`);

test('a staff override beats HQ until HQ changes that setting; HQ sees the override and every staff action', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await watchForProblems(page);
  await expect.poll(() => reported()?.desiredVersion ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  const v1 = hq.data.store.desiredConfig(mallId, deviceId)!;
  expect(v1.config.idleTimeoutSec).toBe(60);

  // HQ's staff credentials work on the kiosk (the PIN hash came in HQ's catalog snapshot).
  await openPairedKiosk(page, agent);
  await signInWithPin(page);
  await expect(source(page, 'idleTimeoutSec')).toHaveText(`总部下发 v${v1.version}`);

  // Staff override: 30 s. HQ's reported config lists it.
  await page.getByTestId('setting-idleTimeoutSec-input').fill('30');
  await page.getByTestId('setting-idleTimeoutSec-save').click();
  await expect(source(page, 'idleTimeoutSec')).toHaveText('本机修改 · 李娜 (Li Na)');
  await expect.poll(() => reported()?.localOverrides, { timeout: 10_000 }).toEqual(['idleTimeoutSec']);
  expect(reported()!.effective.idleTimeoutSec).toBe(30);

  // HQ publishes a newer desired config that re-sends 60 s and changes the attract interval: the override holds.
  const v2 = await hq.simulator.setDesiredConfig(deviceId, { idleTimeoutSec: 60, attractIntervalSec: 9 });
  await expect.poll(() => reported()?.desiredVersion, { timeout: 10_000 }).toBe(v2.version);
  expect(reported()).toMatchObject({ localOverrides: ['idleTimeoutSec'], effective: { idleTimeoutSec: 30, attractIntervalSec: 9 } });
  await expect(page.getByTestId('setting-attractIntervalSec-input')).toHaveValue('9');
  await expect(source(page, 'attractIntervalSec')).toHaveText(`总部下发 v${v2.version}`);
  await expect(page.getByTestId('setting-idleTimeoutSec-input')).toHaveValue('30');
  await saveScreenshot(page, 'staff-console-settings-hq-and-override');

  // HQ changes the idle timeout on purpose: HQ's value wins from now on, and HQ hears that the override is gone.
  const v3 = await hq.simulator.setDesiredConfig(deviceId, { idleTimeoutSec: 45, attractIntervalSec: 9 });
  await expect.poll(() => reported()?.desiredVersion, { timeout: 10_000 }).toBe(v3.version);
  expect(reported()).toMatchObject({ localOverrides: [], effective: { idleTimeoutSec: 45 } });
  await expect(page.getByTestId('setting-idleTimeoutSec-input')).toHaveValue('45', { timeout: 10_000 });
  await expect(source(page, 'idleTimeoutSec')).toHaveText(`总部下发 v${v3.version}`);

  // Staff actions from the console reach HQ through the outbox: sync now runs HQ's own sync-now path.
  await page.getByTestId('staff-tab-actions').click();
  await page.getByTestId('action-sync-now-run').click();
  await expect(page.getByTestId('action-sync-now-outcome')).toContainText('完成');
  await page.getByTestId('staff-tab-status').click();
  await expect(page.getByTestId('status-hq-value')).toHaveText('在线');
  await expect(page.getByTestId('status-catalog-value')).toHaveText(/^v\d+$/);
  await saveScreenshot(page, 'staff-console-status-online');
  await page.getByTestId('staff-sign-out').click();

  await expect.poll(() => hqAudit().map((a) => a.action), { timeout: 15_000 }).toEqual(expect.arrayContaining(['sign-in', 'setting-changed', 'override-superseded', 'action', 'sign-out']));
  const audit = hqAudit();
  expect(audit.find((a) => a.action === 'setting-changed')).toMatchObject({ staffId: li.staffId, details: { field: 'idleTimeoutSec', from: 60, to: 30 } });
  expect(audit.find((a) => a.action === 'override-superseded')).toMatchObject({ staffId: null, details: { field: 'idleTimeoutSec', setBy: li.staffId, staffValue: 30, hqValue: 45, hqVersion: v3.version } });
  expect(audit.find((a) => a.action === 'action')).toMatchObject({ staffId: li.staffId, details: { action: 'sync-now', status: 'done' } });
  expect(audit.find((a) => a.action === 'sign-out')).toMatchObject({ staffId: li.staffId, details: { reason: 'button' } });
  expect(JSON.stringify(audit)).not.toContain(li.pin);
  expectNoProblems(problems);
});
