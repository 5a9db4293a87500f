// The attract loop's pure parts: which way the screen is, which creative a campaign shows (or its colour card), slot
// lengths, the order of items, proof-of-play reports, and the play/preload state machine (no switch before the next
// item is ready and the shown one's slot is over; a failed one skipped and reported; a touch cuts).
import { describe, expect, it } from 'vitest';
import type { PromotionCard, ReadyCreative } from '../../../contracts/api.ts';
import { ContentPlayed } from '../../../contracts/content.ts';
import { initialPlayer, playerReducer, type PlayerEvent, type PlayerState } from '../../../renderer/src/attract/player.ts';
import { changeDelayMs } from '../../../renderer/src/feeds/usePromotions.ts';
import { buildPlaylist, itemAfter, ONCE_VIDEO_CAP_MS, pickCreative, playedReport, screenOrientation, slotMsFor } from '../../../renderer/src/attract/playlist.ts';

const sha = (c: string) => c.repeat(64);
const creative = (id: string, over: Partial<ReadyCreative> = {}): ReadyCreative => ({
  id, orientation: 'portrait', sha256: sha('a'), mime: 'image/jpeg', playback: 'once', url: `/content/${sha('a')}`, ...over,
});
const card = (campaignId: string, creatives?: ReadyCreative[]): PromotionCard => ({
  campaignId, title: { zh: campaignId }, subtitle: { zh: '' }, colours: ['#112233', '#445566'], store: null, endsAt: '2026-12-31T00:00:00Z', coupons: [],
  ...(creatives ? { creatives } : {}),
});

const posterP = creative('poster-p', { sha256: sha('1'), url: `/content/${sha('1')}` });
const posterL = creative('poster-l', { orientation: 'landscape', sha256: sha('2'), url: `/content/${sha('2')}`, durationSec: 12 });
const spot = creative('spot', { mime: 'video/mp4', sha256: sha('3'), url: `/content/${sha('3')}` });
const loopSpot = creative('loop', { mime: 'video/webm', playback: 'loop', sha256: sha('4'), url: `/content/${sha('4')}`, durationSec: 20 });
const promos = [card('cp-poster', [posterP, posterL]), card('cp-spot', [spot]), card('cp-plain')];

describe('screen orientation', () => {
  it('follows the window when the setting is auto, the setting otherwise', () => {
    expect(screenOrientation('auto', 1080, 1920)).toBe('portrait');
    expect(screenOrientation('auto', 1920, 1080)).toBe('landscape');
    expect(screenOrientation('auto', 1000, 1000)).toBe('landscape');
    expect(screenOrientation('portrait', 1920, 1080)).toBe('portrait');
    expect(screenOrientation('landscape', 1080, 1920)).toBe('landscape');
  });
});

describe('which creative', () => {
  it('is the first ready one for the orientation, never one that failed; none: the colour card', () => {
    expect(pickCreative(promos[0]!, 'portrait')).toBe(posterP);
    expect(pickCreative(promos[0]!, 'landscape')).toBe(posterL);
    expect(pickCreative(promos[1]!, 'landscape')).toBeNull();
    expect(pickCreative(promos[2]!, 'portrait')).toBeNull();
    expect(pickCreative(card('x', [posterP, creative('other', { sha256: sha('9') })]), 'portrait', new Set([sha('1')]))?.id).toBe('other');
    expect(pickCreative(promos[0]!, 'portrait', new Set([sha('1')]))).toBeNull();
  });

  it('slot lengths: durationSec, else the interval; a play-once video until it ends (capped)', () => {
    expect(slotMsFor(posterP, 7)).toBe(7000);
    expect(slotMsFor(posterL, 7)).toBe(12_000);
    expect(slotMsFor(loopSpot, 7)).toBe(20_000);
    expect(slotMsFor(spot, 7)).toBe(ONCE_VIDEO_CAP_MS);
    expect(slotMsFor(null, 9)).toBe(9000);
  });

  it('builds one item per campaign, keeping the order; the loop is never empty while campaigns run', () => {
    expect(buildPlaylist(promos, 'portrait', 7).map((i) => [i.campaignId, i.kind])).toEqual([['cp-poster', 'image'], ['cp-spot', 'video'], ['cp-plain', 'card']]);
    expect(buildPlaylist(promos, 'landscape', 7).map((i) => i.kind)).toEqual(['image', 'card', 'card']);
    expect(buildPlaylist(promos, 'portrait', 7, new Set([sha('3')])).map((i) => i.kind)).toEqual(['image', 'card', 'card']);
    const items = buildPlaylist(promos, 'portrait', 7);
    expect(itemAfter(items, null)?.campaignId).toBe('cp-poster');
    expect(itemAfter(items, 'cp-spot')?.campaignId).toBe('cp-plain');
    expect(itemAfter(items, 'cp-plain')?.campaignId).toBe('cp-poster');
    expect(itemAfter(items, 'gone')?.campaignId).toBe('cp-poster');
    expect(itemAfter([], null)).toBeNull();
  });

  it('reports fit the content.played contract: the creative and asset, or nulls for a colour card', () => {
    const [image, , plain] = buildPlaylist(promos, 'portrait', 7);
    const display = { role: 'guide', orientation: 'portrait' } as const;
    const r = playedReport(image!, display, Date.parse('2026-12-07T10:00:00Z'), Date.parse('2026-12-07T10:00:07.4Z'), 'completed');
    expect(ContentPlayed.parse(r)).toEqual({ campaignId: 'cp-poster', creativeId: 'poster-p', sha256: sha('1'), display, startedAt: '2026-12-07T10:00:00.000Z', durationMs: 7400, outcome: 'completed', detail: null });
    expect(ContentPlayed.parse(playedReport(plain!, display, 0, 100, 'cut'))).toMatchObject({ creativeId: null, sha256: null, outcome: 'cut' });
    expect(playedReport(plain!, display, 0, 0, 'error', 'x'.repeat(400)).detail).toHaveLength(300);
  });
});

