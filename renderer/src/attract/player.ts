// The attract loop's play/preload state machine, pure (the hook in usePlayer.ts runs its effects). One item is on
// screen (`shown`) while the next (`pending`) is prepared out of sight: an image decoded, a video loaded to `canplay`.
// The switch happens only when both the shown item's slot is over and the next is ready, so the old item stays on
// screen until the new one can be painted: no black frame. A next item that fails to decode is skipped (reported
// with outcome 'error'; its creative is not tried again, so its campaign falls back to the colour card) and the one
// after it is prepared. Every item that leaves the screen yields one proof-of-play report. A list is good until the
// schedule's next boundary (`validUntil`, the agent's nextChangeAt): from then on nothing new is swapped in (the shown
// item stays past its slot) until the page has the list for the new daypart, so no campaign is shown after its window
// closed even for the moment the reload takes.
import type { ContentPlayed } from '../../../contracts/content.ts';
import { positionAfter, type Cursor, type PlayItem } from './playlist.ts';

export type Shown = {
  serial: number;
  item: PlayItem;
  startedAt: number;
  slotDone: boolean;
  /** Its proof of play is already written (it failed on screen, or a touch cut it). */
  reported: boolean;
  /** What was on screen before it (null: nothing), so a colour card after a colour card can cross-fade. */
  afterKind: PlayItem['kind'] | null;
};
export type Pending = { serial: number; item: PlayItem; ready: boolean };
export type Ended = { id: number; item: PlayItem; startedAt: number; endedAt: number; outcome: ContentPlayed['outcome']; detail: string | null };

export type PlayerState = {
  shown: Shown | null;
  pending: Pending | null;
  /** The position (and its campaign) last prepared: the next one prepared follows it in the cycle. */
  cursor: Cursor | null;
  /** sha256 of creatives that failed to decode here: not tried again while the loop runs. */
  failed: string[];
  serial: number;
  /** Items that ended and are not yet reported (the hook sends them and acknowledges with `sent`). */
  ended: Ended[];
  endedSeq: number;
  /** A touch cut the loop: nothing more plays or is reported. */
  stopped: boolean;
  /** When the current list stops being the schedule (ms; null: no boundary known). */
  validUntil: number | null;
};

export type PlayerEvent =
  | { type: 'prepare'; items: readonly PlayItem[]; at: number; validUntil?: number | null }
  | { type: 'ready'; serial: number; at: number }
  | { type: 'slotEnded'; serial: number; at: number }
  | { type: 'failed'; serial: number; at: number; detail: string }
  | { type: 'cut'; at: number }
  | { type: 'sent'; upTo: number };

export const initialPlayer: PlayerState = { shown: null, pending: null, cursor: null, failed: [], serial: 0, ended: [], endedSeq: 0, stopped: false, validUntil: null };

function end(s: PlayerState, e: Omit<Ended, 'id'>): PlayerState {
  return { ...s, ended: [...s.ended, { ...e, id: s.endedSeq + 1 }], endedSeq: s.endedSeq + 1 };
}

/** Swaps the ready next item in when the shown one's slot is over (or nothing is shown yet). */
function swapIfDue(s: PlayerState, at: number): PlayerState {
  const { pending, shown } = s;
  if (!pending?.ready || (shown && !shown.slotDone)) return s;
  // Past the boundary with the old list: hold what is on screen until the new list comes.
  if (shown && s.validUntil !== null && at >= s.validUntil) return s;
  const next = shown && !shown.reported ? end(s, { item: shown.item, startedAt: shown.startedAt, endedAt: at, outcome: 'completed', detail: null }) : s;
  return { ...next, shown: { serial: pending.serial, item: pending.item, startedAt: at, slotDone: false, reported: false, afterKind: shown?.item.kind ?? null }, pending: null };
}

export function playerReducer(s: PlayerState, e: PlayerEvent): PlayerState {
  if (e.type === 'sent') return { ...s, ended: s.ended.filter((x) => x.id > e.upTo) };
  if (s.stopped) return s;
  switch (e.type) {
    case 'prepare': {
      const base = e.validUntil === undefined ? s : { ...s, validUntil: e.validUntil };
      // A pending item whose campaign the new list no longer has (the schedule moved on) is dropped unseen and the
      // next one prepared in its place; one still listed stays (and may now be swapped in, if it was held).
      if (base.pending && e.items.some((it) => it.campaignId === base.pending?.item.campaignId)) return swapIfDue(base, e.at);
      const next = positionAfter(e.items, base.cursor);
      if (!next) return base;
      const { item, index } = next;
      const serial = base.serial + 1;
      // A colour card needs nothing loaded: it is ready at once.
      const pending: Pending = { serial, item, ready: item.kind === 'card' };
      return swapIfDue({ ...base, serial, pending, cursor: { index, campaignId: item.campaignId } }, e.at);
    }
    case 'ready': {
      if (s.pending?.serial !== e.serial || s.pending.ready) return s;
      return swapIfDue({ ...s, pending: { ...s.pending, ready: true } }, e.at);
    }
    case 'slotEnded': {
      if (s.shown?.serial !== e.serial || s.shown.slotDone) return s;
      return swapIfDue({ ...s, shown: { ...s.shown, slotDone: true } }, e.at);
    }
    case 'failed': {
      if (s.pending?.serial === e.serial) {
        const item = s.pending.item;
        const failed = item.kind === 'card' ? s.failed : [...s.failed, item.creative.sha256];
        return end({ ...s, pending: null, failed }, { item, startedAt: e.at, endedAt: e.at, outcome: 'error', detail: e.detail });
      }
      if (s.shown?.serial === e.serial && !s.shown.reported) {
        // Failed while on screen (a video that stops decoding): reported now, replaced as soon as the next is ready.
        const { item, startedAt } = s.shown;
        const failed = item.kind === 'card' ? s.failed : [...s.failed, item.creative.sha256];
        const next = end({ ...s, failed, shown: { ...s.shown, slotDone: true, reported: true } }, { item, startedAt, endedAt: e.at, outcome: 'error', detail: e.detail });
        return swapIfDue(next, e.at);
      }
      return s;
    }
    case 'cut': {
      const next = s.shown && !s.shown.reported
        ? end(s, { item: s.shown.item, startedAt: s.shown.startedAt, endedAt: e.at, outcome: 'cut', detail: null })
        : s;
      return { ...next, shown: next.shown ? { ...next.shown, reported: true } : null, pending: null, stopped: true };
    }
  }
}
