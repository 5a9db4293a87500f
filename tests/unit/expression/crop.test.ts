// The square face crop (used by the model checks, tests and bench; the page does the same with a canvas).
import { describe, expect, it } from 'vitest';
import { cropResize, paddedBox, squareBox, type RgbFrame } from '../../../edge-agent/src/expression/crop.ts';

function frame(width: number, height: number, f: (x: number, y: number, c: number) => number): RgbFrame {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) rgb[(y * width + x) * 3 + c] = f(x, y, c);
  return { width, height, rgb };
}

describe('squareBox / paddedBox', () => {
  it('makes the detector box square around its centre, with a margin', () => {
    expect(squareBox({ x: 10, y: 20, width: 40, height: 60 })).toEqual({ x: 0, y: 20, width: 60, height: 60 });
    expect(squareBox({ x: 100, y: 100, width: 50, height: 50 }, 1.2)).toEqual({ x: 95, y: 95, width: 60, height: 60 });
  });
  it('pads a landscape frame to a square centred on it', () => {
    expect(paddedBox({ width: 640, height: 480 })).toEqual({ x: 0, y: -80, width: 640, height: 640 });
  });
});

describe('cropResize', () => {
  const f = frame(8, 6, (x, y, c) => (x * 20 + y * 3 + c * 50) % 256);

  it('is the identity when the box is the frame and the size matches', () => {
    const g = frame(6, 6, (x, y, c) => x * 40 + y + c);
    expect(Array.from(cropResize(g, { x: 0, y: 0, width: 6, height: 6 }, 6))).toEqual(Array.from(g.rgb));
  });

  it('downscales by two as the average of each 2x2 block (bilinear at half-pixel centres)', () => {
    const out = cropResize(f, { x: 0, y: 0, width: 4, height: 4 }, 2);
    const at = (x: number, y: number, c: number) => f.rgb[(y * 8 + x) * 3 + c]!;
    for (let c = 0; c < 3; c++) {
      expect(out[c]).toBe(Math.round((at(0, 0, c) + at(1, 0, c) + at(0, 1, c) + at(1, 1, c)) / 4));
    }
  });

  it('fills what lies outside the frame with black and keeps the inside', () => {
    const white = frame(4, 4, () => 255);
    const out = cropResize(white, { x: -4, y: 0, width: 8, height: 8 }, 8);
    const px = (x: number, y: number) => out[(y * 8 + x) * 3]!;
    expect(px(0, 0)).toBe(0);
    expect(px(3, 1)).toBe(0);
    expect(px(4, 1)).toBe(255);
    expect(px(7, 3)).toBe(255);
    expect(px(5, 6)).toBe(0);
  });

  it('refuses a frame of the wrong length or a box with no area', () => {
    expect(() => cropResize({ width: 4, height: 4, rgb: new Uint8Array(10) }, { x: 0, y: 0, width: 2, height: 2 }, 2)).toThrow(/needs 48 RGB bytes/);
    expect(() => cropResize(f, { x: 0, y: 0, width: 0, height: 2 }, 2)).toThrow(/no area/);
  });
});