describe('play and preload', () => {
  const items = buildPlaylist(promos, 'portrait', 7);
  const run = (s: PlayerState, ...events: PlayerEvent[]) => events.reduce(playerReducer, s);
  const prepare = (at: number): PlayerEvent => ({ type: 'prepare', items, at });

  it('shows nothing until the first item is ready, then keeps the old one until the next is ready and its slot is over', () => {
    let s = run(initialPlayer, prepare(0));
    expect(s.shown).toBeNull();
    expect(s.pending).toMatchObject({ serial: 1, ready: false, item: { campaignId: 'cp-poster' } });
    s = run(s, { type: 'ready', serial: 1, at: 50 });
    expect(s.shown).toMatchObject({ serial: 1, startedAt: 50 });
    expect(s.pending).toBeNull();
    // The video is prepared while the poster shows; its slot ends before the video can play: the poster stays.
    s = run(s, prepare(60), { type: 'slotEnded', serial: 1, at: 7050 });
    expect(s.shown?.serial).toBe(1);
    expect(s.ended).toEqual([]);
    s = run(s, { type: 'ready', serial: 2, at: 7300 });
    expect(s.shown).toMatchObject({ serial: 2, startedAt: 7300, afterKind: 'image', item: { kind: 'video' } });
    expect(s.ended).toMatchObject([{ item: { campaignId: 'cp-poster' }, startedAt: 50, endedAt: 7300, outcome: 'completed' }]);
    // A stale event for an item gone by changes nothing.
    expect(run(s, { type: 'ready', serial: 1, at: 7400 }, { type: 'slotEnded', serial: 1, at: 7400 })).toEqual(s);
  });

  it('swaps at once when the next is already ready at the end of the slot (a colour card is ready when prepared)', () => {
    let s = run(initialPlayer, prepare(0), { type: 'ready', serial: 1, at: 10 }, prepare(20), { type: 'ready', serial: 2, at: 500 }, { type: 'slotEnded', serial: 1, at: 7010 });
    expect(s.shown).toMatchObject({ serial: 2, startedAt: 7010 });
    s = run(s, prepare(7020));
    expect(s.pending).toMatchObject({ serial: 3, ready: true, item: { kind: 'card', campaignId: 'cp-plain' } });
    s = run(s, { type: 'slotEnded', serial: 2, at: 10_000 });
    expect(s.shown).toMatchObject({ serial: 3, afterKind: 'video' });
    expect(s.ended.map((e) => [e.item.campaignId, e.outcome, e.endedAt - e.startedAt])).toEqual([['cp-poster', 'completed', 7000], ['cp-spot', 'completed', 2990]]);
  });

  it('skips a next item that fails to decode, reports it once, and prepares the one after it', () => {
    let s = run(initialPlayer, prepare(0), { type: 'ready', serial: 1, at: 10 }, prepare(20));
    s = run(s, { type: 'failed', serial: 2, at: 900, detail: 'video video/mp4: MEDIA_ERR_SRC_NOT_SUPPORTED' });
    expect(s.pending).toBeNull();
    expect(s.shown?.serial).toBe(1);
    expect(s.failed).toEqual([sha('3')]);
    expect(s.ended).toMatchObject([{ item: { campaignId: 'cp-spot' }, startedAt: 900, endedAt: 900, outcome: 'error', detail: 'video video/mp4: MEDIA_ERR_SRC_NOT_SUPPORTED' }]);
    s = run(s, prepare(910));
    expect(s.pending?.item.campaignId).toBe('cp-plain');
    // The next round, the failed creative's campaign shows its colour card.
    const next = buildPlaylist(promos, 'portrait', 7, new Set(s.failed));
    expect(itemAfter(next, 'cp-poster')).toMatchObject({ campaignId: 'cp-spot', kind: 'card' });
  });

  it('a creative that fails on screen is reported as an error and replaced as soon as the next is ready', () => {
    let s = run(initialPlayer, prepare(0), { type: 'ready', serial: 1, at: 10 }, prepare(20));
    s = run(s, { type: 'failed', serial: 1, at: 2000, detail: 'decode' });
    expect(s.ended).toMatchObject([{ outcome: 'error', startedAt: 10, endedAt: 2000 }]);
    s = run(s, { type: 'ready', serial: 2, at: 2100 });
    expect(s.shown?.serial).toBe(2);
    expect(s.ended).toHaveLength(1);
  });

  it('a touch cuts the shown item: one cut report, then nothing more plays', () => {
    let s = run(initialPlayer, prepare(0), { type: 'ready', serial: 1, at: 10 }, prepare(20), { type: 'cut', at: 2500 });
    expect(s.ended).toMatchObject([{ item: { campaignId: 'cp-poster' }, startedAt: 10, endedAt: 2500, outcome: 'cut' }]);
    expect(s.pending).toBeNull();
    s = run(s, { type: 'cut', at: 2600 }, prepare(2600), { type: 'ready', serial: 2, at: 2700 });
    expect(s.ended).toHaveLength(1);
    expect(s.pending).toBeNull();
    expect(run(s, { type: 'sent', upTo: 1 }).ended).toEqual([]);
  });

  it('a single campaign plays over and over, each slot reported', () => {
    const one = buildPlaylist([promos[2]!], 'portrait', 7);
    const p = (at: number): PlayerEvent => ({ type: 'prepare', items: one, at });
    const s = run(initialPlayer, p(0), p(1), { type: 'slotEnded', serial: 1, at: 7000 }, p(7001), { type: 'slotEnded', serial: 2, at: 14_000 });
    expect(s.shown?.serial).toBe(3);
    expect(s.ended.map((e) => [e.item.campaignId, e.startedAt, e.endedAt])).toEqual([['cp-plain', 0, 7000], ['cp-plain', 7000, 14_000]]);
  });
});

