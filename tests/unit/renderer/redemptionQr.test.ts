// The redemption QR drawing: zxing-wasm's writer (the same module the page uses) encodes, qrPath draws, and an
// independent decoder (jsQR) must read back exactly the code from the drawn path.
import { readFileSync } from 'node:fs';
import jsQRModule from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { QUIET_ZONE, qrPath, qrViewSize, type QrSymbol } from '../../../renderer/src/ui/qr/qrPath.ts';

// jsqr is CommonJS: under NodeNext typing its default import is the module object, which at run time is the function.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

beforeAll(() => {
  const wasm = readFileSync(new URL('../../../node_modules/zxing-wasm/dist/writer/zxing_writer.wasm', import.meta.url));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
});

async function encode(text: string): Promise<QrSymbol> {
  const r = await writeBarcode(text, { format: 'QRCode', ecLevel: 'M', scale: 1, withQuietZones: false });
  expect(r.error).toBe('');
  return r.symbol;
}

/** Rasterises the path (only the `M x y h w v1 h-w z` rectangles qrPath writes) at `scale` pixels per module, as RGBA. */
function rasterise(path: string, size: number, scale: number): Uint8ClampedArray {
  const px = size * scale;
  const rgba = new Uint8ClampedArray(px * px * 4).fill(255);
  const rect = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/g;
  let consumed = 0;
  for (const m of path.matchAll(rect)) {
    consumed += m[0].length;
    const [x, y, w, back] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    expect(back).toBe(w);
    for (let yy = y * scale; yy < (y + 1) * scale; yy++) {
      for (let xx = x * scale; xx < (x + w) * scale; xx++) {
        const i = (yy * px + xx) * 4;
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
    }
  }
  expect(consumed).toBe(path.length);
  return rgba;
}

describe('redemption QR', () => {
  it.each(['RC-7F3K-92QD-LM4X', 'ATRIUM:redeem:claim-0123456789abcdef0123456789abcdef', '兑换码-12345'])('draws %s so that jsQR reads it back', async (code) => {
    const symbol = await encode(code);
    const size = qrViewSize(symbol);
    expect(size).toBe(symbol.width + 2 * QUIET_ZONE);
    const scale = 6;
    const decoded = jsQR(rasterise(qrPath(symbol), size, scale), size * scale, size * scale);
    expect(decoded?.data).toBe(code);
  });

  it('merges a run of dark modules into one rectangle and leaves light ones out', () => {
    const symbol: QrSymbol = { width: 4, height: 2, data: [0, 0, 255, 0, 255, 255, 255, 255] };
    expect(qrPath(symbol, 1)).toBe('M1 1h2v1h-2zM4 1h1v1h-1z');
  });

  it('refuses something that is not a symbol instead of drawing garbage', () => {
    expect(() => qrPath({ width: 3, height: 3, data: [0, 0] })).toThrow(/not a QR symbol/);
    expect(() => qrPath({ width: 0, height: 0, data: [] })).toThrow(/not a QR symbol/);
  });
});
