// The page heartbeat: the kiosk page beats every few seconds from an animation frame (renderer/src/app/
// useShellHeartbeat.ts), through the preload in Electron or a DevTools binding in the browser kiosk. A page
// that stops beating is frozen (a busy loop, a hung compositor) or white (the React tree is gone), and is
// reloaded. The watchdog is pure (time passed in) and shared by both shells.
import { PAGE_HEARTBEAT_MS, PAGE_HEARTBEAT_TIMEOUT_MS } from '../../contracts/shell.ts';

export type HeartbeatOptions = {
  /** Silence longer than this, while the agent is up, counts as a missed heartbeat. */
  timeoutMs: number;
};

/** How often the page beats (the renderer hook uses the same constant); the shells default to 6 beats of silence. */
export const HEARTBEAT_INTERVAL_MS = PAGE_HEARTBEAT_MS;
export const HEARTBEAT_TIMEOUT_MS = PAGE_HEARTBEAT_TIMEOUT_MS;

export class HeartbeatWatchdog {
  private lastBeat: number | null = null;
  private agentUpSince: number | null = null;
  private readonly timeoutMs: number;

  constructor(opts: HeartbeatOptions) {
    this.timeoutMs = opts.timeoutMs;
  }

  /** A beat from the page. The first beat after a (re)load arms the watchdog. */
  beat(now: number): void {
    this.lastBeat = now;
  }

  /**
   * A new page is loading (after a recovery, or a fresh window): disarmed until it beats. A page that never
   * beats (stuck on its loading or "unavailable" screen) is left to its own retry loop, not reloaded.
   */
  disarm(): void {
    this.lastBeat = null;
  }

  /** The agent's state: while it is down the page is expected to show "unavailable" and not beat. */
  agentUp(up: boolean, now: number): void {
    if (up && this.agentUpSince === null) this.agentUpSince = now;
    if (!up) this.agentUpSince = null;
  }

  armed(): boolean {
    return this.lastBeat !== null;
  }

  /** True when the page has gone silent: armed, the agent up, and no beat for timeoutMs (counted from whichever is later, the last beat or the agent coming back). */
  missed(now: number): boolean {
    if (this.lastBeat === null || this.agentUpSince === null) return false;
    return now - Math.max(this.lastBeat, this.agentUpSince) > this.timeoutMs;
  }
}