describe('share of voice: the rotation orders a cycle', () => {
  const light = card('cp-light');
  const heavy = card('cp-heavy', [posterP]);
  // What the agent sends for weights 1:2 (common/schedule.ts rotation): the heavy one twice, spread out.
  const rotation = ['cp-heavy', 'cp-light', 'cp-heavy'];
  const run = (s: PlayerState, ...events: PlayerEvent[]) => events.reduce(playerReducer, s);

  it('a 1:2 weight gives the weight-2 campaign twice the slots in a cycle; ids not listed are skipped', () => {
    const items = buildPlaylist([light, heavy], 'portrait', 7, new Set(), rotation);
    expect(items.map((i) => i.campaignId)).toEqual(['cp-heavy', 'cp-light', 'cp-heavy']);
    expect(buildPlaylist([light, heavy], 'portrait', 7, new Set(), ['gone', ...rotation]).map((i) => i.campaignId)).toEqual(['cp-heavy', 'cp-light', 'cp-heavy']);
  });

  it('an empty rotation (or one naming nothing listed) is the list order, each campaign once', () => {
    expect(buildPlaylist([light, heavy], 'portrait', 7).map((i) => i.campaignId)).toEqual(['cp-light', 'cp-heavy']);
    expect(buildPlaylist([light, heavy], 'portrait', 7, new Set(), ['gone']).map((i) => i.campaignId)).toEqual(['cp-light', 'cp-heavy']);
  });

  it('the player walks the cycle by position: over two cycles the heavy campaign plays four times, the light twice', () => {
    const items = buildPlaylist([light, heavy], 'portrait', 7, new Set(), rotation);
    let s = initialPlayer;
    let at = 0;
    for (let n = 0; n < 7; n++) {
      s = run(s, { type: 'prepare', items, at: at++ });
      if (s.pending && !s.pending.ready) s = run(s, { type: 'ready', serial: s.pending.serial, at: at++ });
      if (s.shown) s = run(s, { type: 'slotEnded', serial: s.shown.serial, at: at++ });
    }
    const played = s.ended.map((e) => e.item.campaignId);
    expect(played.slice(0, 6)).toEqual(['cp-heavy', 'cp-light', 'cp-heavy', 'cp-heavy', 'cp-light', 'cp-heavy']);
    expect(played.filter((c) => c === 'cp-heavy')).toHaveLength(4);
  });

  it('a list that changes under the cursor continues after the campaign\'s slot, or starts over', () => {
    const items = buildPlaylist([light, heavy], 'portrait', 7, new Set(), rotation);
    expect(itemAfter(items, { index: 2, campaignId: 'cp-heavy' })?.campaignId).toBe('cp-heavy');
    expect(itemAfter(items, { index: 0, campaignId: 'cp-heavy' })?.campaignId).toBe('cp-light');
    expect(itemAfter(items, { index: 5, campaignId: 'cp-light' })?.campaignId).toBe('cp-heavy');
    expect(itemAfter(items, { index: 1, campaignId: 'gone' })?.campaignId).toBe('cp-heavy');
  });
});

