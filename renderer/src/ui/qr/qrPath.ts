// A QR symbol (one byte per module, 0 = dark, as zxing-wasm's writer returns it) as one SVG path: a horizontal
// run of dark modules becomes one rectangle. Pure, so the drawing is tested without a browser.

export type QrSymbol = { width: number; height: number; data: ArrayLike<number> };

/** The quiet zone scanners need around a QR code, in modules. */
export const QUIET_ZONE = 4;

export function isDark(symbol: QrSymbol, x: number, y: number): boolean {
  return (symbol.data[y * symbol.width + x] ?? 255) < 128;
}

/** Path data in module units, offset by the quiet zone. */
export function qrPath(symbol: QrSymbol, margin: number = QUIET_ZONE): string {
  if (symbol.width <= 0 || symbol.height <= 0 || symbol.data.length < symbol.width * symbol.height) {
    throw new Error(`not a QR symbol: ${symbol.width}x${symbol.height} with ${symbol.data.length} modules`);
  }
  const parts: string[] = [];
  for (let y = 0; y < symbol.height; y++) {
    let x = 0;
    while (x < symbol.width) {
      if (!isDark(symbol, x, y)) { x++; continue; }
      const start = x;
      while (x < symbol.width && isDark(symbol, x, y)) x++;
      parts.push(`M${start + margin} ${y + margin}h${x - start}v1h${start - x}z`);
    }
  }
  return parts.join('');
}

/** The side of the drawn square in modules, quiet zone included. */
export function qrViewSize(symbol: QrSymbol, margin: number = QUIET_ZONE): number {
  return Math.max(symbol.width, symbol.height) + 2 * margin;
}
