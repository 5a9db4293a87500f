// Pure: a face crop from the page -> the classifier's input tensor, exactly as the manifest's input spec says.
// Every way a crop can be wrong gets a CropError naming the field and the problem; nothing here can throw
// anything else or produce a NaN (bytes in, finite floats out).
import type { ImageInput } from '../../../contracts/models.ts';

export class CropError extends Error {
  override name = 'CropError';
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

export type CropInput = { width: number; height: number; rgb: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Below this standard deviation in every channel (0..255 units) a crop is one flat colour: no face in it. */
export const BLANK_STDDEV = 2;

/** The crop's RGB bytes, after checking its size against the model input, its base64 and its content. */
export function decodeCrop(crop: CropInput, spec: Pick<ImageInput, 'width' | 'height'>): Uint8Array {
  if (crop.width !== spec.width || crop.height !== spec.height) {
    throw new CropError('crop', `crop is ${crop.width}x${crop.height}; the classifier takes ${spec.width}x${spec.height}`);
  }
  const expected = spec.width * spec.height * 3;
  if (crop.rgb.length === 0) throw new CropError('crop.rgb', `crop is empty; expected base64 of ${expected} RGB bytes`);
  if (crop.rgb.length % 4 !== 0 || !BASE64.test(crop.rgb)) {
    throw new CropError('crop.rgb', 'crop.rgb is not valid base64 (standard alphabet A-Z a-z 0-9 + /, padded with =)');
  }
  const bytes = new Uint8Array(Buffer.from(crop.rgb, 'base64'));
  if (bytes.length !== expected) {
    throw new CropError('crop.rgb', `crop.rgb decodes to ${bytes.length} bytes; a ${spec.width}x${spec.height} RGB crop has ${expected}`);
  }
  const sd = stddev(bytes);
  if (sd < BLANK_STDDEV) {
    throw new CropError('crop.rgb', `crop is blank (one flat colour, standard deviation ${sd.toFixed(2)}): the camera frame was empty or not drawn yet`);
  }
  return bytes;
}

/** The largest of the three channels' standard deviations (a solid green frame is flat in every channel). */
function stddev(rgb: Uint8Array): number {
  let worst = 0;
  const n = rgb.length / 3;
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    let sumSq = 0;
    for (let i = c; i < rgb.length; i += 3) {
      const b = rgb[i]!;
      sum += b;
      sumSq += b * b;
    }
    const mean = sum / n;
    worst = Math.max(worst, Math.sqrt(Math.max(0, sumSq / n - mean * mean)));
  }
  return worst;
}

/**
 * Interleaved RGB bytes (row-major, width x height) -> float32 tensor data in the layout, channel order and value
 * range of the spec. The steps the spec says are inside the graph (mean subtraction, scaling) are not repeated here.
 */
export function toInputTensor(rgb: Uint8Array, spec: Pick<ImageInput, 'width' | 'height' | 'layout' | 'channels' | 'range'>): Float32Array {
  const { width, height } = spec;
  const pixels = width * height;
  if (rgb.length !== pixels * 3) throw new CropError('crop.rgb', `expected ${pixels * 3} RGB bytes, got ${rgb.length}`);
  const [lo, hi] = spec.range;
  const k = (hi - lo) / 255;
  const order = spec.channels === 'RGB' ? [0, 1, 2] : [2, 1, 0];
  const out = new Float32Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < 3; c++) {
      const value = lo + rgb[p * 3 + order[c]!]! * k;
      out[spec.layout === 'NCHW' ? c * pixels + p : p * 3 + c] = value;
    }
  }
  return out;
}
