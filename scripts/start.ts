// `npm start`: runs the kiosk. With the Electron binary: the Electron kiosk window (its main process runs the
// agent). Without it: says so in one line, runs the agent under the supervisor, and serves the UI for a browser
// kiosk, opening `chromium --kiosk --app=URL` when a display is available. Either way one line
// `Kiosk UI: http://127.0.0.1:PORT/...` is printed once the UI is ready.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentCommand } from '../electron/agent-command.ts';
import { AgentSupervisor } from '../electron/supervisor.ts';
import { electronBinary } from './electron-binary.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const verbose = process.env.ATRIUM_VERBOSE === '1';

const electron = electronBinary(root);
if (electron.path) {
  const child = spawn(electron.path, [root], { stdio: 'inherit', env: process.env });
  child.on('exit', (code) => process.exit(code ?? 0));
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
    env: { ...process.env, ...cmd.env, ATRIUM_API_SECRET: secret },
  });
  let browser: ChildProcess | null = null;
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
      if (!browser && hasDisplay()) browser = openChromium(pairUrl);
    })().catch((err: unknown) => console.error(`atrium: ${(err as Error).message}`));
  });
  supervisor.start();
  const shutdown = async () => {
    browser?.kill('SIGTERM');
    await supervisor.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
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

function openChromium(url: string): ChildProcess | null {
  const bin = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  if (!bin) {
    console.log('atrium: no Chromium found; open the Kiosk UI link in a browser.');
    return null;
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'atrium-kiosk-'));
  const args = [
    '--kiosk', `--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-sync', '--disable-translate',
    '--disable-background-networking', '--disable-component-update', '--disable-pinch', '--overscroll-history-navigation=0',
    '--noerrdialogs', '--disable-session-crashed-bubble', '--check-for-update-interval=31536000',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(bin, args, { stdio: 'ignore' });
  child.on('exit', (code) => console.log(`atrium: kiosk browser closed (code ${code})`));
  return child;
}

