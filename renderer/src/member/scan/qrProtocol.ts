// Messages between the page and the QR decoding worker (qrWorker.ts).

/** A camera frame to decode. The bitmap is transferred, not copied. */
export type DecodeRequest = { id: number; frame: ImageBitmap };

export type DecodeReply =
  | { id: number; ok: true; text: string | null; decodeMs: number }
  | { id: number; ok: false; error: string };
