// A keyboard-wedge scanner for browser tests. A real scanner's keys are time-stamped by the operating system
// as they arrive, a few ms apart, however busy the page is; Playwright's keyboard.type sends one key per
// round trip, so on a loaded machine its gaps grow with the page's work. This sends the keys through CDP with
// explicit event timestamps instead: the page sees exactly the scanner timing asked for.
import type { Page } from '@playwright/test';

export type WedgeOptions = { gapMs?: number; enter?: boolean };

export async function scanWithWedge(page: Page, text: string, opts: WedgeOptions = {}): Promise<void> {
  const gap = (opts.gapMs ?? 4) / 1000;
  const cdp = await page.context().newCDPSession(page);
  try {
    let t = Date.now() / 1000;
    // Sent without waiting for each answer (CDP keeps the order), as a scanner does not wait for the page either.
    const sent: Promise<unknown>[] = [];
    for (const ch of text) {
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch, timestamp: t }));
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, timestamp: t + 0.001 }));
      t += gap;
    }
    if (opts.enter ?? true) {
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', timestamp: t }));
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, timestamp: t + 0.001 }));
    }
    await Promise.all(sent);
  } finally {
    await cdp.detach();
  }
}
