// The browser-kiosk shell (no Electron binary): the edge agent under the shared supervision wiring
// (core/supervise.ts: restart with backoff, fatal exit codes, agent restarts reported to HQ), Chromium in kiosk
// mode kept alive by KioskBrowserKeeper (every page and browser recovery reported to HQ through the agent), and
// systemd readiness/watchdog when run as a service. scripts/start.ts (`npm start`) runs it; bench/kiosk-driver.ts
// runs the same code to measure it.
import { z } from 'zod';
import { PairingCodeResponse } from '../../contracts/api.ts';
import { agentCommand } from '../core/agent-command.ts';
import type { ShellLogger } from '../core/log.ts';
import { feedWatchdog, sdNotifier } from '../core/sd-notify.ts';
import { agentOrigin, newSessionSecret, superviseAgent } from '../core/supervise.ts';
import type { AgentSupervisor } from '../core/supervisor.ts';
import { KioskBrowserKeeper } from './kiosk-browser.ts';

export type BrowserKioskOptions = {
  root: string;
  env: NodeJS.ProcessEnv;
  log: ShellLogger;
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

const ATTRACT = '[data-screen="attract"]';

export function startBrowserKiosk(opts: BrowserKioskOptions): BrowserKiosk {
  const { log } = opts;
  const say = opts.say ?? ((line: string) => console.log(line));
  const secret = newSessionSecret();
  const sd = sdNotifier({ env: opts.env, onError: (m) => log.warn(m) });
  const cmd = agentCommand({ appRoot: opts.root, packaged: false });
  // The browser gets each page load a fresh single-use pairing link (it has no preload to ask for the secret).
  const pairingUrl = async (port: number) => `${agentOrigin(port)}/#pair=${await mintPairingCode(`${agentOrigin(port)}/`, secret)}`;

  let lastPort: number | null = null;
  const agent = superviseAgent({
    shell: 'browser',
    agent: cmd,
    cwd: opts.root,
    env: { ...opts.env, ...cmd.env, ATRIUM_API_SECRET: secret },
    log,
    // HQ's capture-screenshot command: the agent asks over IPC, the kiosk browser answers over its DevTools pipe.
    onShellRequest: async (req) => {
      if (!browser.current()) return { type: 'screenshot', requestId: req.requestId, ok: false, error: 'no kiosk browser window is open (no display, or ATRIUM_NO_BROWSER=1)' };
      const shot = await browser.captureScreenshot();
      return { type: 'screenshot', requestId: req.requestId, ok: true, png: shot.png.toString('base64'), width: shot.width, height: shot.height };
    },
    onReady: ({ port, restarted }) => {
      const moved = lastPort !== null && lastPort !== port;
      lastPort = port;
      void showKiosk(port, restarted, moved).catch((err: unknown) => log.error('browser kiosk start failed', { err }));
    },
    exit: (code) => process.exit(code),
  });
  const { supervisor } = agent;
  const browser = new KioskBrowserKeeper({
    launchUrl: async () => (supervisor.isReady() && supervisor.port !== null ? pairingUrl(supervisor.port) : null),
    agentUp: () => supervisor.isReady(),
    onRecovery: (r) => supervisor.notify(r),
    log,
    extraArgs: opts.extraArgs,
    heartbeatTimeoutMs: opts.heartbeatTimeoutMs,
  });

  /** On each ready line: say where the UI is, open the browser the first time, follow the agent to a new port after. */
  let browserStarted = false;
  async function showKiosk(port: number, restarted: boolean, moved: boolean): Promise<void> {
    if (!restarted) say(`Kiosk UI: ${await pairingUrl(port)}`);
    else say(`atrium: edge agent back on ${agentOrigin(port)}/`);
    if (!opts.openBrowser) {
      sd.ready('agent up (no kiosk browser)');
      return;
    }
    if (browserStarted) {
      if (moved) await browser.agentMoved();
      return;
    }
    browserStarted = true;
    if (!(await browser.start())) {
      say('atrium: no Chromium found; open the Kiosk UI link in a browser.');
      return;
    }
    browser.waitFor(ATTRACT).then(
      () => {
        log.info('kiosk page interactive', { sinceProcessStartMs: Math.round(process.uptime() * 1000) });
        sd.ready('kiosk page shown');
      },
      (err: unknown) => log.warn('the kiosk page is not showing yet', { err }),
    );
  }

  const stopWatchdog = feedWatchdog(sd, () => !browser.exhausted());
  agent.start();

  return {
    supervisor,
    keeper: browser,
    interactive: () => browser.waitFor(ATTRACT),
    stop: async () => {
      sd.stopping();
      stopWatchdog();
      await browser.stop();
      await supervisor.stop();
    },
  };
}

const PairingCodeAnswer = z.union([z.object({ ok: z.literal(true), data: PairingCodeResponse }), z.object({ ok: z.literal(false) })]);

/** A single-use pairing code from the agent (the page trades it for the session secret; contracts/api.ts). */
export async function mintPairingCode(url: string, secret: string): Promise<string> {
  const res = await fetch(new URL('/api/pairing-codes', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
    body: '{}',
  });
  const body = PairingCodeAnswer.safeParse(await res.json().catch(() => null));
  if (!body.success || !body.data.ok) throw new Error(`could not get a pairing code from the agent (HTTP ${res.status})`);
  return body.data.data.code;
}
