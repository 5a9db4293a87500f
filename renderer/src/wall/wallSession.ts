// The wall's state: attract (nobody playing), starting (wall.start in flight), playing (a session with the agent).
// Pure: events in, state out; the effects (camera, API calls, timers) live in useWall.ts.
import { MAX_CROPS_PER_SEC, type ExpressionBucket, type WallOffer, type WallState, type WallStatus } from '../../../contracts/wall.ts';

export type WallMode = WallStatus['mode'];
export type WallPhase = 'attract' | 'starting' | 'playing';
export type EndReason = 'left' | 'timeout' | 'reset';

/** No face for this long while playing: the person has left, the session ends. */
export const ABSENT_END_MS = 4_000;
/** Opt-in: tapped "play" but no face showed up within this long of the camera running. */
export const NO_SHOW_END_MS = 15_000;
/** A camera that is still starting this long after the tap will not start (the session gives up). */
export const CAMERA_START_LIMIT_MS = 30_000;
/** Always-on: a face in this many frames in a row starts a session (a face flashing by does not). */
export const FACE_FRAMES_TO_START = 3;
/** Shortest gap between two wall.observe calls. */
export const OBSERVE_INTERVAL_MS = 1000 / MAX_CROPS_PER_SEC;

export type WallModel = {
  phase: WallPhase;
  wallSession: string | null;
  expression: ExpressionBucket;
  confidence: number;
  /** The coupon on screen: the latest the agent chose this session (kept while the expression wobbles). */
  offer: WallOffer | null;
  experiment: WallState['experiment'];
  /** The member who scanned their code at the wall this session (masked name and tier), or null. */
  member: WallState['member'];
  /** Performance-clock ms: when the session started, and when a face was last seen (null: not yet). */
  startedAt: number;
  lastFaceAt: number | null;
  /** Consecutive frames with a face while on attract (always-on mode). */
  facesInARow: number;
  /** Bumped at every new session start, so the start effect runs once per start. */
  startSeq: number;
};

export type WallEvent =
  | { type: 'tap'; at: number }
  | { type: 'face'; present: boolean; at: number; mode: WallMode }
  | { type: 'started'; state: WallState; at: number }
  | { type: 'observed'; state: WallState }
  | { type: 'ended' };

export const initialWall: WallModel = {
  phase: 'attract', wallSession: null, expression: 'none', confidence: 0, offer: null, experiment: null, member: null,
  startedAt: 0, lastFaceAt: null, facesInARow: 0, startSeq: 0,
};

function starting(model: WallModel, at: number): WallModel {
  return { ...initialWall, phase: 'starting', startedAt: at, startSeq: model.startSeq + 1 };
}

function withState(model: WallModel, state: WallState): WallModel {
  return {
    ...model,
    wallSession: state.wallSession,
    expression: state.expression,
    confidence: state.expression === 'none' ? 0 : state.confidence,
    offer: state.offer ?? model.offer,
    experiment: state.experiment ?? model.experiment,
    member: state.member,
  };
}

export function wallReducer(model: WallModel, event: WallEvent): WallModel {
  switch (event.type) {
    case 'tap':
      return model.phase === 'attract' ? starting(model, event.at) : model;
    case 'face': {
      if (model.phase === 'attract') {
        if (event.mode !== 'always-on') return model;
        const facesInARow = event.present ? model.facesInARow + 1 : 0;
        return facesInARow >= FACE_FRAMES_TO_START ? { ...starting(model, event.at), lastFaceAt: event.at } : { ...model, facesInARow };
      }
      return event.present ? { ...model, lastFaceAt: event.at } : model;
    }
    case 'started':
      return model.phase === 'starting' ? { ...withState(model, event.state), phase: 'playing' } : model;
    case 'observed':
      return model.phase === 'playing' && event.state.wallSession === model.wallSession ? withState(model, event.state) : model;
    case 'ended':
      return { ...initialWall, startSeq: model.startSeq };
  }
}

/** Whether the camera should be running: always in always-on mode, from the tap to the end in opt-in mode. */
export function cameraWanted(model: WallModel, mode: WallMode): boolean {
  return mode === 'always-on' || model.phase !== 'attract';
}

/**
 * Why the session should end now, or null while the person is still there. `cameraSince`: when the camera
 * started delivering frames (null while it is still starting), so a slow camera start does not count as
 * "nobody came".
 */
export function endReason(model: WallModel, now: number, cameraSince: number | null): EndReason | null {
  if (model.phase !== 'playing') return null;
  if (model.lastFaceAt !== null) return now - model.lastFaceAt >= ABSENT_END_MS ? 'left' : null;
  if (cameraSince === null) return now - model.startedAt >= CAMERA_START_LIMIT_MS ? 'timeout' : null;
  return now - Math.max(model.startedAt, cameraSince) >= NO_SHOW_END_MS ? 'timeout' : null;
}

/** Whether an observation is due: playing, nothing in flight, and the last one at least OBSERVE_INTERVAL_MS ago. */
export function observeDue(model: WallModel, inFlight: boolean, lastSentAt: number, now: number): boolean {
  return model.phase === 'playing' && model.wallSession !== null && !inFlight && now - lastSentAt >= OBSERVE_INTERVAL_MS;
}