describe('a list that changes while the next item is prepared', () => {
  const a = card('cp-a');
  const b = card('cp-b');
  const run = (s: PlayerState, ...events: PlayerEvent[]) => events.reduce(playerReducer, s);
  it('drops a pending item whose campaign left the list and prepares from the new one; keeps one still listed', () => {
    const before = buildPlaylist([a], 'portrait', 7);
    const after = buildPlaylist([b], 'portrait', 7);
    let s = run(initialPlayer, { type: 'prepare', items: before, at: 0 }, { type: 'prepare', items: before, at: 1 });
    expect(s.shown?.item.campaignId).toBe('cp-a');
    expect(s.pending).toMatchObject({ serial: 2, item: { campaignId: 'cp-a' } });
    expect(run(s, { type: 'prepare', items: before, at: 2 })).toBe(s);
    s = run(s, { type: 'prepare', items: after, at: 3 });
    expect(s.pending).toMatchObject({ serial: 3, item: { campaignId: 'cp-b' } });
    s = run(s, { type: 'slotEnded', serial: 1, at: 7000 });
    expect(s.shown?.item.campaignId).toBe('cp-b');
    expect(s.ended.map((e) => e.item.campaignId)).toEqual(['cp-a']);
  });

  it('past the list\'s boundary nothing new is swapped in: the shown item stays until the new list comes', () => {
    const before = buildPlaylist([a], 'portrait', 7);
    const after = buildPlaylist([b], 'portrait', 7);
    let s = run(initialPlayer, { type: 'prepare', items: before, at: 0, validUntil: 5000 }, { type: 'prepare', items: before, at: 1, validUntil: 5000 });
    expect(s.shown?.item.campaignId).toBe('cp-a');
    expect(s.pending?.item.campaignId).toBe('cp-a');
    // A's slot ends after the boundary, with another A ready: held, not shown.
    s = run(s, { type: 'slotEnded', serial: 1, at: 7000 });
    expect(s.shown?.serial).toBe(1);
    expect(s.ended).toEqual([]);
    // The new list (the agent asked after the boundary) drops the held A unseen; B comes next.
    s = run(s, { type: 'prepare', items: after, at: 7300, validUntil: null });
    expect(s.shown?.item.campaignId).toBe('cp-b');
    expect(s.ended).toMatchObject([{ item: { campaignId: 'cp-a' }, endedAt: 7300, outcome: 'completed' }]);
  });

  it('a held item still listed in the new list is swapped in when that list comes', () => {
    const both = buildPlaylist([a, b], 'portrait', 7);
    let s = run(initialPlayer, { type: 'prepare', items: both, at: 0, validUntil: 5000 }, { type: 'prepare', items: both, at: 1, validUntil: 5000 });
    s = run(s, { type: 'slotEnded', serial: 1, at: 6000 });
    expect(s.shown?.serial).toBe(1);
    s = run(s, { type: 'prepare', items: both, at: 6200, validUntil: 90_000 });
    expect(s.shown).toMatchObject({ serial: 2, startedAt: 6200, item: { campaignId: 'cp-b' } });
    // Before its boundary a list plays as ever.
    expect(run(s, { type: 'prepare', items: both, at: 6300, validUntil: 90_000 }, { type: 'slotEnded', serial: 2, at: 13_200 }).shown?.serial).toBe(3);
  });
});

describe('reload at the next schedule boundary', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');
  it('just after the boundary; never sooner than two seconds; none when absent, unreadable or beyond the poll', () => {
    expect(changeDelayMs('2026-12-07T10:00:40Z', now)).toBe(40_250);
    expect(changeDelayMs('2026-12-07T09:59:00Z', now)).toBe(2000);
    expect(changeDelayMs(null, now)).toBeNull();
    expect(changeDelayMs('soon', now)).toBeNull();
    expect(changeDelayMs('2026-12-07T11:00:00Z', now)).toBeNull();
  });
});
