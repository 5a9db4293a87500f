// The browser kiosk as `npm start` runs it (shell/browser/kiosk.ts: supervised agent + Chromium kept alive by
// the keeper), headless, in a process of its own so bench/kiosk.ts can time it from process start and add up the
// memory of the whole process tree. Talks to the bench over Node IPC:
//   -> {type:'interactive'} once the attract screen shows and the page answers
//   <- {type:'use', seconds}  taps through the UI for that long, then -> {type:'used', taps, screens}
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShellLogger as Logger } from '../shell/core/log.ts';
import { startBrowserKiosk } from '../shell/browser/kiosk.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (m, f) => console.error(m, JSON.stringify(f ?? {})), raw: () => {} };
const VIEWPORT = { width: 1080, height: 1920 };

const kiosk = startBrowserKiosk({
  root,
  env: { PATH: process.env.PATH, HOME: process.env.HOME, ATRIUM_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'atrium-bench-kiosk-')), ATRIUM_API_PORT: '0', ATRIUM_UI_DIR: path.join(root, 'dist/renderer') },
  log: quiet,
  openBrowser: true,
  extraArgs: ['--headless', '--disable-gpu', `--window-size=${VIEWPORT.width},${VIEWPORT.height}`],
  say: () => {},
});
await kiosk.interactive();
process.send!({ type: 'interactive' });

async function tap(x: number, y: number): Promise<void> {
  const b = kiosk.keeper.current();
  if (!b) return;
  const point = [{ x, y }];
  await b.cdp.call('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point }, await sessionOf());
  await b.cdp.call('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] }, await sessionOf());
}
async function sessionOf(): Promise<string> {
  return kiosk.keeper.current()!.session();
}

/** Taps: the attract screen (to wake it), then buttons of whatever screen shows, in a fixed rotating order. */
async function use(seconds: number): Promise<{ taps: number; screens: string[] }> {
  const until = Date.now() + seconds * 1000;
  const screens = new Set<string>();
  let taps = 0;
  while (Date.now() < until) {
    const b = kiosk.keeper.current();
    if (!b) break;
    const state = await b.evaluate<{ screen: string | null; buttons: Array<{ x: number; y: number }> }>(`(() => {
      const root = document.querySelector('[data-screen]');
      const buttons = [...document.querySelectorAll('button')].map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight)
        .map((r) => ({ x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) }));
      return { screen: root ? root.getAttribute('data-screen') : null, buttons };
    })()`).catch(() => ({ screen: null, buttons: [] }));
    if (state.screen) screens.add(state.screen);
    if (state.screen === 'attract' || state.buttons.length === 0) await tap(VIEWPORT.width / 2, VIEWPORT.height / 2);
    else {
      const target = state.buttons[(taps * 7) % state.buttons.length]!;
      await tap(target.x, target.y);
    }
    taps++;
    await new Promise((r) => setTimeout(r, 700));
  }
  return { taps, screens: [...screens] };
}

process.on('message', (msg: { type?: string; seconds?: number }) => {
  if (msg.type === 'use') void use(msg.seconds ?? 60).then((r) => process.send!({ type: 'used', ...r }));
});
const stop = async () => {
  await kiosk.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
