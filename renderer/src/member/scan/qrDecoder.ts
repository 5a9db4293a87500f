// The page's handle on the QR worker: one frame at a time, answers matched by id. One worker for the page's
// lifetime (created on first use), so zxing-wasm is compiled once, not every time the scan panel opens.
import type { DecodeReply, DecodeRequest } from './qrProtocol.ts';

export type Decoded = { text: string | null; decodeMs: number };

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (d: Decoded) => void; reject: (e: Error) => void }>();

function failAll(error: Error): void {
  for (const w of waiting.values()) w.reject(error);
  waiting.clear();
}

function qrWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./qrWorker.ts', import.meta.url), { type: 'module', name: 'qr-decoder' });
  w.onmessage = (e: MessageEvent<DecodeReply>) => {
    const reply = e.data;
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    if (reply.ok) entry.resolve({ text: reply.text, decodeMs: reply.decodeMs });
    else entry.reject(new Error(`QR decoder: ${reply.error}`));
  };
  w.onerror = (e) => {
    // The worker could not start (script or .wasm failed to load): drop it so the next panel tries afresh.
    e.preventDefault();
    failAll(new Error(`QR decoder worker failed: ${e.message || 'could not load'}`));
    w.terminate();
    if (worker === w) worker = null;
  };
  worker = w;
  return w;
}

/** Starts the worker (and zxing-wasm's compile) ahead of the first frame. */
export function warmQrDecoder(): void {
  qrWorker();
}

/** Decodes one frame; the bitmap is handed over to the worker and closed there. */
export function decodeFrame(frame: ImageBitmap): Promise<Decoded> {
  const w = qrWorker();
  const id = nextId++;
  return new Promise<Decoded>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    const request: DecodeRequest = { id, frame };
    w.postMessage(request, [frame]);
  });
}
