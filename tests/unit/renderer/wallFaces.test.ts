// The wall's pure face handling: which face it plays with, the square crop around it, and the crop's bytes.
import { describe, expect, it } from 'vitest';
import { CROP_BYTES, CROP_SIZE, FaceCrop } from '../../../contracts/wall.ts';
import { bytesToBase64, rgbaToRgb } from '../../../renderer/src/wall/cropBytes.ts';
import { MIN_FACE_SCORE, mostProminentFace, squareCrop, type FaceDetection } from '../../../renderer/src/wall/faceBox.ts';

const frame = { width: 640, height: 480 };
const face = (x: number, y: number, side: number, score = 0.95): FaceDetection => ({ box: { x, y, width: side, height: side }, score });

describe('the most prominent face', () => {
  it('is the largest confident box', () => {
    const small = face(10, 10, 80);
    const large = face(300, 100, 200);
    expect(mostProminentFace([small, large], frame)).toBe(large);
    expect(mostProminentFace([large, small], frame)).toBe(large);
  });

  it('ignores a larger but doubtful box (the building behind the happy test face scored 0.59)', () => {
    const real = face(329, 160, 195, 0.95);
    const windows = face(0, 104, 280, 0.59);
    expect(mostProminentFace([windows, real], frame)).toBe(real);
  });

  it('ignores faces too small to be someone at the wall, and boxes with no area', () => {
    expect(mostProminentFace([face(0, 0, 30)], frame)).toBeNull(); // under 8% of 480 = 38.4 px
    expect(mostProminentFace([face(0, 0, 40)], frame)).not.toBeNull();
    expect(mostProminentFace([{ box: { x: 0, y: 0, width: 0, height: 100 }, score: 0.99 }], frame)).toBeNull();
    expect(mostProminentFace([{ box: { x: 0, y: 0, width: 100, height: 100 }, score: Number.NaN }], frame)).toBeNull();
  });

  it('is null with no detections, and takes the higher score between equal boxes', () => {
    expect(mostProminentFace([], frame)).toBeNull();
    const a = face(0, 0, 100, 0.8);
    const b = face(200, 0, 100, 0.9);
    expect(mostProminentFace([a, b], frame)).toBe(b);
    expect(mostProminentFace([face(0, 0, 100, MIN_FACE_SCORE)], frame)).not.toBeNull();
  });
});

describe('the square crop', () => {
  it.each([
    ['a square box in the middle stays as it is', { x: 200, y: 100, width: 200, height: 200 }, { x: 200, y: 100, width: 200, height: 200 }],
    ['a tall box becomes a square on its centre', { x: 300, y: 100, width: 100, height: 200 }, { x: 250, y: 100, width: 200, height: 200 }],
    ['a wide box becomes a square on its centre', { x: 100, y: 200, width: 160, height: 80 }, { x: 100, y: 160, width: 160, height: 160 }],
    ['a square over the left edge moves inside', { x: -40, y: 100, width: 120, height: 120 }, { x: 0, y: 100, width: 120, height: 120 }],
    ['a square over the bottom-right corner moves inside', { x: 560, y: 420, width: 120, height: 120 }, { x: 520, y: 360, width: 120, height: 120 }],
    ['a square taller than the frame is centred on it', { x: 100, y: -50, width: 500, height: 500 }, { x: 100, y: -10, width: 500, height: 500 }],
  ])('%s', (_name, box, expected) => {
    expect(squareCrop(box, frame)).toEqual(expected);
  });

  it('scales the side by the margin', () => {
    expect(squareCrop({ x: 200, y: 150, width: 100, height: 100 }, frame, 1.5)).toEqual({ x: 175, y: 125, width: 150, height: 150 });
  });
});

describe('crop bytes', () => {
  it('drops alpha and keeps RGB order', () => {
    const rgba = new Uint8ClampedArray(CROP_SIZE * CROP_SIZE * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = i % 251;
    const rgb = rgbaToRgb(rgba);
    expect(rgb.length).toBe(CROP_BYTES);
    expect(Array.from(rgb.slice(0, 6))).toEqual([0, 1, 2, 4, 5, 6]);
    const last = CROP_SIZE * CROP_SIZE - 1;
    expect(Array.from(rgb.slice(last * 3))).toEqual([rgba[last * 4], rgba[last * 4 + 1], rgba[last * 4 + 2]]);
  });

  it('refuses pixels of any other size', () => {
    expect(() => rgbaToRgb(new Uint8Array(100))).toThrow(/expected 50176 RGBA bytes/);
    expect(() => rgbaToRgb(new Uint8Array(CROP_BYTES))).toThrow(RangeError);
  });

  it('base64 matches Node and makes a crop the contract accepts', () => {
    const rgb = new Uint8Array(CROP_BYTES);
    for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 7919) % 256;
    const b64 = bytesToBase64(rgb);
    expect(b64).toBe(Buffer.from(rgb).toString('base64'));
    expect(FaceCrop.safeParse({ width: CROP_SIZE, height: CROP_SIZE, rgb: b64 }).success).toBe(true);
    expect(bytesToBase64(new Uint8Array([]))).toBe('');
    expect(bytesToBase64(new Uint8Array([255, 0]))).toBe('/wA=');
  });
});
