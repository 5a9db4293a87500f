// First paint of the kiosk in Debian Chromium: page load to first contentful paint of the attract loop, and
// a touch on the attract loop to the first frame of the home screen. Baseline: FCP of a one-line static page.
import { chromium, type Browser } from 'playwright-core';
import { startAgentProcess } from '../tests/support/agent-process.ts';
import { AGENT_READY_MS } from './agent.ts';

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'];

export async function firstPaintRuns(runs: number, viewport = { width: 1080, height: 1920 }) {
  const agent = await startAgentProcess({ timeoutMs: AGENT_READY_MS });
  let browser: Browser | null = null;
  const result = { attractFcp: [] as number[], touchToHome: [] as number[], baselineFcp: [] as number[] };
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
    for (let r = 0; r < runs; r++) {
      const context = await browser.newContext({ viewport, hasTouch: true });
      const page = await context.newPage();
      await page.goto(await agent.pairUrl());
      await page.locator('[data-screen="attract"]').waitFor();
      result.attractFcp.push(await fcp(page));
      // From the touch's own event timestamp to the first frame painted with the home screen (measured in the page,
      // so Playwright's actionability waits are not counted).
      await page.evaluate(() => {
        (window as unknown as { __homePainted: Promise<number> }).__homePainted = new Promise<number>((resolve) => {
          window.addEventListener('pointerdown', (e) => {
            const t0 = e.timeStamp;
            const check = () => {
              if (document.querySelector('[data-screen="home"]')) requestAnimationFrame(() => resolve(performance.now() - t0));
              else requestAnimationFrame(check);
            };
            check();
          }, { once: true, capture: true });
        });
      });
      await page.mouse.click(viewport.width / 2, viewport.height / 2);
      const homePainted = page.evaluate(() => (window as unknown as { __homePainted: Promise<number> }).__homePainted);
      result.touchToHome.push(await homePainted);
      await context.close();

      const base = await browser.newContext({ viewport });
      const bp = await base.newPage();
      await bp.goto(`data:text/html,<h1>baseline</h1>`);
      result.baselineFcp.push(await fcp(bp));
      await base.close();
    }
  } finally {
    await browser?.close();
    await agent.stop();
  }
  return result;
}

async function fcp(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const entry = performance.getEntriesByName('first-contentful-paint')[0];
        if (entry) return resolve(entry.startTime);
        new PerformanceObserver((list) => {
          const e = list.getEntriesByName('first-contentful-paint')[0];
          if (e) resolve(e.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}
