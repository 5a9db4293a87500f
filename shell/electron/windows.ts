// The kiosk windows: one per planned display (displays.ts), kept in step with hot-plug, each watched for a
// crashed, hung or silent page and healed along its recovery ladder (recovery.ts). Every recovery is logged
// and handed to `onRecovery` (the shell forwards it to the agent, which reports it to HQ).
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import type { ShellRecovery } from '../../contracts/shell.ts';
import { appUrl } from './app-protocol.ts';
import { HIDE_CURSOR_CSS, planWindows, type ScreenDisplay, type WindowPlan } from './displays.ts';
import type { DisplayMap } from '../../contracts/shell-config.ts';
import { HeartbeatWatchdog, HEARTBEAT_TIMEOUT_MS } from '../core/heartbeat.ts';
import { lockDownWindow } from './lockdown.ts';
import type { ShellLogger } from '../core/log.ts';
import { causeOfGone, electronBudget, recoveryRecord, RecoveryLadder, type RecoveryBudget, type RecoveryDecision } from '../core/recovery.ts';
import { kioskWindowOptions, moveToDisplay } from './window.ts';

export type KioskWindowsOptions = {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  packaged: boolean;
  map: DisplayMap | null;
  log: ShellLogger;
  /** Whether the agent is up: a silent page is not reloaded while the agent it needs is down. */
  agentUp: () => boolean;
  onRecovery: (recovery: ShellRecovery) => void;
  /** Relaunches the whole app (the last rung of the ladder); the recovery is passed so it can be reported after. */
  relaunchApp: (recovery: ShellRecovery) => void;
  /** Whether the persisted app-relaunch budget allows another relaunch now. */
  appRelaunchAllowed: (now: number) => boolean;
  budget?: RecoveryBudget;
  heartbeatTimeoutMs?: number;
  /** How long a page may stay unresponsive before its renderer is killed and the page reloaded. */
  hangGraceMs?: number;
  now?: () => number;
  /** Called once, after the first window has loaded its page. */
  onFirstLoad?: (url: string) => void;
};

type Entry = {
  plan: WindowPlan;
  win: BrowserWindow;
  ladder: RecoveryLadder;
  watchdog: HeartbeatWatchdog;
  hangTimer: NodeJS.Timeout | null;
  /** Set when the shell itself killed the renderer (hang, silence): the 'render-process-gone' that follows is expected. */
  killedByShell: boolean;
  closing: boolean;
};

export class KioskWindows {
  private readonly entries = new Map<string, Entry>();
  private readonly opts: KioskWindowsOptions;
  private readonly now: () => number;
  private quitting = false;
  private firstLoadSeen = false;

  constructor(opts: KioskWindowsOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
  }

  /** Makes the windows match the plan for these displays: opens, moves and closes windows. */
  sync(displays: ScreenDisplay[], primaryId: number): WindowPlan[] {
    const plans = planWindows(this.opts.map, displays, primaryId);
    const wanted = new Set(plans.map((p) => p.key));
    for (const [key, entry] of this.entries) {
      if (wanted.has(key)) continue;
      this.opts.log.info('display gone: closing its kiosk window', { key, role: entry.plan.role });
      this.destroy(entry);
      this.entries.delete(key);
    }
    for (const plan of plans) {
      const entry = this.entries.get(plan.key);
      if (!entry) {
        if (plan.fallback) this.opts.log.warn('no configured display is connected: showing the first window on the primary display', { role: plan.role });
        this.open(plan, new RecoveryLadder(this.opts.budget ?? electronBudget, (action, now) => action !== 'app-relaunch' || this.opts.appRelaunchAllowed(now)));
        continue;
      }
      const moved = entry.plan.displayId !== plan.displayId || JSON.stringify(entry.plan.bounds) !== JSON.stringify(plan.bounds);
      const cursorChanged = entry.plan.hideCursor !== plan.hideCursor;
      entry.plan = plan;
      if (moved) {
        this.opts.log.info('moving kiosk window to its display', { key: plan.key, displayId: plan.displayId, bounds: plan.bounds });
        moveToDisplay(entry.win, plan.bounds);
      }
      if (cursorChanged) this.applyCursor(entry);
    }
    return plans;
  }

  /** The window a webContents belongs to (IPC sender checks, heartbeats). */
  has(contents: WebContents): boolean {
    return this.entryOf(contents) !== null;
  }

  beat(contents: WebContents): void {
    this.entryOf(contents)?.watchdog.beat(this.now());
  }

  /** Heartbeat check for every window; the shell calls it every few seconds. */
  tick(): void {
    const now = this.now();
    const up = this.opts.agentUp();
    for (const entry of this.entries.values()) {
      entry.watchdog.agentUp(up, now);
      if (!entry.watchdog.missed(now)) continue;
      entry.watchdog.disarm();
      this.recover(entry, entry.ladder.next('heartbeat-missed', now), 'no heartbeat from the page');
    }
  }

  /** True while any window has spent its recovery budget (the systemd watchdog stops being fed then). */
  exhausted(): boolean {
    const now = this.now();
    return [...this.entries.values()].some((e) => e.ladder.exhausted(now));
  }

