// The browser kiosk: Chromium in --kiosk mode on the kiosk page, driven over the DevTools protocol on a pipe
// (cdp-pipe.ts: fds 3 and 4, never a network port). The launcher uses the pipe to capture the UI for
// HQ's capture-screenshot command and to keep the kiosk alive (KioskBrowserKeeper): a crashed or killed page
// renderer is reloaded, a page whose heartbeat stops (frozen, or white) has its renderer crashed and is
// reloaded, a browser that exits is relaunched, all within the restart budget of core/recovery.ts, and
// every recovery is logged and handed to `onRecovery` (kiosk.ts forwards it to the agent, which tells HQ).
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { PAGE_HEARTBEAT_BINDING, type ShellRecovery, type ShellRecoveryCause } from '../../contracts/shell.ts';
import { HeartbeatWatchdog, HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS } from '../core/heartbeat.ts';
import type { ShellLogger } from '../core/log.ts';
import { browserBudget, browserExitBudget, recoveryRecord, RecoveryLadder, type RecoveryBudget, type RecoveryDecision } from '../core/recovery.ts';
import { CdpPipe } from './cdp-pipe.ts';

export { CdpPipe } from './cdp-pipe.ts';

export const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags of the kiosk browser: full-screen app window, no pinch or overscroll navigation, no error dialogs. */
export function kioskBrowserArgs(url: string, profile: string, extra: string[] = []): string[] {
  const args = [
    '--kiosk', `--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-sync', '--disable-translate',
    '--disable-background-networking', '--disable-component-update', '--disable-pinch', '--overscroll-history-navigation=0',
    '--noerrdialogs', '--disable-session-crashed-bubble', '--check-for-update-interval=31536000', '--remote-debugging-pipe',
    ...extra,
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

type BrowserEvents = { beat: []; crashed: [{ status: string; errorCode: number }]; exit: [{ code: number | null; signal: NodeJS.Signals | null }] };

/** One Chromium process showing the kiosk page, attached to its page over the DevTools pipe. */
export class KioskBrowser extends EventEmitter<BrowserEvents> {
  readonly child: ChildProcess;
  readonly cdp: CdpPipe;
  private sessionId: string | null = null;
  private pageTargetId: string | null = null;
  private readonly attached: Promise<void>;
  private readonly profile: string;

  private constructor(child: ChildProcess, profile: string) {
    super();
    this.child = child;
    this.profile = profile;
    this.cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
    this.cdp.on('event', (e) => {
      if (e.method === 'Runtime.bindingCalled' && e.params.name === PAGE_HEARTBEAT_BINDING) this.emit('beat');
      // Only the page's own target: its workers (the QR decoder) crash with it and must not count twice.
      else if (e.method === 'Target.targetCrashed' && e.params.targetId === this.pageTargetId) this.emit('crashed', { status: String(e.params.status), errorCode: Number(e.params.errorCode) });
    });
    child.on('exit', (code, signal) => {
      this.cdp.closeAll('the kiosk browser exited');
      rmSync(this.profile, { recursive: true, force: true });
      this.emit('exit', { code, signal });
    });
    this.attached = this.attach();
    this.attached.catch(() => undefined);
  }

  static launch(url: string, opts: { bin?: string; extraArgs?: string[] } = {}): KioskBrowser | null {
    const bin = opts.bin ?? chromiumCandidates.find((p) => existsSync(p));
    if (!bin) return null;
    const profile = mkdtempSync(path.join(tmpdir(), 'atrium-kiosk-'));
    const child = spawn(bin, kioskBrowserArgs(url, profile, opts.extraArgs), { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    return new KioskBrowser(child, profile);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the page is attached and its heartbeat binding installed. */
  ready(): Promise<void> {
    return this.attached;
  }

  private async attach(): Promise<void> {
    await this.cdp.call('Target.setDiscoverTargets', { discover: true });
    let page: { targetId: string } | undefined;
    for (let i = 0; i < 100 && !page; i++) {
      const targets = (await this.cdp.call('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
      page = targets.targetInfos.find((t) => t.type === 'page');
      if (!page) await new Promise((r) => setTimeout(r, 50));
    }
    if (!page) throw new Error('the kiosk browser opened no page');
    this.pageTargetId = page.targetId;
    const { sessionId } = (await this.cdp.call('Target.attachToTarget', { targetId: page.targetId, flatten: true })) as { sessionId: string };
    this.sessionId = sessionId;
    await this.cdp.call('Page.enable', {}, sessionId);
    await this.cdp.call('Runtime.enable', {}, sessionId);
    // Survives reloads and crashes of the page: the page calls window.atriumShellHeartbeat('beat').
    await this.cdp.call('Runtime.addBinding', { name: PAGE_HEARTBEAT_BINDING }, sessionId);
  }

  /** The DevTools session of the page (flattened), for commands the launcher does not wrap. */
  async session(): Promise<string> {
    await this.attached;
    return this.sessionId!;
  }

  async navigate(url: string): Promise<void> {
    await this.cdp.call('Page.navigate', { url }, await this.session());
  }

  /** Crashes the page's renderer (on its IO thread, so it works on a frozen page too). */
  async crashPage(): Promise<void> {
    await this.cdp.call('Page.crash', {}, await this.session(), 3000).catch(() => undefined);
  }

  /** Evaluates an expression in the page and returns its value (tests, bench). */
  async evaluate<T = unknown>(expression: string, timeoutMs = 5000): Promise<T> {
    const r = (await this.cdp.call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, await this.session(), timeoutMs)) as { result: { value?: T }; exceptionDetails?: { text: string } };
    if (r.exceptionDetails) throw new Error(`page evaluation failed: ${r.exceptionDetails.text}`);
    return r.result.value as T;
  }

  async captureScreenshot(): Promise<{ png: Buffer; width: number; height: number }> {
    const sessionId = await this.session();
    const shot = (await this.cdp.call('Page.captureScreenshot', { format: 'png' }, sessionId)) as { data: string };
    const png = Buffer.from(shot.data, 'base64');
    if (png.length < 24) throw new Error('the kiosk browser returned an empty screenshot');
    // The PNG's own header has the pixel size (IHDR width/height at bytes 16-23).
    return { png, width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  }

  close(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.alive()) this.child.kill(signal);
  }
}

export type KeeperOptions = {
  /** A URL that pairs a fresh page with the agent (a new single-use code each call); null while the agent is down. */
  launchUrl: () => Promise<string | null>;
  agentUp: () => boolean;
  onRecovery: (recovery: ShellRecovery) => void;
  log: ShellLogger;
  bin?: string;
  extraArgs?: string[];
  heartbeatTimeoutMs?: number;
  tickMs?: number;
  pageBudget?: RecoveryBudget;
  exitBudget?: RecoveryBudget;
  now?: () => number;
};

/** Keeps one kiosk browser alive and its page healthy. */
export class KioskBrowserKeeper {
  private browser: KioskBrowser | null = null;
  private readonly opts: KeeperOptions;
  private readonly now: () => number;
  private readonly pageLadder: RecoveryLadder;
  private readonly exitLadder: RecoveryLadder;
  private readonly watchdog: HeartbeatWatchdog;
  private ticker: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The shell crashed the page itself (silent page): the crash event that follows is expected. */
  private crashedByShell = false;
  /** The shell killed the browser itself (relaunch): the exit that follows is expected. */
  private killedByShell = false;
  readonly recoveries: ShellRecovery[] = [];

  constructor(opts: KeeperOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.pageLadder = new RecoveryLadder(opts.pageBudget ?? browserBudget);
    this.exitLadder = new RecoveryLadder(opts.exitBudget ?? browserExitBudget);
    this.watchdog = new HeartbeatWatchdog({ timeoutMs: opts.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS });
  }

  current(): KioskBrowser | null {
    return this.browser && this.browser.alive() ? this.browser : null;
  }

  /** Opens the browser; false when no Chromium is installed. */
  async start(): Promise<boolean> {
    this.stopped = false;
    const ok = await this.launch();
    this.ticker ??= setInterval(() => this.tick(), this.opts.tickMs ?? HEARTBEAT_INTERVAL_MS);
    return ok;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    if (this.timer) clearTimeout(this.timer);
    this.ticker = null;
    const b = this.browser;
    this.browser = null;
    if (!b || !b.alive()) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => b.close('SIGKILL'), 5000);
      b.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      b.close();
    });
  }

  /** The agent came back on another origin: the page needs a new pairing there. */
  async agentMoved(): Promise<void> {
    const url = await this.opts.launchUrl();
    const b = this.current();
    if (b && url) {
      this.watchdog.disarm();
      await b.navigate(url).catch((err: unknown) => this.opts.log.warn('kiosk browser could not follow the agent', { err }));
    }
  }

  async captureScreenshot(): Promise<{ png: Buffer; width: number; height: number }> {
    const b = this.current();
    if (!b) throw new Error('no kiosk browser window is open');
    return b.captureScreenshot();
  }

  /** True once the page ladder fell to its slow path (the systemd watchdog stops being fed then). */
  exhausted(): boolean {
    return this.pageLadder.exhausted(this.now()) || this.exitLadder.exhausted(this.now());
  }

  /** Resolves once the page shows `selector` and its main thread answers (polls every 100 ms). */
  async waitFor(selector: string, timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const b = this.current();
      const found = b ? await b.evaluate<boolean>(`document.querySelector(${JSON.stringify(selector)}) !== null`, 1000).catch(() => false) : false;
      if (found) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the kiosk page did not show ${selector} within ${timeoutMs} ms`);
  }

  /** Heartbeat check; runs every tickMs, public so tests can drive it. */
  tick(): void {
    const now = this.now();
    this.watchdog.agentUp(this.opts.agentUp(), now);
    if (!this.current() || !this.watchdog.missed(now)) return;
    this.watchdog.disarm();
    this.recover(this.pageLadder.next('heartbeat-missed', now), 'no heartbeat from the page');
  }

  private async launch(): Promise<boolean> {
    const url = (await this.opts.launchUrl().catch(() => null)) ?? null;
    if (!url) {
      this.opts.log.warn('the agent is not up; opening the kiosk browser later');
      this.schedule(() => void this.launch(), 2000);
      return true;
    }
    const b = KioskBrowser.launch(url, { bin: this.opts.bin, extraArgs: this.opts.extraArgs });
    if (!b) return false;
    this.browser = b;
    this.watchdog.disarm();
    this.opts.log.info('kiosk browser started', { pid: b.pid });
    b.on('beat', () => this.watchdog.beat(this.now()));
    b.on('crashed', ({ status, errorCode }) => {
      if (this.crashedByShell) {
        this.crashedByShell = false;
        return;
      }
      this.opts.log.error('kiosk page renderer gone', { status, errorCode });
      const cause: ShellRecoveryCause = status === 'killed' ? 'renderer-killed' : status === 'oom' ? 'renderer-oom' : 'renderer-crashed';
      this.recover(this.pageLadder.next(cause, this.now()), `page renderer ${status} (error ${errorCode})`);
    });
    b.on('exit', ({ code, signal }) => {
      if (this.browser === b) this.browser = null;
      if (this.stopped) return;
      if (this.killedByShell) {
        this.killedByShell = false;
        return;
      }
      this.opts.log.error('kiosk browser exited', { code, signal });
      this.recover(this.exitLadder.next('browser-exited', this.now()), `browser exited (code ${code}, signal ${signal})`);
    });
    b.ready().catch((err: unknown) => this.opts.log.warn('could not attach to the kiosk page', { err }));
    return true;
  }

  private recover(decision: RecoveryDecision, detail: string): void {
    const record = recoveryRecord('browser', decision, { at: this.now(), detail });
    this.recoveries.push(record);
    this.opts.log[decision.budgetExhausted ? 'error' : 'warn']('kiosk recovery', { action: decision.action, cause: decision.cause, attempt: decision.attempt, budgetExhausted: decision.budgetExhausted, delayMs: decision.delayMs });
    this.opts.onRecovery(record);
    const b = this.current();
    if (decision.action === 'browser-relaunch' || !b) {
      if (b) {
        this.killedByShell = true;
        this.browser = null;
        b.close('SIGKILL');
      }
      this.schedule(() => void this.launch(), decision.delayMs);
      return;
    }
    // A silent page's renderer may be stuck: crash it (works on a frozen page), then load the page afresh.
    if (decision.cause === 'heartbeat-missed' || decision.cause === 'unresponsive') {
      this.crashedByShell = true;
      void b.crashPage();
    }
    this.schedule(() => this.reloadPage(), decision.delayMs);
  }

  /** Loads the page afresh with a new pairing link; while the agent is down, tries again every 2 s. */
  private async reloadPage(): Promise<void> {
    const current = this.current();
    if (!current) return;
    this.crashedByShell = false;
    this.watchdog.disarm();
    const url = (await this.opts.launchUrl().catch(() => null)) ?? null;
    if (!url) {
      this.opts.log.warn('the agent is not up; reloading the kiosk page once it is');
      this.schedule(() => this.reloadPage(), 2000);
      return;
    }
    await current.navigate(url).catch((err: unknown) => this.opts.log.error('kiosk page reload failed', { err }));
  }

  private schedule(fn: () => unknown, delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) void fn();
    }, delayMs);
  }
}
