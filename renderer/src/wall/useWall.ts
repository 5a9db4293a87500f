// The wall's effects around the pure model in wallSession.ts: the camera while it is wanted, wall.start when
// someone taps (opt-in) or steps up (always-on), a crop (or "no face") to wall.observe at most
// MAX_CROPS_PER_SEC times a second, and wall.end when the person has left.
import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState, type RefObject } from 'react';
import type { WallState, WallStatus } from '../../../contracts/wall.ts';
import { CROP_SIZE } from '../../../contracts/wall.ts';
import { ApiCallError, call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';
import { faceDetectorReady } from './detector/faceDetector.ts';
import { useWallCamera, type CameraStatus, type FaceSeen, type QrHooks } from './useWallCamera.ts';
import { cameraWanted, endReason, initialWall, observeDue, wallReducer, type EndReason, type WallModel } from './wallSession.ts';
import { useLatest } from '../ui/useLatest.ts';

/** performance.mark names for the bench: the first frame with a face, and the first paint with a coupon. */
export const FIRST_FACE_MARK = 'atrium:wall-first-face';
export const OFFER_SHOWN_MARK = 'atrium:wall-offer-shown';

const END_CHECK_MS = 250;

export type DetectorState = 'idle' | 'loading' | 'ready' | 'failed';
export type Wall = { model: WallModel; camera: CameraStatus; detector: DetectorState; tap: () => void; onState: (state: WallState) => void };

function isCameraDisabled(err: unknown): boolean {
  return err instanceof ApiCallError && err.code === 'camera_disabled';
}

/** `onCameraDisabled`: the agent answered camera_disabled (model gone, camera switched off): re-read wall.status. */
export function useWall(status: WallStatus | null, onCameraDisabled: () => void, qr?: RefObject<QrHooks | null>): Wall {
  const reportFailure = useReportFailure();
  const [model, dispatch] = useReducer(wallReducer, initialWall);
  const modelRef = useLatest(model);
  const mode = status?.mode ?? 'opt-in';
  const cameraReady = status?.camera === 'ready';
  const observing = useRef({ inFlight: false, lastSentAt: -Infinity });

  const end = useCallback((reason: EndReason) => {
    const { wallSession } = modelRef.current;
    dispatch({ type: 'ended' });
    if (wallSession) call('wall.end', { wallSession, reason }).catch((err: unknown) => { if (!reportFailure(err)) console.warn('atrium: wall.end failed', err); });
  }, [reportFailure, modelRef]);

  const wantCrop = useCallback(() => {
    const o = observing.current;
    return observeDue(modelRef.current, o.inFlight, o.lastSentAt, performance.now());
  }, [modelRef]);

  const observe = useCallback((m: WallModel, crop: string | null) => {
    const wallSession = m.wallSession;
    if (!wallSession) return;
    const o = observing.current;
    o.inFlight = true;
    o.lastSentAt = performance.now();
    call('wall.observe', { wallSession, crop: crop === null ? null : { width: CROP_SIZE, height: CROP_SIZE, rgb: crop } }).then(
      (state) => dispatch({ type: 'observed', state }),
      (err: unknown) => {
        if (reportFailure(err)) return;
        // The agent no longer knows this session (restarted, idle too long) or the camera features were switched
        // off: start over.
        console.warn('atrium: wall.observe failed; back to attract', err);
        if (isCameraDisabled(err)) onCameraDisabled();
        if (modelRef.current.wallSession === wallSession) end('reset');
      },
    ).finally(() => { o.inFlight = false; });
  }, [end, reportFailure, onCameraDisabled, modelRef]);

  const onFace = useCallback((seen: FaceSeen) => {
    const m = modelRef.current;
    const present = seen.face !== null;
    if (present && m.lastFaceAt === null && m.facesInARow === 0) {
      performance.clearMarks(FIRST_FACE_MARK);
      performance.clearMarks(OFFER_SHOWN_MARK);
      performance.mark(FIRST_FACE_MARK, { startTime: seen.at });
    }
    dispatch({ type: 'face', present, at: seen.at, mode });
    const o = observing.current;
    if (!observeDue(m, o.inFlight, o.lastSentAt, performance.now())) return;
    // A face whose crop was not asked for (the frame left before the observation was due) waits for the next frame.
    if (present && seen.crop === null) return;
    observe(m, seen.crop);
  }, [mode, observe, modelRef]);

  // Not memoised: useWallCamera reads its hooks through a latest-value ref, so their identity does not matter.
  const qrHooks: QrHooks = {
    wantQr: () => qr?.current?.wantQr() ?? false,
    onQr: (text, seenAt) => qr?.current?.onQr(text, seenAt),
  };
  const camera = useWallCamera(cameraReady && cameraWanted(model, mode), model.phase === 'attract', wantCrop, onFace, qrHooks);

  // MediaPipe's wasm and the model load ahead of the first tap, so the camera starts playing at once.
  const [detector, setDetector] = useState<DetectorState>('idle');
  useEffect(() => {
    if (!cameraReady) return undefined;
    let cancelled = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- marks the model load this effect starts as loading
    setDetector('loading');
    faceDetectorReady().then(
      () => { if (!cancelled) setDetector('ready'); },
      (err: unknown) => {
        console.warn('atrium: face detector did not load ahead of play', err);
        if (!cancelled) setDetector('failed');
      },
    );
    return () => { cancelled = true; };
  }, [cameraReady]);
  const detectorNow: DetectorState = camera === 'running' ? 'ready' : detector;
  // Since when the camera has been running (null while it is not), for endReason(); noted at the commit that shows it.
  const cameraSince = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (camera !== 'running') cameraSince.current = null;
    else cameraSince.current ??= performance.now();
  }, [camera]);

  // wall.start, once per start (a tap in opt-in mode, a face held for a few frames in always-on mode).
  const isStarting = model.phase === 'starting';
  useEffect(() => {
    if (!isStarting) return undefined;
    let cancelled = false;
    call('wall.start', {}).then(
      (state) => {
        if (cancelled) {
          call('wall.end', { wallSession: state.wallSession, reason: 'reset' }).catch(() => undefined);
          return;
        }
        dispatch({ type: 'started', state, at: performance.now() });
      },
      (err: unknown) => {
        if (cancelled || reportFailure(err)) return;
        console.warn('atrium: wall.start failed', err);
        if (isCameraDisabled(err)) onCameraDisabled();
        dispatch({ type: 'ended' });
      },
    );
    return () => { cancelled = true; };
  }, [isStarting, model.startSeq, reportFailure, onCameraDisabled]);

  // The person left (no face for a while), or never showed up after the tap.
  const isPlaying = model.phase === 'playing';
  useEffect(() => {
    if (!isPlaying) return undefined;
    const timer = setInterval(() => {
      const reason = endReason(modelRef.current, performance.now(), cameraSince.current);
      if (reason) end(reason);
    }, END_CHECK_MS);
    return () => clearInterval(timer);
  }, [isPlaying, end, modelRef]);

  // The camera failed mid-session, or the agent switched the camera features off: the session cannot go on.
  const sessionWithoutCamera = model.phase !== 'attract' && (camera === 'unavailable' || !cameraReady);
  useEffect(() => {
    if (sessionWithoutCamera) end('reset');
  }, [sessionWithoutCamera, end]);

  // Leaving the wall altogether (role changed, page closing): end the session so the agent counts it.
  useEffect(() => () => {
    const { wallSession } = modelRef.current;
    if (wallSession) call('wall.end', { wallSession, reason: 'reset' }).catch(() => undefined);
  }, [modelRef]);

  const tap = useCallback(() => { if (cameraReady) dispatch({ type: 'tap', at: performance.now() }); }, [cameraReady]);
  // A state the agent gave outside wall.observe (wall.member after a member scan).
  const onState = useCallback((state: WallState) => dispatch({ type: 'observed', state }), []);
  return { model, camera, detector: detectorNow, tap, onState };
}
