// `npm start`: runs the kiosk. With the Electron binary: the Electron kiosk window (its main process runs the
// agent). Without it: says so in one line, runs the agent under the supervisor, and serves the UI for a browser
// kiosk, opening `chromium --kiosk --app=URL` when a display is available. Either way one line
// `Kiosk UI: http://127.0.0.1:PORT/...` is printed once the UI is ready.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentCommand } from '../electron/agent-command.ts';
import { startDemoHq, type DemoHq } from '../hq-sim/src/demo-hq.ts';
import { consoleLog } from '../hq-sim/src/log.ts';
import { AgentSupervisor } from '../electron/supervisor.ts';
import { electronBinary } from './electron-binary.ts';
import { openKioskBrowser, type KioskBrowser } from './kiosk-browser.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const verbose = process.env.ATRIUM_VERBOSE === '1';

// With no HQ configured, the demo runs its own: a broker and the HQ simulator, so sync is visible out of the box.
const demoHq = await maybeStartDemoHq();
const childEnv = { ...process.env, ...(demoHq?.agentEnv ?? {}) };

const electron = electronBinary(root);
if (electron.path) {
  const child = spawn(electron.path, [root], { stdio: 'inherit', env: childEnv });
  child.on('exit', (code) => void demoHq?.stop().finally(() => process.exit(code ?? 0)));
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
} else {
  console.log(`Electron binary not available (${electron.reason}); serving the kiosk UI for a browser kiosk instead.`);
  await runBrowserKiosk();
}

async function runBrowserKiosk() {
  const secret = randomBytes(32).toString('base64url');
  const cmd = agentCommand({ appRoot: root, packaged: false, execPath: process.execPath });
  const supervisor = new AgentSupervisor({
    command: cmd.command,
    args: cmd.args,
    cwd: root,
    env: { ...childEnv, ...cmd.env, ATRIUM_API_SECRET: secret },
    // HQ's capture-screenshot command: the agent asks over IPC, the kiosk browser answers over its DevTools pipe.
    onShellRequest: async (req) => {
      if (!browser) return { type: 'screenshot', requestId: req.requestId, ok: false, error: 'no kiosk browser window is open (no display, or ATRIUM_NO_BROWSER=1)' };
      const shot = await browser.captureScreenshot();
      return { type: 'screenshot', requestId: req.requestId, ok: true, png: shot.png.toString('base64'), width: shot.width, height: shot.height };
    },
  });
  let browser: KioskBrowser | null = null;
  let everReady = false;
  supervisor.on('line', (line) => {
    if (verbose || !line.startsWith('{')) console.log(line);
    else if (/"level":"(warn|error)"/.test(line)) console.log(line);
  });
  supervisor.on('exit', ({ code }) => {
    // A configuration or data-folder problem will not fix itself: report it and stop instead of looping.
    if (!everReady && (code === 78 || code === 73)) {
      console.error(`atrium: the edge agent cannot start (exit ${code}); see the message above.`);
      process.exit(code);
    }
    console.log(`atrium: edge agent exited (code ${code}); restarting`);
  });
  supervisor.on('ready', ({ port }) => {
    void (async () => {
      const url = `http://127.0.0.1:${port}/`;
      const pairUrl = `${url}#pair=${await mintPairingCode(url, secret)}`;
      if (!everReady) console.log(`Kiosk UI: ${pairUrl}`);
      else console.log(`atrium: edge agent back on ${url}`);
      everReady = true;
      if (!browser && hasDisplay()) {
        browser = openKioskBrowser(pairUrl, { onExit: (code) => { console.log(`atrium: kiosk browser closed (code ${code})`); browser = null; } });
        if (!browser) console.log('atrium: no Chromium found; open the Kiosk UI link in a browser.');
      }
    })().catch((err: unknown) => console.error(`atrium: ${(err as Error).message}`));
  });
  supervisor.start();
  const shutdown = async () => {
    browser?.close();
    await supervisor.stop();
    await demoHq?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

async function maybeStartDemoHq(): Promise<DemoHq | null> {
  if (process.env.ATRIUM_HQ_URL || process.env.ATRIUM_DEMO_HQ === '0') return null;
  const hqLog = consoleLog();
  const quiet = { info: (m: string, f?: Record<string, unknown>) => (verbose ? hqLog.info(m, f) : undefined), warn: hqLog.warn, error: hqLog.error };
  try {
    const dataDir = process.env.ATRIUM_DEMO_HQ_DIR ?? path.join(root, 'data', 'demo-hq');
    const hq = await startDemoHq({ dataDir, log: quiet });
    console.log(`Demo HQ: ${hq.broker} broker at ${hq.url}; the HQ simulator publishes the demo mall's catalog and config.`);
    if (hq.note) console.log(hq.note);
    else console.log(`  send the kiosk a command: npm run hq -- command ${hq.device.deviceId} reload-ui --url ${hq.url} --username ${hq.hq.username} --password ${hq.hq.password} --data ${path.relative(root, dataDir)}`);
    return hq;
  } catch (err) {
    console.log(`Demo HQ could not start (${(err as Error).message.split('\n')[0]}); the kiosk runs on its embedded demo data without HQ.`);
    return null;
  }
}

async function mintPairingCode(url: string, secret: string): Promise<string> {
  const res = await fetch(new URL('/api/pairing-codes', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
    body: '{}',
  });
  const body = (await res.json()) as { ok: boolean; data?: { code: string } };
  if (!body.ok || !body.data) throw new Error(`could not get a pairing code from the agent (HTTP ${res.status})`);
  return body.data.code;
}

function hasDisplay(): boolean {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.ATRIUM_NO_BROWSER !== '1';
}
