// A keyboard-wedge scanner for browser tests. A real scanner's keys are time-stamped by the operating system
// as they arrive, a few ms apart, however busy the page is; Playwright's keyboard.type sends one key per
// round trip, so on a loaded machine its gaps grow with the page's work. This sends the keys through CDP with
// explicit event timestamps instead: the page sees exactly the scanner timing asked for.
import type { Page } from '@playwright/test';

export type WedgeOptions = {
  gapMs?: number;
  enter?: boolean;
  /** Each gap moves by up to ± this many ms (a Bluetooth scanner's jitter); the gaps still average `gapMs`. */
  jitterMs?: number;
};

/**
 * `count` gaps averaging `gapMs`, each moved by up to ±`jitterMs` from a fixed pseudo-random sequence (the same
 * every run), and never under 1 ms.
 */
export function jitteredGaps(count: number, gapMs: number, jitterMs: number): number[] {
  let seed = 0x2f6b1d;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const raw = Array.from({ length: count }, () => (next() * 2 - 1) * jitterMs);
  const mean = raw.reduce((a, b) => a + b, 0) / Math.max(1, count);
  return raw.map((d) => Math.max(1, gapMs + d - mean));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Types `text` (then Enter) the way a scanner does: each key is stamped `gapMs` (± `jitterMs`) after the one before and
 * sent no earlier than that moment, so the page gets the keys progressively and no event carries a time in the future. If this process
 * falls behind, the stamps still keep the scanner's spacing: a busy test machine does not turn a scan into typing.
 */
export async function scanWithWedge(page: Page, text: string, opts: WedgeOptions = {}): Promise<void> {
  const gapMs = opts.gapMs ?? 4;
  const cdp = await page.context().newCDPSession(page);
  try {
    const sent: Promise<unknown>[] = [];
    const keys = [...text].map((ch) => ({ key: ch, text: ch }));
    if (opts.enter ?? true) keys.push({ key: 'Enter', text: '\r' });
    const gaps = jitteredGaps(keys.length - 1, gapMs, opts.jitterMs ?? 0);
    let at = Date.now();
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) at += gaps[i - 1]!;
      // Pacing, not waiting: the scanner's key cadence, each key sent no earlier than its stamp.
      while (Date.now() < at) await sleep(Math.max(1, at - Date.now()));
      const { key, text: typed } = keys[i]!;
      const extra = key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13 } : { unmodifiedText: typed };
      // Sent without waiting for each answer (CDP keeps the order), as a scanner does not wait for the page either.
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: typed, timestamp: at / 1000, ...extra }));
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: (at + 1) / 1000, ...(key === 'Enter' ? extra : {}) }));
    }
    await Promise.all(sent);
  } finally {
    await cdp.detach();
  }
}
