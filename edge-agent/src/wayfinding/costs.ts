// What walking and riding cost on a route, in one place: which unit categories a route may cross and at what factor,
// and what each kind of connector costs. A* adds everything up in metre-equivalents (seconds × walking speed), so a
// lift wait and a corridor are comparable.
import { BLOCKED_UNIT_CATEGORIES, type ConnectorKind } from '../../../contracts/venue.ts';

/** Walking speed used for times and to turn connector seconds into metres (a relaxed shopper, not a commuter). */
export const WALK_M_PER_S = 1.2;

/** Passing through a room (a shop, an office) costs this many times the metres, so corridors win where they exist. */
export const ROOM_FACTOR = 3;

/** Categories of open space: corridors, halls and the connector units themselves; walking there costs the metres. */
const OPEN_CATEGORIES = new Set([
  'walkway', 'lobby', 'footbridge', 'movingwalkway', 'unenclosedarea', 'parking', 'ramp', 'elevator', 'escalator',
  'stairs', 'steps', 'platform', 'road', 'terrace', 'fieldofplay',
]);

/** Never walked through: the contract's blocked list plus IMDF's wall-material categories (drawn as units). */
const BLOCKED = new Set<string>([
  ...BLOCKED_UNIT_CATEGORIES, 'brick', 'concrete', 'drywall', 'glass', 'wood', 'vegetation', 'serverroom', 'storage',
]);

/** Units with a step in them: a step-free route never enters. */
const NOT_STEP_FREE = new Set(['stairs', 'steps']);

export interface UnitCost {
  /** Cost per metre when passing through; null when never walkable. */
  factor: number | null;
  /** Open space (corridor-like): adjacent open units join along their shared edge even without an opening. */
  open: boolean;
  stepFree: boolean;
}

export function unitCost(category: string): UnitCost {
  const c = category.toLowerCase();
  if (BLOCKED.has(c) || c.startsWith('nonpublic') || c.endsWith('.nonpublic')) return { factor: null, open: false, stepFree: false };
  const open = OPEN_CATEGORIES.has(c) || c.startsWith('walkway') || c.startsWith('unenclosedarea');
  return { factor: open ? 1 : ROOM_FACTOR, open, stepFree: !NOT_STEP_FREE.has(c) };
}

/** Seconds for a connector: a lift's wait is paid once per ride (half on boarding, half on leaving the car). */
export const LIFT_WAIT_S = 45;
export const LIFT_S_PER_LEVEL = 5;
export const ESCALATOR_S_PER_LEVEL = 20;
export const STAIRS_S_PER_LEVEL = 25;
export const RAMP_S_PER_LEVEL = 30;

export function secondsPerLevel(kind: ConnectorKind): number {
  switch (kind) {
    case 'elevator':
      return LIFT_S_PER_LEVEL;
    case 'escalator':
      return ESCALATOR_S_PER_LEVEL;
    case 'stairs':
      return STAIRS_S_PER_LEVEL;
    case 'ramp':
      return RAMP_S_PER_LEVEL;
  }
}

/** Lifts and ramps only in step-free mode. */
export function connectorStepFree(kind: ConnectorKind): boolean {
  return kind === 'elevator' || kind === 'ramp';
}

/**
 * What changing levels by n costs at least with one kind of connector, in metre-equivalents: fixed + perLevel × n
 * (a lift's wait is its fixed part). The A* heuristic takes the cheapest kind the query may use; every vertical link
 * costs its seconds plus the horizontal distance between its stops, so the heuristic stays admissible and
 * consistent (see route.ts).
 */
export function levelChangeCost(kind: ConnectorKind): { fixed: number; perLevel: number } {
  const fixed = kind === 'elevator' ? LIFT_WAIT_S * WALK_M_PER_S : 0;
  return { fixed, perLevel: secondsPerLevel(kind) * WALK_M_PER_S };
}
