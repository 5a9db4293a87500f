// The wall's camera while it is wanted: getUserMedia into a video element that is never put on the page, each
// new video frame (requestVideoFrameCallback) copied into an ImageBitmap and handed to the face worker, one
// frame in flight at a time (frames that arrive meanwhile are skipped). While a member code is welcome (`wantQr`),
// a frame every QR_FRAME_GAP_MS also goes to the QR worker (the member UI's zxing-wasm decoder). The tracks stop
// the moment the camera is no longer wanted. Nothing of a frame is kept: the workers answer with a box, the crop
// when asked, or the text of a QR code.
import { useEffect, useRef, useState } from 'react';
import type { FaceResult } from './detector/faceProtocol.ts';
import { decodeFrame } from '../member/scan/qrDecoder.ts';
import { detectFaces, faceDetectorReady } from './detector/faceDetector.ts';
import { useLatest } from '../ui/useLatest.ts';

export type CameraStatus = 'off' | 'starting' | 'running' | 'unavailable';
/** One analysed frame; `at` is when the frame arrived (performance clock). */
export type FaceSeen = FaceResult & { at: number };

/** After a failure (no camera, no permission, detector would not start) the camera is tried again this much later. */
export const CAMERA_RETRY_MS = 30_000;
/**
 * While nobody is playing (always-on attract) a face is looked for this often, not at video rate: it is enough
 * to notice someone stepping up, and an idle wall then costs a fraction of the CPU. The camera track itself is
 * turned down to IDLE_FPS meanwhile (fewer frames to deliver and wake the page for), and back up for play.
 */
export const IDLE_FRAME_GAP_MS = 150;
export const IDLE_FPS = 8;
const PLAY_FPS = 30;
/** While a member code is welcome, a frame this often goes to the QR decoder too. */
export const QR_FRAME_GAP_MS = 400;
/** Hooks for a member code shown to the wall's camera: asked at each frame, told of each code read. */
export type QrHooks = { wantQr: () => boolean; onQr: (text: string, seenAt: number) => void };
/** Consecutive frame failures after which the camera counts as unavailable. */
const MAX_FRAME_FAILURES = 5;
/** The detector works on a small frame; a bigger one only costs copying. */
const CAMERA_CONSTRAINTS: MediaStreamConstraints = { video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' }, audio: false };

function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * `idle`: nobody is playing, so frames are analysed every IDLE_FRAME_GAP_MS only. `wantCrop` is asked at each
 * frame whether the worker should also cut the crop; `onFace` gets every analysed frame.
 */
export function useWallCamera(
  active: boolean,
  idle: boolean,
  wantCrop: () => boolean,
  onFace: (seen: FaceSeen) => void,
  qr?: QrHooks,
): CameraStatus {
  // Follows the stream itself, not `active`: 'off' only once every track has stopped, so the privacy notice
  // (shown while the camera is not off) never disappears while a track is still live.
  const [phase, setPhase] = useState<'off' | 'starting' | 'running'>('off');
  /** Set after a failure: the camera stays off (and "unavailable") until then. */
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const latest = useLatest({ wantCrop, onFace, idle, qr });
  const track = useRef<MediaStreamTrack | null>(null);

  useEffect(() => {
    const t = track.current;
    if (!t || phase === 'off') return;
    t.applyConstraints({ frameRate: { max: idle ? IDLE_FPS : PLAY_FPS } }).catch((err: unknown) => console.warn('atrium: camera frame rate not changed', err));
  }, [idle, phase]);

  useEffect(() => {
    if (retryAt === null) return undefined;
    const timer = setTimeout(() => setRetryAt(null), Math.max(0, retryAt - Date.now()));
    return () => clearTimeout(timer);
  }, [retryAt]);

  const enabled = active && retryAt === null;
  useEffect(() => {
    if (!enabled) return undefined;
    let stopped = false;
    let stream: MediaStream | null = null;
    let video: HTMLVideoElement | null = null;
    const fail = (what: string, err: unknown) => {
      if (stopped) return;
      stopped = true;
      stopStream(stream);
      const message = `${what}: ${err instanceof Error ? err.message : String(err)}`;
      console.warn(`atrium: wall camera unavailable (${message})`);
      setPhase('off');
      setRetryAt(Date.now() + CAMERA_RETRY_MS);
    };

    // eslint-disable-next-line react-hooks/set-state-in-effect -- marks the camera this effect starts as starting
    setPhase('starting');
    const run = async () => {
      const detectorReady = faceDetectorReady();
      detectorReady.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled meanwhile
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no getUserMedia in this page');
        stream = await navigator.mediaDevices.getUserMedia(CAMERA_CONSTRAINTS);
      } catch (err) {
        return fail('camera', err);
      }
      if (stopped) return stopStream(stream);
      for (const t of stream.getVideoTracks()) t.addEventListener('ended', () => fail('camera', new Error('the camera stopped sending')));
      track.current = stream.getVideoTracks()[0] ?? null;
      const v = document.createElement('video');
      video = v;
      v.muted = true;
      v.playsInline = true;
      v.srcObject = stream;
      try {
        await v.play();
      } catch (err) {
        return fail('camera', err);
      }
      try {
        await detectorReady;
      } catch (err) {
        return fail('face detector', err);
      }
      if (stopped) return;
      let failures = 0;
      let lastFrameAt = -Infinity;
      let lastQrAt = -Infinity;
      let qrInFlight = false;
      const lookForQr = (frameAt: number) => {
        const hooks = latest.current.qr;
        if (!hooks || qrInFlight || frameAt - lastQrAt < QR_FRAME_GAP_MS || !hooks.wantQr()) return;
        lastQrAt = frameAt;
        qrInFlight = true;
        createImageBitmap(v).then((bitmap) => decodeFrame(bitmap)).then(
          (d) => { if (!stopped && d.text) latest.current.qr?.onQr(d.text, frameAt); },
          (err: unknown) => console.warn('atrium: wall QR decode failed', err),
        ).finally(() => { qrInFlight = false; });
      };
      const step = async (frameAt: number) => {
        if (stopped) return;
        if (v.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && v.videoWidth > 0) lookForQr(frameAt);
        const due = !latest.current.idle || frameAt - lastFrameAt >= IDLE_FRAME_GAP_MS;
        if (due && v.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && v.videoWidth > 0) {
          lastFrameAt = frameAt;
          try {
            const bitmap = await createImageBitmap(v);
            if (stopped) return bitmap.close();
            const result = await detectFaces(bitmap, latest.current.wantCrop());
            failures = 0;
            if (stopped) return;
            // "running" from the first analysed frame: from then on the wall really is watching.
            setPhase('running');
            latest.current.onFace({ ...result, at: frameAt });
          } catch (err) {
            failures += 1;
            if (failures >= MAX_FRAME_FAILURES) return fail('face detector', err);
          }
        }
        next();
      };
      const next = () => {
        if (stopped) return;
        if ('requestVideoFrameCallback' in v) v.requestVideoFrameCallback((now) => void step(now));
        else setTimeout(() => void step(performance.now()), 33);
      };
      next();
    };
    void run();

    return () => {
      stopped = true;
      stopStream(stream);
      track.current = null;
      if (video) {
        video.pause();
        video.srcObject = null;
      }
      setPhase('off');
    };
  }, [enabled, latest]);

  return retryAt !== null ? 'unavailable' : phase;
}
