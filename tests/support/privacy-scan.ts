// Finds anything image-like in what the kiosk stores or sends: long base64 blobs, long arrays of numbers (pixels,
// embeddings), keys that name pixels/crops/embeddings, and, in raw bytes, pieces of the very crops a test sent.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const LONG_TEXT = 200;
export const LONG_ARRAY = 32;
const SUSPECT_KEY = /rgb|crop|pixel|image|frame|embedding|descriptor|landmark|probs|tensor|photo|jpeg|png/i;
const BASE64ISH = /^[A-Za-z0-9+/=_-]+$/;

/** Image-like things in a parsed JSON value, each as "path: what". */
export function imageLikeIn(value: unknown, where = '$'): string[] {
  if (typeof value === 'string') {
    if (value.length >= LONG_TEXT && BASE64ISH.test(value)) return [`${where}: base64-like string of ${value.length} characters`];
    if (/^data:image\//i.test(value)) return [`${where}: data: URL of an image`];
    return [];
  }
  if (Array.isArray(value)) {
    if (value.length > LONG_ARRAY && value.every((v) => typeof v === 'number')) return [`${where}: array of ${value.length} numbers`];
    return value.flatMap((v, i) => imageLikeIn(v, `${where}[${i}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [...(SUSPECT_KEY.test(k) ? [`${where}.${k}: suspicious key`] : []), ...imageLikeIn(v, `${where}.${k}`)]);
  }
  return [];
}

/** A string cell or payload: as JSON if it parses, else as text. */
export function imageLikeInText(text: string, where: string): string[] {
  try {
    return imageLikeIn(JSON.parse(text), where);
  } catch {
    return imageLikeIn(text, where);
  }
}

/** Pieces of the given crops (raw bytes and their base64) and long base64 runs in raw bytes (a file, a payload). */
export function rawLeaks(bytes: Buffer, crops: { rgb: Uint8Array; base64: string }[], where: string): string[] {
  const found: string[] = [];
  for (const [i, c] of crops.entries()) {
    for (const at of [0, 1000, 12_000, 25_000, 37_000]) {
      if (bytes.indexOf(Buffer.from(c.rgb.subarray(at, at + 32))) >= 0) found.push(`${where}: 32 raw bytes of crop ${i} at offset ${at}`);
      if (bytes.indexOf(Buffer.from(c.base64.slice(at, at + 48))) >= 0) found.push(`${where}: 48 base64 characters of crop ${i} at offset ${at}`);
    }
  }
  let run = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const b = i < bytes.length ? bytes[i]! : 0;
    const b64 = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2b || b === 0x2f || b === 0x2d || b === 0x5f;
    if (b64) run++;
    else {
      if (run >= LONG_TEXT) found.push(`${where}: base64-like run of ${run} bytes ending at ${i}`);
      run = 0;
    }
  }
  return found;
}

/** Every file under a folder. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

export function rawLeaksInFiles(dir: string, crops: { rgb: Uint8Array; base64: string }[]): string[] {
  return filesUnder(dir).flatMap((f) => rawLeaks(readFileSync(f), crops, path.relative(dir, f)));
}
