// What a content file is: its MIME type from its magic bytes (never its name), an image's pixel size from its
// header, and a video's size and length from Debian's ffprobe. Used by `npm run hq -- content add` and the content
// host (which names the type of each file it serves). The parsers are pure (bytes in); probeMedia reads the file.
import { spawnSync } from 'node:child_process';
import { openSync, readSync, closeSync } from 'node:fs';
import { z } from 'zod';
import type { AssetMime } from '../../contracts/content.ts';

export const FFPROBE = '/usr/bin/ffprobe';
/** Enough bytes for every signature, and for a PNG's/WebP's size; JPEG's size needs a walk through its segments. */
const HEAD_BYTES = 64;

const ascii = (b: Uint8Array, at: number, len: number) => Buffer.from(b.subarray(at, at + len)).toString('latin1');

/** The MIME type of a file's first bytes (at least 32 of them), or null when it is none the kiosk plays. */
export function sniffMime(head: Uint8Array): AssetMime | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && Buffer.from(head.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'image/webp';
  if (head.length >= 12 && ascii(head, 4, 4) === 'ftyp') return 'video/mp4';
  // EBML: Matroska or WebM; only WebM (its DocType names it within the header) is one the kiosk plays.
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    return ascii(head, 0, Math.min(head.length, HEAD_BYTES)).includes('webm') ? 'video/webm' : null;
  }
  return null;
}

export type PixelSize = { width: number; height: number };

/** An image's pixel size from its bytes (PNG IHDR, WebP VP8/VP8L/VP8X, JPEG SOFn), or null when it cannot tell. */
export function imageSize(bytes: Uint8Array, mime: AssetMime): PixelSize | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === 'image/png') return b.length >= 24 && ascii(b, 12, 4) === 'IHDR' ? { width: b.readUInt32BE(16), height: b.readUInt32BE(20) } : null;
  if (mime === 'image/webp') {
    if (b.length < 30) return null;
    const chunk = ascii(b, 12, 4);
    if (chunk === 'VP8X') return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
    if (chunk === 'VP8L') {
      const bits = b.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8 ') return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    return null;
  }
  if (mime === 'image/jpeg') {
    // Walk the segments to the first start-of-frame marker (SOF0-SOF15 but DHT C4, JPG C8, DAC CC).
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i += 1; // fill byte
        continue;
      }
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      i += 2 + b.readUInt16BE(i + 2);
    }
    return null;
  }
  return null;
}

const FfprobeOutput = z.object({
  streams: z.array(z.object({ width: z.number().int().positive(), height: z.number().int().positive() })).min(1),
  format: z.object({ duration: z.string().regex(/^\d+(\.\d+)?$/) }),
});

/** A video's pixel size and length from ffprobe's JSON (parsed, never cast). */
export function parseFfprobe(json: string): PixelSize & { durationMs: number } {
  const parsed = FfprobeOutput.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error('ffprobe found no video stream with a size and a duration');
  const s = parsed.data.streams[0]!;
  return { width: s.width, height: s.height, durationMs: Math.round(Number(parsed.data.format.duration) * 1000) };
}

/** The first bytes of a file. */
export function readHead(file: string, bytes = HEAD_BYTES): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export type MediaInfo = { mime: AssetMime; width: number; height: number; durationMs?: number };

/**
 * What a file is, or an Error saying why it is refused. Images: the header (the first 256 KiB hold a JPEG's
 * frame header in practice: EXIF thumbnails come before it). Video: ffprobe, which must be installed.
 */
export function probeMedia(file: string, ffprobe = FFPROBE): MediaInfo {
  const mime = sniffMime(readHead(file));
  if (!mime) throw new Error(`${file} is not a JPEG, PNG, WebP, MP4 or WebM file (judged by its first bytes, not its name)`);
  if (mime.startsWith('image/')) {
    const size = imageSize(readHead(file, 256 * 1024), mime);
    if (!size || size.width < 1 || size.height < 1) throw new Error(`${file}: cannot read the pixel size from its ${mime} header`);
    return { mime, ...size };
  }
  const r = spawnSync(ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', file], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw new Error(`${file} is a video and ffprobe is needed to read its size and length (${r.error.message}; Debian package ffmpeg)`);
  if (r.status !== 0) throw new Error(`ffprobe cannot read ${file}: ${r.stderr.trim().split('\n')[0] ?? `exit ${r.status}`}`);
  return { mime, ...parseFfprobe(r.stdout) };
}
