// Which running campaigns play on this kiosk now, and the attract loop's order over one cycle (issue 13, item 4).
// Pure: the campaigns (already inside their startsAt/endsAt window, highest priority first), the clock, the mall's
// time zone and the device are arguments; repo.ts reads the rows and builds the cards. The rules:
// - A staff/HQ attract playlist decides, schedule or not: its running campaigns in its order, each once a cycle.
//   When none of it runs, the schedule decides (a stale playlist never empties the loop).
// - Otherwise a campaign plays when common/schedule.ts says so (dates and dayparts in the mall's zone, targeting by
//   role, device id and zone tags); one without a schedule plays whenever it runs, as before schedules existed.
// - The rotation gives each campaign slots in proportion to its weight (share of voice), spread evenly and seeded
//   by the device id so kiosks side by side differ. When every campaign has the same weight the rotation is the
//   priority order itself: a catalog without weights plays exactly as it did before.
import type { Campaign } from '../../../contracts/catalog.ts';
import { isScheduled, nextChangeWithin, rotation, targets, type ScheduleDevice } from '../../../common/schedule.ts';

/** Where and when the schedule is judged: the mall's time zone and this kiosk (effective role, id, zone tags). */
export type ScheduleScope = { timeZone: string; device: ScheduleDevice };

export type PlayingOptions = {
  now: Date;
  limit: number;
  /** The display's attract playlist (campaign ids in order), or null / empty for none. */
  playlist?: readonly string[] | null | undefined;
  /** null: no schedule applies (the staff picker lists every running campaign, since a playlist may name any). */
  scope: ScheduleScope | null;
};

export type Playing = {
  /** The campaigns to show, each once, highest priority first (or the playlist's order). */
  campaigns: Campaign[];
  /** Campaign ids in the order the attract loop shows them over one cycle; a campaign of weight w appears w times. */
  rotation: string[];
};

/** The weight a campaign's schedule gives it; 1 without a schedule (the contract's default). */
export const weightOf = (c: Campaign): number => c.schedule?.weight ?? 1;

export function choosePlaying(running: readonly Campaign[], o: PlayingOptions): Playing {
  if (o.playlist?.length) {
    const byId = new Map(running.map((c) => [c.id, c]));
    const listed = [...new Set(o.playlist)].map((id) => byId.get(id)).filter((c) => c !== undefined).slice(0, o.limit);
    if (listed.length) return { campaigns: listed, rotation: listed.map((c) => c.id) };
  }
  const { scope } = o;
  const playing = (scope ? running.filter((c) => isScheduled(c.schedule, null, o.now, scope.timeZone, scope.device)) : [...running]).slice(0, o.limit);
  return { campaigns: playing, rotation: cycle(playing, scope?.device.id ?? '') };
}

/** One cycle of the loop: the priority order when all weigh the same, else a weighted rotation of total-weight slots. */
export function cycle(campaigns: readonly Campaign[], seed: string): string[] {
  const weights = campaigns.map(weightOf);
  if (weights.every((w) => w === weights[0])) return campaigns.map((c) => c.id);
  const slots = weights.reduce((sum, w) => sum + w, 0);
  return rotation(campaigns.map((c, i) => ({ id: c.id, weight: weights[i]! })), slots, seed);
}

/** How far ahead the page is told of the next change (it polls every 15 minutes besides). */
export const CHANGE_HORIZON_HOURS = 24;

/**
 * The next instant what plays here may change by the clock: the earliest daypart/date boundary among the running
 * campaigns that target this device, or a campaign window's end or start (`windows`: the running ones' and those yet
 * to start); null within the horizon or without a scope (no schedule applies). A playlist does not matter here: a
 * reload too many costs one call.
 */
export function nextChange(running: readonly Campaign[], upcomingStarts: readonly string[], now: Date, scope: ScheduleScope | null): Date | null {
  if (!scope) return null;
  const t0 = now.getTime();
  const horizon = t0 + CHANGE_HORIZON_HOURS * 3_600_000;
  const times: number[] = [];
  for (const c of running) {
    times.push(Date.parse(c.endsAt));
    if (!targets(c.schedule, scope.device)) continue;
    const at = nextChangeWithin(c.schedule, now, CHANGE_HORIZON_HOURS, scope.timeZone);
    if (at) times.push(at.getTime());
  }
  for (const s of upcomingStarts) times.push(Date.parse(s));
  const next = Math.min(...times.filter((t) => Number.isFinite(t) && t > t0 && t <= horizon));
  return Number.isFinite(next) ? new Date(next) : null;
}
