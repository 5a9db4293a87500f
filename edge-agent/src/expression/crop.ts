// Pure: the square face crop the classifier expects, cut from an RGB frame. The page does the same with a canvas;
// this version serves the model checks, tests and bench, which start from still photos decoded to RGB.
export type RgbFrame = { width: number; height: number; rgb: Uint8Array };
export type Box = { x: number; y: number; width: number; height: number };

/** The detector's box made square around its centre: side = max(width, height) * margin. */
export function squareBox(box: Box, margin = 1.0): Box {
  const side = Math.max(box.width, box.height) * margin;
  return { x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, width: side, height: side };
}

/** The whole frame padded to a square (black bars), centred. */
export function paddedBox(frame: Pick<RgbFrame, 'width' | 'height'>): Box {
  return squareBox({ x: 0, y: 0, width: frame.width, height: frame.height });
}

/**
 * Bilinear resample of `box` (in frame pixels, may reach outside the frame: those pixels are black) to size x size,
 * with pixel centres at half-pixel offsets and edge pixels repeated up to the frame's border (as canvas drawImage does).
 */
export function cropResize(frame: RgbFrame, box: Box, size: number): Uint8Array {
  const { width: fw, height: fh, rgb } = frame;
  if (rgb.length !== fw * fh * 3) throw new RangeError(`frame of ${fw}x${fh} needs ${fw * fh * 3} RGB bytes, got ${rgb.length}`);
  if (!(box.width > 0 && box.height > 0)) throw new RangeError('crop box has no area');
  const out = new Uint8Array(size * size * 3);
  const sx = box.width / size;
  const sy = box.height / size;
  for (let j = 0; j < size; j++) {
    const y = box.y + (j + 0.5) * sy - 0.5;
    const yIn = y >= -0.5 && y <= fh - 0.5;
    const yc = Math.min(Math.max(y, 0), fh - 1);
    const y0 = Math.floor(yc);
    const y1 = Math.min(y0 + 1, fh - 1);
    const wy = yc - y0;
    for (let i = 0; i < size; i++) {
      const x = box.x + (i + 0.5) * sx - 0.5;
      if (!yIn || x < -0.5 || x > fw - 0.5) continue; // outside the frame: black
      const xc = Math.min(Math.max(x, 0), fw - 1);
      const x0 = Math.floor(xc);
      const x1 = Math.min(x0 + 1, fw - 1);
      const wx = xc - x0;
      for (let c = 0; c < 3; c++) {
        const top = rgb[(y0 * fw + x0) * 3 + c]! * (1 - wx) + rgb[(y0 * fw + x1) * 3 + c]! * wx;
        const bottom = rgb[(y1 * fw + x0) * 3 + c]! * (1 - wx) + rgb[(y1 * fw + x1) * 3 + c]! * wx;
        out[(j * size + i) * 3 + c] = Math.round(top * (1 - wy) + bottom * wy);
      }
    }
  }
  return out;
}
