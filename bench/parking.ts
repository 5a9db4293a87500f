// Find-my-car bench (issue #14): the search tap to the first frame with HQ's answer on screen, in Debian Chromium
// against the real agent and the HQ simulator on Mosquitto (as `npm start` runs them), beside a member look-up in the
// same page and run (a wedge scan of an HQ-signed member code to the first frame of the member home; the agent asks
// HQ about the member over the same MQTT request/response). p50 and p95 of each are printed.
// `BENCH_ONLY=parking node bench/run.ts` runs just this; every process it starts is stopped in `finally`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startDemoHq } from '../hq-sim/src/demo-hq.ts';
import { silentLog } from '../hq-sim/src/log.ts';
import { issueMemberToken } from '../hq-sim/src/member-qr.ts';
import { freshDataDir, startAgentProcess } from '../tests/support/agent-process.ts';
import { waitUntil } from '../tests/support/hq-client.ts';
import { scanWithWedge } from '../tests/browser/support/wedge.ts';
import { chromiumArgs } from './browser.ts';
import { percentile, round } from './stats.ts';

export type ParkingRow = { name: string; unit: string; values: number[]; baselineName: string; baseline: number[] };

async function armPaintProbe(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    (window as unknown as { __painted: Promise<number> }).__painted = new Promise<number>((resolve) => {
      const check = () => (document.querySelector(sel) ? requestAnimationFrame(() => resolve(performance.now())) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
  }, selector);
}

const painted = (page: Page) => page.evaluate(() => (window as unknown as { __painted: Promise<number> }).__painted);

export async function parkingBench(runs: number): Promise<ParkingRow[]> {
  const hq = await startDemoHq({ dataDir: mkdtempSync(path.join(tmpdir(), 'atrium-bench-parking-hq-')), log: silentLog });
  try {
    if (!hq.kioskCanConnect) throw new Error(`the parking bench needs Mosquitto (${hq.note ?? 'no MQTT 5 broker'})`);
    const agent = await startAgentProcess({ dataDir: freshDataDir('atrium-bench-parking-'), env: hq.agentEnv });
    try {
      await waitUntil(async () => {
        const h = await (await fetch(new URL('/health', agent.url))).json();
        return h.sync.state === 'online' && h.versions.catalog >= 2; // HQ's catalog, with HQ's member-code key
      }, 20_000, 'agent online with HQ`s catalog');
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
      try {
        const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true })).newPage();
        await page.goto(await agent.pairUrl());
        await page.locator('[data-screen="attract"]').click();
        await page.locator('[data-screen="home"]').waitFor();
        const plate: number[] = [];
        const member: number[] = [];
        const m = hq.data.store.memberById('M1003')!;
        for (let i = 0; i < runs; i++) {
          // Member look-up: wedge scan (the scan mark is the Enter key) to the member home's first frame, then back.
          await armPaintProbe(page, '[data-testid="member-home"]');
          await scanWithWedge(page, issueMemberToken(hq.data.key, m, new Date()).token);
          member.push(await page.evaluate(async () => (await (window as unknown as { __painted: Promise<number> }).__painted) - performance.getEntriesByName('atrium:scan').at(-1)!.startTime));
          await page.getByTestId('member-sign-out').click();
          await page.locator('[data-screen="home"]').waitFor();
          // Plate: typed on the keys (not timed), then the search tap to the first frame with the answer.
          await page.getByTestId('parking-open').click();
          for (const ch of '沪AD12348') await page.getByTestId(`plate-key-${ch}`).click();
          await armPaintProbe(page, '[data-testid="parking-found"]');
          const tapped = await page.getByTestId('parking-search').evaluate((el) => { const t = performance.now(); (el as HTMLButtonElement).click(); return t; });
          plate.push((await painted(page)) - tapped);
          await page.getByTestId('parking-back').click();
          await page.locator('[data-screen="home"]').waitFor();
        }
        const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
        const line = (name: string, v: number[]) => `${name}: p50 ${round(percentile(sorted(v), 50))} ms, p95 ${round(percentile(sorted(v), 95))} ms (${v.length} runs)`;
        console.log(line('plate search tap to result on screen', plate));
        console.log(line('member look-up (wedge scan to member home)', member));
        return [{ name: 'find my car: search tap to HQ`s answer on screen (via MQTT)', unit: 'ms', values: plate, baselineName: 'member look-up: scan to member home', baseline: member }];
      } finally {
        await browser.close();
      }
    } finally {
      await agent.stop();
    }
  } finally {
    await hq.stop();
  }
}
