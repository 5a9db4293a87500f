// The content bench's frame analysis (bench/frame-probe.ts) on made-up recordings: a 60 Hz page with a 24 fps video,
// where a switch stalls the page and the video skips frames, must show the stall and the skipped frames, and a smooth
// stretch must show none.
import { describe, expect, it } from 'vitest';
import { analyse, cadence, windowFigures, type Recording, type VideoFrame } from '../../../bench/frame-probe.ts';

const VSYNC = 1000 / 60;
const FRAME = 1000 / 24;

/** rAF ticks every vsync from 0 to `endMs`, except those inside `stalls` ([from, to) with no tick). */
function ticks(endMs: number, stalls: [number, number][] = []): number[] {
  const out: number[] = [];
  for (let t = 0; t <= endMs; t += VSYNC) if (!stalls.some(([a, b]) => t >= a && t < b)) out.push(t);
  return out;
}

/** Video `video` playing from page time `startMs` to `endMs`, one presented frame per 24 fps frame, except `skip` (frame indexes never shown). */
function videoFrames(video: number, startMs: number, endMs: number, skip: Set<number> = new Set()): VideoFrame[] {
  const out: VideoFrame[] = [];
  let presented = 0;
  for (let i = 1; startMs + i * FRAME <= endMs; i++) {
    if (skip.has(i)) continue;
    const t = startMs + i * FRAME;
    out.push({ video, now: t, expected: t, presented: ++presented, mediaTime: (i * FRAME) / 1000, dropped: 0 });
  }
  return out;
}

describe('frame analysis', () => {
  it('finds the vsync and the video frame length', () => {
    const rec: Recording = { frames: ticks(2000), videoFrames: videoFrames(1, 0, 2000), items: [] };
    const c = cadence(rec);
    expect(c.vsyncMs).toBeCloseTo(VSYNC, 3);
    expect(c.videoFrameMs).toBeCloseTo(FRAME, 3);
  });

  it('a smooth window shows no missed vsync and no missed video frame', () => {
    const rec: Recording = { frames: ticks(2000), videoFrames: videoFrames(1, 0, 2000), items: [] };
    expect(windowFigures(rec, 500, 1000, 1, VSYNC, FRAME)).toEqual({ rafLongestMs: expect.closeTo(VSYNC, 3), rafMissed: 0, videoLongestMs: expect.closeTo(FRAME, 3), videoMissed: 0 });
  });

  it('a stall shows as a long gap with the vsyncs it missed, and skipped video frames as missed ones', () => {
    const rec: Recording = { frames: ticks(2000, [[1000, 1100]]), videoFrames: videoFrames(1, 0, 2000, new Set([25, 26])), items: [] };
    const f = windowFigures(rec, 900, 1300, 1, VSYNC, FRAME);
    // Ticks at 983.3 and 1100: a 116.7 ms gap, 6 vsyncs missed.
    expect(f.rafLongestMs).toBeCloseTo(116.67, 1);
    expect(f.rafMissed).toBe(6);
    // Frames 25 and 26 never shown: 3 frame lengths between 24 and 27.
    expect(f.videoLongestMs).toBeCloseTo(3 * FRAME, 3);
    expect(f.videoMissed).toBe(2);
  });

  it('per switch: the incoming video counts from its first frame at the switch; steady windows come from the video items', () => {
    // image at 0, video made visible at 3000 (its frames from there; a late start: the first new frame at 3000 + 4 frames),
    // image again at 7000, then another item so the last window is closed.
    const late = videoFrames(7, 3000, 7000, new Set([1, 2, 3]));
    const rec: Recording = {
      frames: ticks(12_000),
      videoFrames: late,
      items: [{ t: 0, kind: 'image', video: null }, { t: 3000, kind: 'video', video: 7 }, { t: 7000, kind: 'image', video: null }, { t: 10_000, kind: 'image', video: null }],
    };
    const { switches, steady } = analyse(rec, { beforeMs: 100, afterMs: 400, steadyFromMs: 1500, switches: 2 });
    expect(switches.map((s) => s.kind)).toEqual(['image→video', 'video→image']);
    expect(switches[0]!.figures.videoLongestMs).toBeCloseTo(4 * FRAME, 3);
    expect(switches[0]!.figures.videoMissed).toBe(3);
    expect(switches[1]!.figures).toMatchObject({ rafMissed: 0, videoMissed: 0 });
    expect(steady).toHaveLength(1);
    expect(steady[0]).toMatchObject({ rafMissed: 0, videoMissed: 0 });
  });
});
