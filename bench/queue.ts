// Queue ticket bench (issue 14): in Debian Chromium against the real agent and the demo HQ (the HQ simulator with its
// queue engine on Debian Mosquitto, as `npm start` runs it), the tap on "Get my ticket" to the first frame showing HQ's
// ticket (agent -> MQTT 5 request/response -> HQ's SQLite -> back, no printer configured), p50 and p95 per run;
// beside a member look-up in the same page and run: a wedge scan of an HQ-signed member code to the first frame of
// the member home. `BENCH_ONLY=queue node bench/run.ts` runs just this. Every process started here is stopped here.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startDemoHq } from '../hq-sim/src/demo-hq.ts';
import { ringLog } from '../hq-sim/src/log.ts';
import { freshDataDir, startAgentProcess } from '../tests/support/agent-process.ts';
import { memberToken, type HqTestKey } from '../tests/support/member-fixture.ts';
import { scanWithWedge } from '../tests/browser/support/wedge.ts';
import { AGENT_READY_MS } from './agent.ts';
import { chromiumArgs } from './browser.ts';
import { armPaintProbe, paintedSince, type MemberRow } from './members.ts';
import { p } from './qr-decode.ts';

async function takeTicket(page: Page, storeId: string): Promise<number> {
  await page.locator(`[data-testid="store-row"][data-store-id="${storeId}"] [data-testid="queue-take-open"]`).click();
  await page.getByTestId('queue-size-2').click();
  await armPaintProbe(page, '[data-testid="queue-ticket"]');
  const tappedAt = await page.evaluate(() => performance.now());
  await page.getByTestId('queue-submit').click();
  const ms = await paintedSince(page, tappedAt);
  await page.getByTestId('queue-done').click();
  await page.locator('[data-screen="home"]').waitFor();
  return ms;
}

export async function queueBench(runs: number): Promise<MemberRow[]> {
  const log = (s: string) => console.log(`  queue: ${s}`);
  const hq = await startDemoHq({ dataDir: mkdtempSync(path.join(tmpdir(), 'atrium-bench-queue-hq-')), log: ringLog(100) });
  try {
    if (!hq.kioskCanConnect) throw new Error('the queue bench needs Debian Mosquitto (MQTT 5); the demo HQ fell back to aedes');
    const agent = await startAgentProcess({ dataDir: freshDataDir('atrium-bench-queue-'), env: hq.agentEnv, timeoutMs: AGENT_READY_MS });
    try {
      const key: HqTestKey = { kid: hq.data.key.kid, privateKey: hq.data.key.privateKey, publicKey: hq.data.key.hqKey.publicKey };
      const perRun = Number(process.env.BENCH_QUEUE_TICKETS ?? 10);
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
      const ticket = { p50: [] as number[], p95: [] as number[] };
      const member = { p50: [] as number[], p95: [] as number[] };
      try {
        for (let r = 0; r < runs; r++) {
          const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
          const page = await context.newPage();
          try {
            await page.goto(await agent.pairUrl());
            await page.locator('[data-screen="attract"]').click();
            await page.getByTestId('category-dining').click();
            await page.locator('[data-store-id="s-hotpot"] [data-testid="queue-line"][data-state="live"]').waitFor({ timeout: 20_000 });
            const t: number[] = [];
            const m: number[] = [];
            for (let i = 0; i < perRun; i++) {
              t.push(await takeTicket(page, ['s-hotpot', 's-cantonese', 's-bbq'][i % 3]!));
              await armPaintProbe(page, '[data-testid="member-home"]');
              await scanWithWedge(page, memberToken(key, 'M1004', 'diamond'));
              m.push(await paintedSince(page, 'scan'));
              await page.getByTestId('member-sign-out').click();
              await page.locator('[data-screen="home"]').waitFor();
              await page.getByTestId('category-dining').click();
            }
            ticket.p50.push(p(t, 50));
            ticket.p95.push(p(t, 95));
            member.p50.push(p(m, 50));
            member.p95.push(p(m, 95));
          } finally {
            await context.close();
          }
        }
      } finally {
        await browser.close();
      }
      log(`${runs} runs of ${perRun} tickets and ${perRun} member scans`);
      return [
        { name: `queue ticket: tap to ticket shown (HQ over MQTT 5), p50 of ${perRun}`, unit: 'ms', values: ticket.p50, baselineName: 'member wedge scan to member home p50', baseline: member.p50 },
        { name: `queue ticket: tap to ticket shown (HQ over MQTT 5), p95 of ${perRun}`, unit: 'ms', values: ticket.p95, baselineName: 'member wedge scan to member home p95', baseline: member.p95 },
      ];
    } finally {
      await agent.stop();
    }
  } finally {
    await hq.stop();
  }
}