  windows(): Array<{ key: string; role: WindowPlan['role']; win: BrowserWindow }> {
    return [...this.entries.values()].map((e) => ({ key: e.plan.key, role: e.plan.role, win: e.win }));
  }

  /** The app is quitting: let every window close. */
  closeAll(): void {
    this.quitting = true;
    for (const entry of this.entries.values()) this.destroy(entry);
    this.entries.clear();
  }

  private entryOf(contents: WebContents): Entry | null {
    for (const entry of this.entries.values()) if (!entry.win.isDestroyed() && entry.win.webContents === contents) return entry;
    return null;
  }

  private open(plan: WindowPlan, ladder: RecoveryLadder): Entry {
    const { log } = this.opts;
    const win = new this.opts.BrowserWindow(kioskWindowOptions(this.opts.preloadPath, { packaged: this.opts.packaged, bounds: plan.bounds }));
    win.removeMenu();
    const entry: Entry = { plan, win, ladder, watchdog: new HeartbeatWatchdog({ timeoutMs: this.opts.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS }), hangTimer: null, killedByShell: false, closing: false };
    this.entries.set(plan.key, entry);
    lockDownWindow(win, { closeAllowed: () => this.quitting || entry.closing, packaged: this.opts.packaged, log });
    win.once('ready-to-show', () => win.show());
    const contents = win.webContents;
    contents.on('did-navigate', () => entry.watchdog.disarm());
    contents.on('did-finish-load', () => {
      this.applyCursor(entry);
      if (!this.firstLoadSeen) {
        this.firstLoadSeen = true;
        this.opts.onFirstLoad?.(appUrl(plan.role));
      }
    });
    contents.on('render-process-gone', (_event, details) => {
      this.clearHang(entry);
      if (entry.killedByShell) {
        entry.killedByShell = false;
        return;
      }
      const cause = causeOfGone(details.reason);
      log.error('kiosk page process gone', { key: plan.key, role: plan.role, reason: details.reason, exitCode: details.exitCode });
      if (!cause || entry.closing || this.quitting) return;
      this.recover(entry, entry.ladder.next(cause, this.now()), `renderer ${details.reason} (exit code ${details.exitCode})`);
    });
    contents.on('unresponsive', () => {
      log.warn('kiosk page unresponsive', { key: plan.key, role: plan.role });
      if (entry.hangTimer) return;
      entry.hangTimer = setTimeout(() => {
        entry.hangTimer = null;
        this.recover(entry, entry.ladder.next('unresponsive', this.now()), `unresponsive for ${this.opts.hangGraceMs ?? 10_000} ms`);
      }, this.opts.hangGraceMs ?? 10_000);
    });
    contents.on('responsive', () => {
      if (entry.hangTimer) log.info('kiosk page responsive again', { key: plan.key });
      this.clearHang(entry);
    });
    this.load(entry);
    return entry;
  }

  private load(entry: Entry): void {
    const url = appUrl(entry.plan.role);
    entry.watchdog.disarm();
    entry.killedByShell = false;
    this.opts.log.info('loading kiosk page', { key: entry.plan.key, url });
    entry.win.loadURL(url).catch((err: unknown) => this.opts.log.error('kiosk page failed to load', { url, err }));
  }

  private applyCursor(entry: Entry): void {
    if (entry.win.isDestroyed() || !entry.plan.hideCursor) return;
    entry.win.webContents.insertCSS(HIDE_CURSOR_CSS, { cssOrigin: 'user' }).catch(() => {});
  }

  private clearHang(entry: Entry): void {
    if (entry.hangTimer) clearTimeout(entry.hangTimer);
    entry.hangTimer = null;
  }

  private destroy(entry: Entry): void {
    this.clearHang(entry);
    entry.closing = true;
    if (!entry.win.isDestroyed()) entry.win.destroy();
  }

  private recover(entry: Entry, decision: RecoveryDecision, detail: string): void {
    const record = recoveryRecord('electron', decision, { at: this.now(), role: entry.plan.role, detail });
    const level = decision.budgetExhausted ? 'error' : 'warn';
    this.opts.log[level]('kiosk recovery', { key: entry.plan.key, role: entry.plan.role, action: decision.action, cause: decision.cause, attempt: decision.attempt, budgetExhausted: decision.budgetExhausted, delayMs: decision.delayMs });
    if (decision.action === 'app-relaunch') {
      this.opts.relaunchApp(record);
      return;
    }
    this.opts.onRecovery(record);
    // A hung or silent renderer cannot be trusted to reload itself: kill it first, then load in a fresh one.
    const kill = decision.cause === 'unresponsive' || decision.cause === 'heartbeat-missed';
    if (kill && !entry.win.isDestroyed() && !entry.win.webContents.isCrashed()) {
      entry.killedByShell = true;
      entry.win.webContents.forcefullyCrashRenderer();
    }
    setTimeout(() => {
      if (this.quitting || this.entries.get(entry.plan.key) !== entry) return;
      if (decision.action === 'window-relaunch') {
        this.destroy(entry);
        this.entries.delete(entry.plan.key);
        this.open(entry.plan, entry.ladder);
        return;
      }
      if (!entry.win.isDestroyed()) this.load(entry);
    }, decision.delayMs);
  }
}
