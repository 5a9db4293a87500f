// A face crop as the agent's contract wants it: 112x112 RGB bytes (no alpha), base64. Pure.
import { CROP_BYTES, CROP_SIZE } from '../../../contracts/wall.ts';

/** Drops the alpha channel of CROP_SIZE x CROP_SIZE RGBA pixels (canvas getImageData order). */
export function rgbaToRgb(rgba: ArrayLike<number>): Uint8Array {
  const pixels = CROP_SIZE * CROP_SIZE;
  if (rgba.length !== pixels * 4) throw new RangeError(`expected ${pixels * 4} RGBA bytes for a ${CROP_SIZE}x${CROP_SIZE} crop, got ${rgba.length}`);
  const rgb = new Uint8Array(CROP_BYTES);
  for (let p = 0, o = 0; p < rgba.length; p += 4, o += 3) {
    rgb[o] = rgba[p]!;
    rgb[o + 1] = rgba[p + 1]!;
    rgb[o + 2] = rgba[p + 2]!;
  }
  return rgb;
}

/** Standard base64 (with padding) of `bytes`; btoa over chunks so large arrays do not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
