// Which kiosk windows should exist right now, on which display: a pure function of the configured mapping
// (ATRIUM_DISPLAYS, contracts/shell-config.ts) and the displays Electron's `screen` reports. The window
// manager calls it at start and on every hot-plug event and makes the windows match.
import type { DeviceRole } from '../../contracts/config.ts';
import type { DisplayMap } from '../../contracts/shell-config.ts';

export type Rect = { x: number; y: number; width: number; height: number };
export type ScreenDisplay = { id: number; bounds: Rect; touchSupport: 'available' | 'unavailable' | 'unknown' };

export type WindowPlan = {
  /** Stable identity of the window across hot-plug: the mapping entry (or "main" without a mapping). */
  key: string;
  /** null: the role the agent's configuration gives the device. */
  role: DeviceRole | null;
  displayId: number;
  bounds: Rect;
  hideCursor: boolean;
  /** True when the entry's own display is missing and it was put on the primary display instead. */
  fallback: boolean;
};

/** Display 1 is the primary display; the others follow from left to right, then top to bottom. */
export function orderDisplays(displays: ScreenDisplay[], primaryId: number): ScreenDisplay[] {
  const primary = displays.filter((d) => d.id === primaryId);
  const rest = displays.filter((d) => d.id !== primaryId).sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id);
  return [...primary, ...rest];
}

/**
 * One window per mapping entry whose display is connected. Entries whose display is missing get no window,
 * except that the kiosk never shows nothing: when no entry has its display, the first entry goes on the
 * primary display. Without a mapping: one window on the primary display.
 */
export function planWindows(map: DisplayMap | null, displays: ScreenDisplay[], primaryId: number): WindowPlan[] {
  const ordered = orderDisplays(displays, primaryId);
  const primary = ordered[0];
  if (!primary) return [];
  if (!map) return [{ key: 'main', role: null, displayId: primary.id, bounds: primary.bounds, hideCursor: primary.touchSupport === 'available', fallback: false }];
  const plans: WindowPlan[] = [];
  for (const [i, entry] of map.entries()) {
    const display = ordered[entry.display - 1];
    if (!display) continue;
    plans.push({ key: `${i}:${entry.role}`, role: entry.role, displayId: display.id, bounds: display.bounds, hideCursor: hideCursor(entry.cursor, display), fallback: false });
  }
  if (plans.length === 0) {
    const first = map[0]!;
    plans.push({ key: `0:${first.role}`, role: first.role, displayId: primary.id, bounds: primary.bounds, hideCursor: hideCursor(first.cursor, primary), fallback: true });
  }
  return plans;
}

function hideCursor(mode: 'auto' | 'hidden' | 'visible', display: ScreenDisplay): boolean {
  if (mode === 'hidden') return true;
  if (mode === 'visible') return false;
  return display.touchSupport === 'available';
}

/** CSS inserted as a user style sheet (not subject to the page's CSP) on touch screens. */
export const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';
