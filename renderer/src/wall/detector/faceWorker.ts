// The face worker: MediaPipe's FaceDetector (tasks-vision 1.1.0, CPU delegate) off the page's main thread, so
// touches stay responsive while it runs at video rate. Its wasm and loader are Vite assets served by the kiosk
// agent (no CDN); the model comes from the agent too. The worker also cuts the 112x112 crop, from the same
// frame the box came from, on an OffscreenCanvas that never reaches any DOM.
import { FaceDetector } from '@mediapipe/tasks-vision';
import wasmLoaderUrl from '@mediapipe/tasks-vision/vision_wasm_module_internal.js?url';
import wasmBinaryUrl from '@mediapipe/tasks-vision/vision_wasm_module_internal.wasm?url';
import { CROP_SIZE } from '../../../../contracts/wall.ts';
import { bytesToBase64, rgbaToRgb } from '../cropBytes.ts';
import { MIN_FACE_SCORE, mostProminentFace, squareCrop, type Box, type FaceDetection } from '../faceBox.ts';
import type { FaceReply, FaceRequest } from './faceProtocol.ts';

type WorkerScope = { onmessage: ((e: MessageEvent<FaceRequest>) => void) | null; postMessage(message: FaceReply): void; location: { href: string } };
const scope = self as unknown as WorkerScope;

// MediaPipe's wasm writes its informational log lines (glog "INFO: ..." or "I1127 12:00:00 ...") to console.error.
// They are not errors; passed on as info, the console's errors keep meaning something on a kiosk.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && /^(INFO: |I\d{4} )/.test(args[0])) console.info(...args);
  else consoleError(...args);
};

let detector: FaceDetector | null = null;
let lastTimestamp = 0;
let cropCanvas: OffscreenCanvas | null = null;

/** detectForVideo wants strictly increasing timestamps (ms). */
function nextTimestamp(): number {
  lastTimestamp = Math.max(lastTimestamp + 1, Math.round(performance.now()));
  return lastTimestamp;
}

function reply(message: FaceReply): void {
  scope.postMessage(message);
}

async function init(modelUrl: string): Promise<void> {
  const started = performance.now();
  try {
    // The ES-module build of the wasm loader: a module worker cannot importScripts() the classic one.
    detector ??= await FaceDetector.createFromOptions(
      { wasmLoaderPath: new URL(wasmLoaderUrl, scope.location.href).href, wasmBinaryPath: new URL(wasmBinaryUrl, scope.location.href).href },
      // The threshold is applied again in mostProminentFace; asking the detector for a little less keeps the
      // comparison in one place.
      { baseOptions: { modelAssetPath: modelUrl, delegate: 'CPU' }, runningMode: 'VIDEO', minDetectionConfidence: MIN_FACE_SCORE - 0.1 },
    );
    // The first detection builds MediaPipe's graph (hundreds of ms): do it now, on a blank frame, rather than
    // on the first shopper's face.
    const blank = await createImageBitmap(new ImageData(64, 64));
    detector.detectForVideo(blank, nextTimestamp());
    blank.close();
    reply({ type: 'ready', initMs: performance.now() - started });
  } catch (err) {
    reply({ type: 'init-failed', error: err instanceof Error ? err.message : String(err) });
  }
}

function cropOf(frame: ImageBitmap, square: Box): string {
  cropCanvas ??= new OffscreenCanvas(CROP_SIZE, CROP_SIZE);
  const ctx = cropCanvas.getContext('2d', { willReadFrequently: true, alpha: false });
  if (!ctx) throw new Error('no 2D context for the face crop');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, CROP_SIZE, CROP_SIZE);
  // 'low' is plain bilinear filtering in Chromium: the resize the classifier was checked with.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'low';
  ctx.drawImage(frame, square.x, square.y, square.width, square.height, 0, 0, CROP_SIZE, CROP_SIZE);
  const pixels = ctx.getImageData(0, 0, CROP_SIZE, CROP_SIZE).data;
  ctx.fillRect(0, 0, CROP_SIZE, CROP_SIZE); // nothing of the face stays on the canvas between frames
  return bytesToBase64(rgbaToRgb(pixels));
}

function detect(id: number, frame: ImageBitmap, wantCrop: boolean): void {
  try {
    if (!detector) throw new Error('the face detector is not ready');
    const size = { width: frame.width, height: frame.height };
    const t0 = performance.now();
    const result = detector.detectForVideo(frame, nextTimestamp());
    const detectMs = performance.now() - t0;
    const detections: FaceDetection[] = [];
    for (const d of result.detections) {
      const b = d.boundingBox;
      if (b) detections.push({ box: { x: b.originX, y: b.originY, width: b.width, height: b.height }, score: d.categories[0]?.score ?? 0 });
    }
    const face = mostProminentFace(detections, size);
    const t1 = performance.now();
    const crop = face && wantCrop ? cropOf(frame, squareCrop(face.box, size)) : null;
    const cropMs = crop ? performance.now() - t1 : 0;
    const faces = detections.filter((d) => d.score >= MIN_FACE_SCORE).length;
    reply({ type: 'result', id, face, faces, crop, frame: size, detectMs, cropMs });
  } catch (err) {
    reply({ type: 'frame-failed', id, error: err instanceof Error ? err.message : String(err) });
  } finally {
    frame.close();
  }
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'init') void init(msg.modelUrl);
  else detect(msg.id, msg.frame, msg.wantCrop);
};
