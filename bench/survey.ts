// Survey page switch bench (issue 15): in Debian Chromium against the real agent and the demo HQ (as `npm start` runs
// it), a tap on SurveyJS's "next" to the first frame showing the next question (one question a page, the demo visit
// survey's seven pages), p50 and p95 per run; beside a plain React screen switch in the same page and run: the guide
// home's find-my-car entry to the first frame of the parking screen. Nothing is submitted (each pass leaves with
// "back"), so the runs stay alike. `BENCH_ONLY=survey node bench/run.ts` runs just this. Every process started here is
// stopped here.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startDemoHq } from '../hq-sim/src/demo-hq.ts';
import { ringLog } from '../hq-sim/src/log.ts';
import { freshDataDir, startAgentProcess } from '../tests/support/agent-process.ts';
import { AGENT_READY_MS } from './agent.ts';
import { chromiumArgs } from './browser.ts';
import { armPaintProbe, paintedSince, type MemberRow } from './members.ts';
import { p } from './qr-decode.ts';

/** The visit survey's questions in page order, and what to tap on each (required ones must be answered to go on). */
const PAGES: { name: string; answer?: (page: Page) => Promise<void> }[] = [
  { name: 'purpose', answer: (page) => page.locator('[data-name="purpose"] .sd-item__control-label').first().click() },
  { name: 'floors' },
  { name: 'overall', answer: (page) => page.locator('[data-name="overall"] .sd-rating__item').nth(3).click() },
  { name: 'recommend' },
  { name: 'transport' },
  { name: 'favourite' },
  { name: 'ideas' },
];

async function surveyPass(page: Page, samples: number[]): Promise<void> {
  await page.getByTestId('survey-open').click();
  await page.locator('[data-name="purpose"]').waitFor();
  for (let i = 0; i < PAGES.length - 1; i++) {
    await PAGES[i]!.answer?.(page);
    await armPaintProbe(page, `[data-name="${PAGES[i + 1]!.name}"]`);
    const tappedAt = await page.evaluate(() => performance.now());
    await page.locator('.sd-navigation__next-btn').click();
    samples.push(await paintedSince(page, tappedAt));
  }
  await page.getByTestId('survey-back').click();
  await page.locator('[data-screen="home"]').waitFor();
}

async function reactSwitch(page: Page, samples: number[]): Promise<void> {
  await armPaintProbe(page, '[data-testid="parking-screen"]');
  const tappedAt = await page.evaluate(() => performance.now());
  await page.getByTestId('parking-open').click();
  samples.push(await paintedSince(page, tappedAt));
  await page.getByTestId('parking-back').click();
  await page.locator('[data-screen="home"]').waitFor();
}

export async function surveyBench(runs: number): Promise<MemberRow[]> {
  const log = (s: string) => console.log(`  survey: ${s}`);
  const hq = await startDemoHq({ dataDir: mkdtempSync(path.join(tmpdir(), 'atrium-bench-survey-hq-')), log: ringLog(100) });
  try {
    if (!hq.kioskCanConnect) throw new Error('the survey bench needs Debian Mosquitto (MQTT 5); the demo HQ fell back to aedes');
    const agent = await startAgentProcess({ dataDir: freshDataDir('atrium-bench-survey-'), env: hq.agentEnv, timeoutMs: AGENT_READY_MS });
    try {
      const passes = Number(process.env.BENCH_SURVEY_PASSES ?? 5);
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
      const next = { p50: [] as number[], p95: [] as number[] };
      const base = { p50: [] as number[], p95: [] as number[] };
      try {
        for (let r = 0; r < runs; r++) {
          const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
          const page = await context.newPage();
          try {
            await page.goto(await agent.pairUrl());
            await page.locator('[data-screen="attract"]').click();
            await page.getByTestId('survey-open').waitFor({ timeout: 20_000 });
            const s: number[] = [];
            const b: number[] = [];
            for (let i = 0; i < passes; i++) {
              await surveyPass(page, s);
              for (let k = 0; k < PAGES.length - 1; k++) await reactSwitch(page, b);
            }
            next.p50.push(p(s, 50));
            next.p95.push(p(s, 95));
            base.p50.push(p(b, 50));
            base.p95.push(p(b, 95));
          } finally {
            await context.close();
          }
        }
      } finally {
        await browser.close();
      }
      const n = passes * (PAGES.length - 1);
      log(`${runs} runs of ${n} survey page switches and ${n} React screen switches`);
      return [
        { name: `survey: "next" tap to next question painted (SurveyJS), p50 of ${n}`, unit: 'ms', values: next.p50, baselineName: 'home to find-my-car screen (React) p50', baseline: base.p50 },
        { name: `survey: "next" tap to next question painted (SurveyJS), p95 of ${n}`, unit: 'ms', values: next.p95, baselineName: 'home to find-my-car screen (React) p95', baseline: base.p95 },
      ];
    } finally {
      await agent.stop();
    }
  } finally {
    await hq.stop();
  }
}
