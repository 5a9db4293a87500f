// First paint of the kiosk in Debian Chromium: page load to first contentful paint of the attract loop, a touch
// on the attract loop to the first frame of the home screen, and a tap on the home screen's map button to the first
// frame of the map screen with its floor drawn (the map's code and data warmed while home shows, as a shopper
// finds them). Baseline: FCP of a one-line static page.
import { chromium, type Browser } from 'playwright-core';
import { startAgentProcess } from '../tests/support/agent-process.ts';
import { AGENT_READY_MS } from './agent.ts';

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'];

export async function firstPaintRuns(runs: number, viewport = { width: 1080, height: 1920 }) {
  const agent = await startAgentProcess({ timeoutMs: AGENT_READY_MS });
  let browser: Browser | null = null;
  const result = { attractFcp: [] as number[], touchToHome: [] as number[], tapToMap: [] as number[], baselineFcp: [] as number[] };
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
      result.tapToMap.push(await tapToMap(page));
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

/**
 * Waits for the home screen to say the map is warm (a positive signal, not a sleep), then times a tap on the map
 * button from the touch's own event timestamp to the first frame painted with the floor map drawn.
 */
async function tapToMap(page: import('playwright-core').Page): Promise<number> {
  const button = page.locator('[data-testid="map-open"][data-ready="true"]');
  await button.waitFor({ timeout: 15_000 });
  // The attract loop fades out over the home screen for a moment; a tap then would land on it, not on the button.
  await page.locator('[data-testid="attract"]').waitFor({ state: 'detached', timeout: 15_000 });
  const box = (await button.boundingBox())!;
  await page.evaluate(() => {
    (window as unknown as { __mapPainted: Promise<number> }).__mapPainted = new Promise<number>((resolve) => {
      window.addEventListener('pointerdown', (e) => {
        const t0 = e.timeStamp;
        const check = () => {
          if (document.querySelector('[data-screen="map"] [data-testid="map-level"]')) requestAnimationFrame(() => resolve(performance.now() - t0));
          else requestAnimationFrame(check);
        };
        check();
      }, { once: true, capture: true });
    });
  });
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  // A map that never paints fails the run instead of hanging the bench.
  return page.evaluate(() => Promise.race([
    (window as unknown as { __mapPainted: Promise<number> }).__mapPainted,
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error('the map screen did not paint within 15 s of the tap')), 15_000)),
  ]));
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
