// Encodes text as a QR symbol with zxing-wasm's writer, in the page (no network: its .wasm is a Vite asset served
// by the agent). Loaded on first use only. Shared by the member redemption code, the wall and the route hand-off.
import type { QrSymbol } from './qrPath.ts';

type Writer = typeof import('zxing-wasm/writer');

let writer: Promise<Writer> | null = null;

function loadWriter(): Promise<Writer> {
  writer ??= Promise.all([import('zxing-wasm/writer'), import('zxing-wasm/writer/zxing_writer.wasm?url')]).then(([mod, wasm]) => {
    mod.prepareZXingModule({
      overrides: { locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? wasm.default : prefix + file) },
    });
    return mod;
  });
  // A failed load (e.g. the agent restarting) is retried by the next QR instead of failing forever.
  writer.catch(() => { writer = null; });
  return writer;
}

const cache = new Map<string, QrSymbol>();

export async function encodeQr(text: string): Promise<QrSymbol> {
  const hit = cache.get(text);
  if (hit) return hit;
  const { writeBarcode } = await loadWriter();
  const result = await writeBarcode(text, { format: 'QRCode', ecLevel: 'M', scale: 1, withQuietZones: false });
  if (result.error) throw new Error(`QR writer: ${result.error}`);
  const symbol: QrSymbol = { width: result.symbol.width, height: result.symbol.height, data: Uint8Array.from(result.symbol.data) };
  if (cache.size > 20) cache.clear();
  cache.set(text, symbol);
  return symbol;
}
