// Frame timing of the attract loop as the page saw it, for bench/content-ui.ts: the page side (an init script that
// records every requestAnimationFrame tick, every video frame presented through requestVideoFrameCallback with its
// presentedFrames, expectedDisplayTime and mediaTime and Chromium's dropped-frame count, and every item swapped in)
// and the pure analysis of a time window: the longest gap between animation frames and the vsyncs missed, and the
// longest gap between presented video frames and the video frames never shown (mediaTime jumping by more than one
// frame, plus what getVideoPlaybackQuality counts as dropped). rAF alone cannot see a missed video frame: a page can
// paint at 60 Hz while the video skips frames underneath.

/** One video frame presented on screen (a requestVideoFrameCallback call). */
export type VideoFrame = { video: number; now: number; expected: number; presented: number; mediaTime: number; dropped: number };
/** One item the attract loop swapped in, at performance.now(); `video`: the probe's id of the video shown, if any. */
export type SwappedItem = { t: number; kind: string; video: number | null };
export type Recording = { frames: number[]; videoFrames: VideoFrame[]; items: SwappedItem[] };

type ProbeWindow = Window & { __probe: Recording };

/** The init script (runs in the page before its own scripts). */
export function installFrameProbe(): void {
  const w = window as unknown as ProbeWindow;
  const rec: Recording = { frames: [], videoFrames: [], items: [] };
  w.__probe = rec;
  const ids = new WeakMap<HTMLVideoElement, number>();
  let next = 0;
  const watch = (v: HTMLVideoElement): number => {
    const known = ids.get(v);
    if (known !== undefined) return known;
    const id = ++next;
    ids.set(v, id);
    const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
      const q = v.getVideoPlaybackQuality();
      rec.videoFrames.push({ video: id, now, expected: meta.expectedDisplayTime, presented: meta.presentedFrames, mediaTime: meta.mediaTime, dropped: q.droppedVideoFrames });
      if (v.isConnected) v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
    return id;
  };
  const videos = document.getElementsByTagName('video');
  const tick = (t: number) => {
    rec.frames.push(t);
    for (const v of Array.from(videos)) watch(v);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target as HTMLElement;
      if (el.dataset.testid !== 'attract' || r.attributeName !== 'data-item-serial' || el.dataset.itemSerial === '0') continue;
      const media = el.querySelector('[data-testid="attract-media"]');
      rec.items.push({ t: performance.now(), kind: el.dataset.itemKind ?? '', video: media instanceof HTMLVideoElement ? watch(media) : null });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-item-serial'] });
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** What one window shows. */
export type WindowFigures = {
  /** Longest gap between consecutive animation frames ending in the window, ms. */
  rafLongestMs: number;
  /** Vsyncs with no animation frame: each gap counts round(gap / vsync) - 1. */
  rafMissed: number;
  /** Longest gap between presented frames of the window's video (expectedDisplayTime), ms; 0 with no video. */
  videoLongestMs: number;
  /** Video frames never presented: mediaTime jumps of more than one frame, plus Chromium's dropped count. */
  videoMissed: number;
};

/**
 * The window [from, to] (page ms): rAF over the whole page; video frames of `video` only (null: none). `startsAt`: the
 * video was made visible at `from` showing its first frame (mediaTime 0), which counts as the frame before the first.
 */
export function windowFigures(rec: Recording, from: number, to: number, video: number | null, vsyncMs: number, videoFrameMs: number, startsAt = false): WindowFigures {
  let rafLongestMs = 0;
  let rafMissed = 0;
  for (let i = 1; i < rec.frames.length; i++) {
    const t = rec.frames[i]!;
    if (t < from || t > to) continue;
    const gap = t - rec.frames[i - 1]!;
    rafLongestMs = Math.max(rafLongestMs, gap);
    rafMissed += Math.max(0, Math.round(gap / vsyncMs) - 1);
  }
  const shown = video === null ? [] : rec.videoFrames.filter((f) => f.video === video && f.now >= from && f.now <= to);
  const first = shown[0];
  const vf = startsAt && first ? [{ ...first, expected: from, mediaTime: 0 }, ...shown] : shown;
  let videoLongestMs = 0;
  let skipped = 0;
  for (let i = 1; i < vf.length; i++) {
    videoLongestMs = Math.max(videoLongestMs, vf[i]!.expected - vf[i - 1]!.expected);
    skipped += Math.max(0, Math.round((vf[i]!.mediaTime - vf[i - 1]!.mediaTime) * 1000 / videoFrameMs) - 1);
  }
  const dropped = vf.length > 1 ? vf.at(-1)!.dropped - vf[0]!.dropped : 0;
  return { rafLongestMs, rafMissed, videoLongestMs, videoMissed: skipped + dropped };
}

/** The vsync interval (median gap between animation frames) and the video's frame length (median mediaTime step). */
export function cadence(rec: Recording): { vsyncMs: number; videoFrameMs: number } {
  const gaps = rec.frames.slice(1).map((t, i) => t - rec.frames[i]!);
  const steps: number[] = [];
  for (let i = 1; i < rec.videoFrames.length; i++) {
    const [a, b] = [rec.videoFrames[i - 1]!, rec.videoFrames[i]!];
    if (a.video === b.video && b.mediaTime > a.mediaTime) steps.push((b.mediaTime - a.mediaTime) * 1000);
  }
  // The smallest common step is one frame (a median of steps that include skips would overstate it).
  const sorted = steps.sort((x, y) => x - y);
  return { vsyncMs: median(gaps), videoFrameMs: sorted[Math.floor(sorted.length / 4)] ?? NaN };
}

export type Switch = { kind: 'image→video' | 'video→image'; figures: WindowFigures };

/**
 * Per image/video switch: rAF over [t - before, t + after]; the video's frames where it is on screen: the incoming
 * one over [t, t + after] (from its first frame, shown at the switch), the outgoing one over [t - after, t]. Per video item, a steady window as long, from
 * `steadyFromMs` into it (well after its switch, before its end).
 */
export function analyse(rec: Recording, o: { beforeMs: number; afterMs: number; steadyFromMs: number; switches: number }): { switches: Switch[]; steady: WindowFigures[] } {
  const { vsyncMs, videoFrameMs } = cadence(rec);
  const switches: Switch[] = [];
  const steady: WindowFigures[] = [];
  for (let i = 1; i < rec.items.length && switches.length < o.switches; i++) {
    const [prev, cur] = [rec.items[i - 1]!, rec.items[i]!];
    if (prev.kind === 'image' && cur.kind === 'video') {
      const raf = windowFigures(rec, cur.t - o.beforeMs, cur.t + o.afterMs, null, vsyncMs, videoFrameMs);
      const vid = windowFigures(rec, cur.t, cur.t + o.afterMs, cur.video, vsyncMs, videoFrameMs, true);
      switches.push({ kind: 'image→video', figures: { ...raf, videoLongestMs: vid.videoLongestMs, videoMissed: vid.videoMissed } });
    } else if (prev.kind === 'video' && cur.kind === 'image') {
      const raf = windowFigures(rec, cur.t - o.beforeMs, cur.t + o.afterMs, null, vsyncMs, videoFrameMs);
      const vid = windowFigures(rec, cur.t - o.afterMs, cur.t, prev.video, vsyncMs, videoFrameMs);
      switches.push({ kind: 'video→image', figures: { ...raf, videoLongestMs: vid.videoLongestMs, videoMissed: vid.videoMissed } });
    }
    if (cur.kind === 'video' && rec.items[i + 1]) {
      // As at a switch: rAF over before + after, the video over `after`.
      const from = cur.t + o.steadyFromMs;
      const raf = windowFigures(rec, from, from + o.beforeMs + o.afterMs, null, vsyncMs, videoFrameMs);
      const vid = windowFigures(rec, from, from + o.afterMs, cur.video, vsyncMs, videoFrameMs);
      steady.push({ ...raf, videoLongestMs: vid.videoLongestMs, videoMissed: vid.videoMissed });
    }
  }
  return { switches, steady };
}
