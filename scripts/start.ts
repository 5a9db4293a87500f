// `npm start`: runs the kiosk. With the Electron binary: the Electron kiosk window (its main process runs the
// agent). Without it: says so in one line, runs the agent under the supervisor, and serves the UI for a browser
// kiosk, opening `chromium --kiosk --app=URL` when a display is available (or headless with
// ATRIUM_KIOSK_HEADLESS=1) and keeping it alive (shell/browser/kiosk.ts). Either way one line
// `Kiosk UI: http://127.0.0.1:PORT/...` is printed once the UI is ready.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoHq, type DemoHq } from '../hq-sim/src/demo-hq.ts';
import { consoleLog } from '../hq-sim/src/log.ts';
import { startBrowserKiosk } from '../shell/browser/kiosk.ts';
import { createShellLogger } from '../shell/core/log.ts';
import { electronBinary } from './electron-binary.ts';

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
  const headless = process.env.ATRIUM_KIOSK_HEADLESS === '1';
  const kiosk = startBrowserKiosk({
    root,
    env: childEnv,
    // Recoveries are warnings, so they always show; info lines only with ATRIUM_VERBOSE=1.
    log: createShellLogger('browser-kiosk', (line) => void (verbose || !/"level":"(debug|info)"/.test(line) ? process.stdout.write(line) : undefined)),
    openBrowser: hasDisplay() || headless,
    // Headless: CI and benchmarks on machines without a display (the page renders the same, off screen).
    extraArgs: headless ? ['--headless', '--disable-gpu'] : [],
  });
  kiosk.supervisor.on('line', (line) => {
    if (verbose || !line.startsWith('{')) console.log(line);
    else if (/"level":"(warn|error)"/.test(line)) console.log(line);
  });
  const shutdown = async () => {
    await kiosk.stop();
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
    const hq = await startDemoHq({ dataDir, log: quiet, ...(process.env.ATRIUM_DEMO_MAP ? { mapFile: path.resolve(process.env.ATRIUM_DEMO_MAP) } : {}) });
    console.log(`Demo HQ: ${hq.broker} broker at ${hq.url}; the HQ simulator publishes the demo mall's catalog and config.`);
    if (hq.note) console.log(hq.note);
    else console.log(`  send the kiosk a command: npm run hq -- command ${hq.device.deviceId} reload-ui --url ${hq.url} --username ${hq.hq.username} --password ${hq.hq.password} --data ${path.relative(root, dataDir)}`);
    return hq;
  } catch (err) {
    console.log(`Demo HQ could not start (${(err as Error).message.split('\n')[0]}); the kiosk runs on its embedded demo data without HQ.`);
    return null;
  }
}

function hasDisplay(): boolean {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.ATRIUM_NO_BROWSER !== '1';
}
