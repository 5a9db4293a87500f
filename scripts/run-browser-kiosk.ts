// The browser-kiosk path of `npm start` (no Electron binary): the edge agent under the supervisor (restart with
// backoff), Chromium in kiosk mode kept alive by KioskBrowserKeeper, every recovery (page, browser, agent)
// logged and reported to HQ through the agent, and systemd readiness/watchdog when run as a service.
// start.ts runs it; bench/kiosk-driver.ts runs the same code to measure it.
import { randomBytes, randomUUID } from 'node:crypto';
import { agentCommand } from '../electron/agent-command.ts';
import type { Logger } from '../electron/log.ts';
import { sdNotifier } from '../electron/sd-notify.ts';
import { AgentSupervisor } from '../electron/supervisor.ts';
import { KioskBrowserKeeper } from './kiosk-browser.ts';

export type BrowserKioskOptions = {
  root: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Open the browser at all (a display is there, or headless was asked for). */
  openBrowser: boolean;
  extraArgs?: string[];
  /** Printed once: the first pairing link, then agent restarts. */
  say?: (line: string) => void;
  heartbeatTimeoutMs?: number;
};

export type BrowserKiosk = {
  supervisor: AgentSupervisor;
  keeper: KioskBrowserKeeper;
  /** Resolves when the attract screen is showing and the page answers. */
  interactive(): Promise<void>;
  stop(): Promise<void>;
};

export function startBrowserKiosk(opts: BrowserKioskOptions): BrowserKiosk {
  const { log } = opts;
  const say = opts.say ?? ((line: string) => console.log(line));
  const secret = randomBytes(32).toString('base64url');
  const cmd = agentCommand({ appRoot: opts.root, packaged: false });
  const sd = sdNotifier({ env: opts.env, onError: (m) => log.warn(m) });
  let keeper: KioskBrowserKeeper;
  const supervisor = new AgentSupervisor({
    command: cmd.command,
    args: cmd.args,
    cwd: opts.root,
    env: { ...opts.env, ...cmd.env, ATRIUM_API_SECRET: secret },
    // HQ's capture-screenshot command: the agent asks over IPC, the kiosk browser answers over its DevTools pipe.
    onShellRequest: async (req) => {
      if (!keeper.current()) return { type: 'screenshot', requestId: req.requestId, ok: false, error: 'no kiosk browser window is open (no display, or ATRIUM_NO_BROWSER=1)' };
      const shot = await keeper.captureScreenshot();
      return { type: 'screenshot', requestId: req.requestId, ok: true, png: shot.png.toString('base64'), width: shot.width, height: shot.height };
    },
  });
  const agentUrl = () => (supervisor.isReady() && supervisor.port !== null ? `http://127.0.0.1:${supervisor.port}/` : null);
  keeper = new KioskBrowserKeeper({
    launchUrl: async () => {
      const url = agentUrl();
      return url ? `${url}#pair=${await mintPairingCode(url, secret)}` : null;
    },
    agentUp: () => supervisor.isReady(),
    onRecovery: (r) => supervisor.notify(r),
    log,
    extraArgs: opts.extraArgs,
    heartbeatTimeoutMs: opts.heartbeatTimeoutMs,
  });

  let everReady = false;
  let lastPort: number | null = null;
  let lastExit = '';
  let browserStarted = false;
  supervisor.on('exit', ({ code, signal, pid }) => {
    lastExit = `agent pid ${pid} exited (code ${code}, signal ${signal})`;
    // A configuration or data-folder problem will not fix itself: report it and stop instead of looping.
    if (!everReady && (code === 78 || code === 73)) {
      log.error('the edge agent cannot start; see the message above', { code });
      process.exit(code);
    }
    log.warn('edge agent exited; restarting', { code, signal });
  });
  supervisor.on('restart', ({ attempt, delayMs }) => {
    if (!everReady) return;
    supervisor.notify({
      type: 'shell-recovery', id: randomUUID().replace(/-/g, ''), at: new Date().toISOString(), shell: 'browser', action: 'agent-restart',
      cause: 'agent-exited', role: null, attempt, budgetExhausted: false, detail: `${lastExit}; restart ${attempt} after ${delayMs} ms`.slice(0, 300),
    });
  });
  supervisor.on('ready', ({ port }) => {
    void (async () => {
      const url = `http://127.0.0.1:${port}/`;
      if (!everReady) say(`Kiosk UI: ${url}#pair=${await mintPairingCode(url, secret)}`);
      else say(`atrium: edge agent back on ${url}`);
      const moved = lastPort !== null && lastPort !== port;
      everReady = true;
      lastPort = port;
      if (!browserStarted && opts.openBrowser) {
        browserStarted = true;
        if (!(await keeper.start())) say('atrium: no Chromium found; open the Kiosk UI link in a browser.');
        else {
          keeper.waitFor('[data-screen="attract"]').then(
            () => {
              log.info('kiosk page interactive', { sinceProcessStartMs: Math.round(process.uptime() * 1000) });
              sd.ready('kiosk page shown');
            },
            (err: unknown) => log.warn('the kiosk page is not showing yet', { err }),
          );
        }
      } else if (moved) {
        await keeper.agentMoved();
      }
      if (!opts.openBrowser) sd.ready('agent up (no kiosk browser)');
    })().catch((err: unknown) => log.error('browser kiosk start failed', { err }));
  });
  const watchdog = sd.watchdogIntervalMs ? setInterval(() => {
    if (!keeper.exhausted()) sd.watchdog();
  }, sd.watchdogIntervalMs) : null;
  supervisor.start();

  return {
    supervisor,
    keeper,
    interactive: () => keeper.waitFor('[data-screen="attract"]'),
    stop: async () => {
      sd.stopping();
      if (watchdog) clearInterval(watchdog);
      await keeper.stop();
      await supervisor.stop();
    },
  };
}

export async function mintPairingCode(url: string, secret: string): Promise<string> {
  const res = await fetch(new URL('/api/pairing-codes', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
    body: '{}',
  });
  const body = (await res.json()) as { ok: boolean; data?: { code: string } };
  if (!body.ok || !body.data) throw new Error(`could not get a pairing code from the agent (HTTP ${res.status})`);
  return body.data.code;
}
