// QR decode time per frame: zxing-wasm (what the kiosk's worker runs, same options) beside jsQR (pure JS), on
// the same RGBA frames. Frames come from fake-camera clips made like the browser tests' (qrencode -> ffmpeg, 640x480,
// sensor-like noise), one per member code, decoded back to raw RGBA by ffmpeg. Both run in Node's V8, one frame
// at a time on one thread, as the worker does in Chromium.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQRModule from 'jsqr';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import { CLIP_HEIGHT, CLIP_WIDTH, clipDir, makeQrClip } from '../tests/browser/support/qrClip.ts';
import { percentile } from './stats.ts';

// jsqr is CommonJS: under NodeNext typing its default import is the module object, which at run time is the function.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;
const root = fileURLToPath(new URL('..', import.meta.url));

/** The reader options of renderer/src/member/scan/qrWorker.ts. */
const zxingOptions: ReaderOptions = { formats: ['QRCode'], maxNumberOfSymbols: 1, tryHarder: true, tryInvert: false, tryRotate: true };

export type Frame = { text: string; rgba: Uint8ClampedArray };

/** `count` frames of different member-code-sized QR codes (about 250 characters, like a signed token). */
export function qrFrames(count: number, framesPerCode = 2): Frame[] {
  const dir = clipDir();
  const frames: Frame[] = [];
  for (let i = 0; frames.length < count; i++) {
    const text = `ATM1.${Buffer.from(JSON.stringify({ kid: 'bench', mid: `M${1000 + i}`, tier: 'gold', iat: 1_800_000_000 + i, exp: 1_800_000_060 + i, nonce: `bench-nonce-${i}-xxxxxxxxxxxx` })).toString('base64url')}.${Buffer.alloc(64, i).toString('base64url')}`;
    const clip = makeQrClip(dir, `bench-${i}`, text, { frames: framesPerCode });
    const raw = spawnSync('ffmpeg', ['-loglevel', 'error', '-i', clip, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 64 * 1024 * 1024 });
    if (raw.status !== 0) throw new Error(`ffmpeg could not decode ${clip}: ${raw.stderr}`);
    const size = CLIP_WIDTH * CLIP_HEIGHT * 4;
    for (let f = 0; f * size < raw.stdout.length && frames.length < count; f++) {
      frames.push({ text, rgba: new Uint8ClampedArray(raw.stdout.buffer, raw.stdout.byteOffset + f * size, size) });
    }
  }
  return frames;
}

export type DecodeTimes = { ms: number[]; decoded: number; frames: number };

export async function zxingDecodeTimes(frames: Frame[]): Promise<DecodeTimes> {
  const wasm = readFileSync(path.join(root, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'));
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
  const ms: number[] = [];
  let decoded = 0;
  // One untimed pass first: the wasm's first calls grow its memory and warm the engine.
  for (const f of frames.slice(0, 2)) await readBarcodes(imageData(f), zxingOptions);
  for (const f of frames) {
    const img = imageData(f);
    const t = performance.now();
    const results = await readBarcodes(img, zxingOptions);
    ms.push(performance.now() - t);
    if (results.some((r) => r.isValid && r.text === f.text)) decoded++;
  }
  return { ms, decoded, frames: frames.length };
}

export function jsqrDecodeTimes(frames: Frame[]): DecodeTimes {
  const ms: number[] = [];
  let decoded = 0;
  for (const f of frames.slice(0, 2)) jsQR(f.rgba, CLIP_WIDTH, CLIP_HEIGHT, { inversionAttempts: 'dontInvert' });
  for (const f of frames) {
    const t = performance.now();
    const r = jsQR(f.rgba, CLIP_WIDTH, CLIP_HEIGHT, { inversionAttempts: 'dontInvert' });
    ms.push(performance.now() - t);
    if (r?.data === f.text) decoded++;
  }
  return { ms, decoded, frames: frames.length };
}

/** zxing-wasm's readBarcodes takes an ImageData; Node has none, and the library only reads these three fields. */
function imageData(f: Frame): ImageData {
  return { data: f.rgba, width: CLIP_WIDTH, height: CLIP_HEIGHT, colorSpace: 'srgb' } as ImageData;
}

export const p = (values: number[], q: number) => percentile([...values].sort((a, b) => a - b), q);
