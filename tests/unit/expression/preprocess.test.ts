// Crop validation and the crop -> tensor step, against the manifest's input spec.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ModelManifest } from '../../../contracts/models.ts';
import { CROP_BYTES, CROP_SIZE } from '../../../contracts/wall.ts';
import { BLANK_STDDEV, CropError, decodeCrop, toInputTensor } from '../../../edge-agent/src/expression/preprocess.ts';

const manifest = ModelManifest.parse(JSON.parse(readFileSync(new URL('../../../models/manifest.json', import.meta.url), 'utf8')));
const spec = manifest.models.find((m) => m.name === 'face-expression')!.input;
if (!('layout' in spec)) throw new Error('manifest: face-expression has no image input spec');

/** A crop whose bytes are a known function of position: byte i = (i * 7 + 3) mod 256. */
function patterned(): Uint8Array {
  return Uint8Array.from({ length: CROP_BYTES }, (_, i) => (i * 7 + 3) % 256);
}
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function cropError(crop: { width: number; height: number; rgb: string }): CropError {
  try {
    decodeCrop(crop, spec as { width: number; height: number });
  } catch (err) {
    if (err instanceof CropError) return err;
    throw err;
  }
  throw new Error('expected a CropError');
}

describe('the manifest and the wall contract agree', () => {
  it('the classifier takes the crop size the page sends, RGB 0..255 NCHW with normalisation inside the graph', () => {
    expect(spec).toMatchObject({ width: CROP_SIZE, height: CROP_SIZE, layout: 'NCHW', channels: 'RGB', range: [0, 255], shape: ['N', 3, CROP_SIZE, CROP_SIZE] });
    expect(spec.inGraph).toMatch(/122\.782.*117\.001.*104\.298.*255/);
  });
});

describe('decodeCrop', () => {
  it('returns the exact bytes of a valid crop', () => {
    const bytes = patterned();
    expect(Array.from(decodeCrop({ width: 112, height: 112, rgb: b64(bytes) }, spec))).toEqual(Array.from(bytes));
  });

  const cases: [string, { width: number; height: number; rgb: string }, string, RegExp][] = [
    ['wrong size', { width: 96, height: 112, rgb: b64(patterned()) }, 'crop', /96x112.*takes 112x112/],
    ['empty', { width: 112, height: 112, rgb: '' }, 'crop.rgb', /crop is empty/],
    ['characters outside base64', { width: 112, height: 112, rgb: b64(patterned()).replace(/^..../, 'ab!?') }, 'crop.rgb', /not valid base64/],
    ['base64url alphabet', { width: 112, height: 112, rgb: Buffer.from(patterned()).toString('base64url').replace(/^(.)/, '-') }, 'crop.rgb', /not valid base64/],
    ['length not a multiple of 4', { width: 112, height: 112, rgb: b64(patterned()).slice(1) }, 'crop.rgb', /not valid base64/],
    ['too few bytes', { width: 112, height: 112, rgb: b64(patterned().subarray(0, CROP_BYTES - 3)) }, 'crop.rgb', new RegExp(`decodes to ${CROP_BYTES - 3} bytes.*has ${CROP_BYTES}`)],
    ['too many bytes', { width: 112, height: 112, rgb: b64(new Uint8Array(CROP_BYTES + 3).fill(9).map((v, i) => (i % 5) * 40)) }, 'crop.rgb', /decodes to 37635 bytes/],
    ['one flat colour (black frame)', { width: 112, height: 112, rgb: b64(new Uint8Array(CROP_BYTES)) }, 'crop.rgb', /blank/],
    ['one flat colour (green frame)', { width: 112, height: 112, rgb: b64(Uint8Array.from({ length: CROP_BYTES }, (_, i) => (i % 3 === 1 ? 255 : 0))) }, 'crop.rgb', /blank/],
  ];
  for (const [name, crop, path, message] of cases) {
    it(`refuses a crop: ${name}`, () => {
      const err = cropError(crop);
      expect(err.path).toBe(path);
      expect(err.message).toMatch(message);
    });
  }

  it('a nearly flat crop is blank below the threshold and accepted above it', () => {
    const noise = (amp: number) => Uint8Array.from({ length: CROP_BYTES }, (_, i) => 128 + (Math.floor(i / 3) % 2 === 0 ? amp : -amp));
    expect(cropError({ width: 112, height: 112, rgb: b64(noise(1)) }).message).toMatch(/standard deviation 1\.00/);
    expect(decodeCrop({ width: 112, height: 112, rgb: b64(noise(BLANK_STDDEV + 1)) }, spec)).toHaveLength(CROP_BYTES);
  });
});

describe('toInputTensor', () => {
  const bytes = patterned();
  const px = CROP_SIZE * CROP_SIZE;
  const at = (x: number, y: number, c: number) => bytes[(y * CROP_SIZE + x) * 3 + c]!;

  it('NCHW RGB 0..255 as the manifest says: plane c holds channel c of every pixel, values unchanged', () => {
    const t = toInputTensor(bytes, spec);
    expect(t).toHaveLength(3 * px);
    for (const [x, y] of [[0, 0], [111, 0], [5, 77], [111, 111]] as const) {
      for (let c = 0; c < 3; c++) expect(t[c * px + y * CROP_SIZE + x]).toBe(at(x, y, c));
    }
    expect(Math.min(...t)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...t)).toBeLessThanOrEqual(255);
    expect(t.every(Number.isFinite)).toBe(true);
  });

  it('NHWC BGR in [0,1] and [-1,1] for other models', () => {
    const t = toInputTensor(bytes, { ...spec, layout: 'NHWC', channels: 'BGR', range: [0, 1] });
    expect(t[(5 * CROP_SIZE + 9) * 3 + 0]).toBeCloseTo(at(9, 5, 2) / 255, 6);
    expect(t[(5 * CROP_SIZE + 9) * 3 + 2]).toBeCloseTo(at(9, 5, 0) / 255, 6);
    const s = toInputTensor(bytes, { ...spec, range: [-1, 1] });
    expect(s[px + 0]).toBeCloseTo(-1 + (at(0, 0, 1) * 2) / 255, 6);
  });

  it('refuses bytes of the wrong length', () => {
    expect(() => toInputTensor(bytes.subarray(1), spec)).toThrow(CropError);
  });
});
