// The page's handle on the face worker: one worker for the page's lifetime (MediaPipe's wasm is compiled once),
// one frame at a time, answers matched by id. A worker that fails to start is dropped so the next attempt
// starts afresh (e.g. after the agent put a missing model back).
import type { FaceReply, FaceRequest, FaceResult } from './faceProtocol.ts';

/** The face detector model, served by the kiosk agent from its models folder (see models/README.md). */
export const FACE_MODEL_URL = '/models/blaze_face_short_range.tflite';

/** performance.measure names of each detectForVideo call and each crop (the bench observes them). */
export const FACE_DETECT_MEASURE = 'atrium:face-detect';
export const FACE_CROP_MEASURE = 'atrium:face-crop';
/** The timeline keeps every measure: clear ours now and then, or a wall running all day fills memory with them. */
const MEASURES_KEPT = 300;
let measured = 0;

let worker: Worker | null = null;
let ready: Promise<void> | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (r: FaceResult) => void; reject: (e: Error) => void }>();

function dropWorker(w: Worker, error: Error): void {
  for (const entry of waiting.values()) entry.reject(error);
  waiting.clear();
  w.terminate();
  if (worker === w) {
    worker = null;
    ready = null;
  }
}

function start(): Promise<void> {
  const w = new Worker(new URL('./faceWorker.ts', import.meta.url), { type: 'module', name: 'face-detector' });
  worker = w;
  return new Promise<void>((resolve, reject) => {
    w.onmessage = (e: MessageEvent<FaceReply>) => {
      const msg = e.data;
      if (msg.type === 'ready') return resolve();
      if (msg.type === 'init-failed') {
        const error = new Error(`face detector could not start: ${msg.error}`);
        dropWorker(w, error);
        return reject(error);
      }
      const entry = waiting.get(msg.id);
      if (!entry) return;
      waiting.delete(msg.id);
      if (msg.type === 'frame-failed') return entry.reject(new Error(`face detector: ${msg.error}`));
      const { type: _type, id: _id, ...result } = msg;
      entry.resolve(result);
    };
    w.onerror = (e) => {
      e.preventDefault();
      const error = new Error(`face worker failed: ${e.message || 'could not load'}`);
      dropWorker(w, error);
      reject(error);
    };
    const init: FaceRequest = { type: 'init', modelUrl: new URL(FACE_MODEL_URL, window.location.href).href };
    w.postMessage(init);
  });
}

/** Starts the worker, MediaPipe's wasm and the model (once); rejects with a reason when any of them fails. */
export function faceDetectorReady(): Promise<void> {
  ready ??= start();
  return ready;
}

/** Detects faces in one frame (the bitmap is handed over and closed by the worker); the crop only when asked. */
export async function detectFaces(frame: ImageBitmap, wantCrop: boolean): Promise<FaceResult> {
  await faceDetectorReady();
  const w = worker;
  if (!w) {
    frame.close();
    throw new Error('the face worker stopped');
  }
  const id = nextId++;
  const sentAt = performance.now();
  const result = await new Promise<FaceResult>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    const request: FaceRequest = { type: 'frame', id, frame, wantCrop };
    w.postMessage(request, [frame]);
  });
  performance.measure(FACE_DETECT_MEASURE, { start: sentAt, duration: result.detectMs });
  if (result.crop) performance.measure(FACE_CROP_MEASURE, { start: sentAt + result.detectMs, duration: result.cropMs });
  if (++measured % MEASURES_KEPT === 0) {
    performance.clearMeasures(FACE_DETECT_MEASURE);
    performance.clearMeasures(FACE_CROP_MEASURE);
  }
  return result;
}
