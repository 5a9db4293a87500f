// Decodes QR codes in camera frames off the main thread, with zxing-wasm. Its .wasm is a Vite asset served by
// the agent (zxing-wasm would otherwise fetch it from a CDN, which the kiosk cannot and must not reach).
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { DecodeReply, DecodeRequest } from './qrProtocol.ts';

const options: ReaderOptions = { formats: ['QRCode'], maxNumberOfSymbols: 1, tryHarder: true, tryInvert: false, tryRotate: true };

/** A camera-sized image of noise: the detector searches all of it, which warms every hot loop. */
function noise(): ImageData {
  const img = new ImageData(640, 480);
  for (let i = 0; i < img.data.length; i += 4) {
    const v = Math.random() < 0.5 ? 0 : 255;
    img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
    img.data[i + 3] = 255;
  }
  return img;
}

// Compiled as soon as the worker starts, then run a few times on noise (the first calls grow the wasm memory and
// run unoptimised code), so the first camera frame pays for none of that.
const ready = prepareZXingModule({
  overrides: { locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? wasmUrl : prefix + file) },
  fireImmediately: true,
}).then(async () => {
  for (let i = 0; i < 3; i++) await readBarcodes(noise(), options);
});

type WorkerScope = { onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null; postMessage(message: DecodeReply): void };
const scope = self as unknown as WorkerScope;

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function pixelsOf(frame: ImageBitmap): ImageData {
  if (!canvas || canvas.width !== frame.width || canvas.height !== frame.height) {
    canvas = new OffscreenCanvas(frame.width, frame.height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('no 2D context for an OffscreenCanvas');
  context.drawImage(frame, 0, 0);
  return context.getImageData(0, 0, frame.width, frame.height);
}

scope.onmessage = (e) => {
  const { id, frame } = e.data;
  void (async () => {
    try {
      await ready;
      const pixels = pixelsOf(frame);
      const started = performance.now();
      const results = await readBarcodes(pixels, options);
      const decodeMs = performance.now() - started;
      const found = results.find((r) => r.isValid && r.text !== '');
      scope.postMessage({ id, ok: true, text: found ? found.text : null, decodeMs });
    } catch (err) {
      scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
    } finally {
      frame.close();
    }
  })();
};
