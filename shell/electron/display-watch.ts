// Keeps the kiosk windows on the displays that are connected: the windows open once (when the agent is ready, or
// after the ready warning), then follow every hot-plug event, debounced because one plug sends several events.
// A step of runKiosk (kiosk.ts); the plan itself is the pure planWindows (displays.ts).
import { screen } from 'electron';
import type { ShellLogger } from '../core/log.ts';
import type { KioskState } from './lifecycle.ts';
import type { KioskWindows } from './windows.ts';

const HOTPLUG_SETTLE_MS = 500;

/** Returns `open()`: opens the windows the first time it is called, and does nothing after. */
export function followDisplays(windows: KioskWindows, state: KioskState, log: ShellLogger): { open(): void } {
  let opened = false;
  const sync = () => {
    if (state.quitting) return;
    const displays = screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, touchSupport: d.touchSupport }));
    const plans = windows.sync(displays, screen.getPrimaryDisplay().id);
    log.info('kiosk windows', { displays: displays.length, windows: plans.map((p) => ({ key: p.key, role: p.role, displayId: p.displayId, hideCursor: p.hideCursor, fallback: p.fallback })) });
  };
  let settle: NodeJS.Timeout | null = null;
  for (const event of ['display-added', 'display-removed', 'display-metrics-changed'] as const) {
    screen.on(event as 'display-added', () => {
      if (!opened) return;
      log.info('display change', { event });
      if (settle) clearTimeout(settle);
      settle = setTimeout(sync, HOTPLUG_SETTLE_MS);
    });
  }
  return {
    open: () => {
      if (opened) return;
      opened = true;
      sync();
    },
  };
}
