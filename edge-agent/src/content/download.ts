// One download of one asset into <data>/content/tmp/<sha256>.part, resumed with `Range: bytes=<have>-` when a part is
// there, then fsynced, hashed whole and moved into the store. Never reads more than the declared size (+1 byte to
// notice a longer body), never keeps a file whose sha256 is wrong. The outcome says what the manager should record.
import { open, truncate } from 'node:fs/promises';
import type { Asset } from '../../../contracts/content.ts';
import { partPath, publish, remove, sha256File, sizeOf, type ContentPaths } from './files.ts';
import { parseContentRange } from './range.ts';
import { take, type TokenBucket } from './throttle.ts';

export type DownloadOutcome =
  | { kind: 'ready' }
  /** retry: try again after a backoff. bytesOnDisk: what the part file holds now (kept for a resume, or 0). */
  | { kind: 'failed'; reason: string; bytesOnDisk: number }
  /** The manager stopped it (agent stopping, asset evicted): the part file stays for the next start. */
  | { kind: 'stopped'; bytesOnDisk: number };

export type DownloadOptions = {
  asset: Asset;
  paths: ContentPaths;
  bucket: TokenBucket | null;
  /** Aborted by the manager to stop this download. */
  signal: AbortSignal;
  /** No byte for this long and the connection is dropped (and resumed later): a stalled server is not waited on forever. */
  idleTimeoutMs: number;
  /** Bytes in the part file, called as they arrive (the manager records them now and then). */
  onProgress?: (bytesOnDisk: number) => void;
  /** The request's Range header (or null), for logs. */
  onRequest?: (range: string | null) => void;
};

/** MIME types a content host may label any file with; anything else must be the catalog's type. */
const GENERIC_TYPES = new Set(['application/octet-stream', 'binary/octet-stream']);

class Refused extends Error {
  readonly deletePart: boolean;
  constructor(message: string, deletePart: boolean) {
    super(message);
    this.deletePart = deletePart;
  }
}

export async function downloadAsset(o: DownloadOptions): Promise<DownloadOutcome> {
  const part = partPath(o.paths, o.asset.sha256);
  try {
    let have = await sizeOf(part);
    if (have > o.asset.bytes) {
      await remove(part);
      have = 0;
    }
    // A part of the full size: the last run got every byte but stopped before the check; no request needed.
    if (have < o.asset.bytes) await fetchInto(o, part, have);
    const got = await sha256File(part);
    if (got !== o.asset.sha256) throw new Refused(`sha256 mismatch: the file downloaded from ${o.asset.url} hashes to ${got}`, true);
    await publish(o.paths, o.asset.sha256);
    return { kind: 'ready' };
  } catch (err) {
    if (err instanceof Refused && err.deletePart) await remove(part);
    const bytesOnDisk = await sizeOf(part);
    if (o.signal.aborted) return { kind: 'stopped', bytesOnDisk };
    return { kind: 'failed', reason: reasonOf(err), bytesOnDisk };
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof Refused) return err.message;
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.message ?? String(err)}${cause ? ` (${cause})` : ''}`.slice(0, 300);
}

/** Requests the rest of the file (or all of it) and appends it to the part file; throws on every kind of failure. */
async function fetchInto(o: DownloadOptions, part: string, have: number): Promise<void> {
  // One abort for the manager's stop and for a stall; the stall timer restarts with every chunk.
  const ctrl = new AbortController();
  const stop = () => ctrl.abort(o.signal.reason);
  o.signal.addEventListener('abort', stop, { once: true });
  let stallTimer: NodeJS.Timeout | undefined;
  const armStall = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => ctrl.abort(new Error(`no data for ${o.idleTimeoutMs} ms`)), o.idleTimeoutMs);
  };
  try {
    armStall();
    const range = have > 0 ? `bytes=${have}-` : null;
    o.onRequest?.(range);
    const res = await fetch(o.asset.url, { headers: range ? { Range: range } : {}, signal: ctrl.signal, redirect: 'follow' });
    let offset = have;
    if (res.status === 206) {
      const cr = parseContentRange(res.headers.get('content-range'));
      if (!cr || cr.start !== have) {
        await res.body?.cancel();
        // The part is fine; the answer is not the range asked for. Start over on the next try.
        throw new Refused(`server answered Range ${range ?? ''} with Content-Range ${res.headers.get('content-range') ?? '(none)'}`, true);
      }
    } else if (res.status === 200) {
      offset = 0; // the server sends the whole file (no Range support, or it changed): start the part over
    } else if (res.status === 416) {
      await res.body?.cancel();
      throw new Refused(`server refused Range ${range ?? ''} (416); starting over`, true);
    } else {
      await res.body?.cancel();
      throw new Refused(`HTTP ${res.status} ${res.statusText} from ${o.asset.url}`, false);
    }
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== '' && type !== o.asset.mime && !GENERIC_TYPES.has(type)) {
      await res.body?.cancel();
      throw new Refused(`server sent Content-Type ${type}; the catalog says ${o.asset.mime}`, false);
    }
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(length) && offset + length > o.asset.bytes) {
      await res.body?.cancel();
      throw new Refused(`body longer than declared: ${offset + length} bytes for an asset of ${o.asset.bytes}`, offset === 0);
    }
    if (!res.body) throw new Refused('response without a body', false);
    await appendBody(o, part, offset, res.body, armStall);
  } finally {
    clearTimeout(stallTimer);
    o.signal.removeEventListener('abort', stop);
  }
}

/** Streams the body into the part file from `offset`, through the bandwidth cap; stops one byte past the declared size. */
async function appendBody(o: DownloadOptions, part: string, offset: number, body: ReadableStream<Uint8Array>, onChunk: () => void): Promise<void> {
  if (offset === 0) await truncate(part, 0).catch(() => {});
  const fh = await open(part, offset === 0 ? 'w' : 'a');
  let total = offset;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk();
      if (total + value.length > o.asset.bytes) {
        await reader.cancel().catch(() => {});
        throw new Refused(`body longer than declared: more than ${o.asset.bytes} bytes`, true);
      }
      await take(o.bucket, value.length, o.signal);
      await fh.write(value);
      total += value.length;
      o.onProgress?.(total);
    }
    await fh.sync();
  } finally {
    reader.releaseLock();
    await fh.close();
  }
  if (total < o.asset.bytes) throw new Error(`connection ended after ${total} of ${o.asset.bytes} bytes`);
}
