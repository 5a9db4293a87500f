// On-screen keyboard bench (issue 15): in Debian Chromium against the real agent (no HQ needed), a tap on a key of
// the feedback screen's keyboard to the first frame showing the new character in the field, p50 and p95 per run, for
// the English layout and for pinyin letters on the Chinese layout (which also look up and draw the candidate bar);
// beside a plain <input> in the same page and run receiving a typed key (keydown to the first frame after its value
// changed). `BENCH_ONLY=keyboard node bench/run.ts` runs just this. Every process started here is stopped here.
import { chromium, type Page } from 'playwright-core';
import { freshDataDir, startAgentProcess } from '../tests/support/agent-process.ts';
import { AGENT_READY_MS } from './agent.ts';
import { chromiumArgs } from './browser.ts';
import type { MemberRow } from './members.ts';
import { p } from './qr-decode.ts';

/**
 * Arms a probe: the time of the next `event` (capture phase, anywhere in the page), and of the first animation frame
 * after the text of `selector` (its value, for an input) has grown past `before` characters.
 */
async function armTypedProbe(page: Page, selector: string, event: 'pointerdown' | 'keydown'): Promise<void> {
  await page.evaluate(({ sel, ev }) => {
    const read = () => {
      const el = document.querySelector(sel);
      return el instanceof HTMLInputElement ? el.value.length : (el?.textContent ?? '').length;
    };
    const before = read();
    const w = window as unknown as { __inputAt: number; __typed: Promise<number> };
    window.addEventListener(ev, () => { w.__inputAt = performance.now(); }, { capture: true, once: true });
    w.__typed = new Promise<number>((resolve, reject) => {
      const give = setTimeout(() => reject(new Error(`no new character in ${sel} within 5 s`)), 5000);
      const check = () => {
        if (read() > before) requestAnimationFrame(() => { clearTimeout(give); resolve(performance.now()); });
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }, { sel: selector, ev: event });
}

const typedMs = (page: Page) => page.evaluate(async () => {
  const w = window as unknown as { __inputAt: number; __typed: Promise<number> };
  const at = await w.__typed;
  return at - w.__inputAt;
});

// The typed text only (the empty field shows a placeholder instead).
const FIELD = '[data-testid="feedback-text-value"]';
const LETTERS = 'qwertyuiopasdfghjklzxcvbnm';

async function tapKeys(page: Page, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    await armTypedProbe(page, FIELD, 'pointerdown');
    await page.locator(`.osk [data-skbtn="${LETTERS[i % LETTERS.length]}"]`).click();
    out.push(await typedMs(page));
  }
  return out;
}

export async function keyboardBench(runs: number): Promise<MemberRow[]> {
  const log = (s: string) => console.log(`  keyboard: ${s}`);
  const agent = await startAgentProcess({ dataDir: freshDataDir('atrium-bench-keyboard-'), timeoutMs: AGENT_READY_MS });
  const perRun = Number(process.env.BENCH_KEYBOARD_TAPS ?? 30);
  const rows = { en: { p50: [] as number[], p95: [] as number[] }, zh: { p50: [] as number[], p95: [] as number[] }, input: { p50: [] as number[], p95: [] as number[] } };
  try {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
    try {
      for (let r = 0; r < runs; r++) {
        const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
        const page = await context.newPage();
        try {
          await page.goto(await agent.pairUrl());
          await page.locator('[data-screen="attract"]').click();
          await page.getByTestId('feedback-open').click();
          await page.locator('.osk [data-skbtn="q"]').waitFor();
          // Chinese layout first (the screen's language): each letter also looks up pinyin candidates and draws the bar.
          const zh = await tapKeys(page, perRun);
          await page.locator('.osk [data-skbtn="{bksp}"]').click({ clickCount: 1 });
          await page.locator('.osk [data-skbtn="{lang}"]').click();
          await page.locator('.osk[data-lang="en"]').waitFor();
          const en = await tapKeys(page, perRun);
          // The baseline: a plain <input> on the same page, typed into by the same browser.
          await page.evaluate(() => {
            const input = document.createElement('input');
            input.id = 'bench-plain-input';
            input.className = 'bench-plain-input';
            document.body.append(input);
          });
          await page.locator('#bench-plain-input').focus();
          const plain: number[] = [];
          for (let i = 0; i < perRun; i++) {
            await armTypedProbe(page, '#bench-plain-input', 'keydown');
            await page.keyboard.press(LETTERS[i % LETTERS.length]!);
            plain.push(await typedMs(page));
          }
          for (const [k, v] of [['en', en], ['zh', zh], ['input', plain]] as const) {
            rows[k].p50.push(p(v, 50));
            rows[k].p95.push(p(v, 95));
          }
        } finally {
          await context.close();
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    await agent.stop();
  }
  log(`${runs} runs of ${perRun} taps per layout and ${perRun} keys into a plain <input>`);
  return [
    { name: `on-screen keyboard (English): key tap to character on screen, p50 of ${perRun}`, unit: 'ms', values: rows.en.p50, baselineName: 'plain <input>: typed key to character p50', baseline: rows.input.p50 },
    { name: `on-screen keyboard (English): key tap to character on screen, p95 of ${perRun}`, unit: 'ms', values: rows.en.p95, baselineName: 'plain <input>: typed key to character p95', baseline: rows.input.p95 },
    { name: `on-screen keyboard (pinyin): key tap to letter and candidates on screen, p50 of ${perRun}`, unit: 'ms', values: rows.zh.p50, baselineName: 'plain <input>: typed key to character p50', baseline: rows.input.p50 },
    { name: `on-screen keyboard (pinyin): key tap to letter and candidates on screen, p95 of ${perRun}`, unit: 'ms', values: rows.zh.p95, baselineName: 'plain <input>: typed key to character p95', baseline: rows.input.p95 },
  ];
}
