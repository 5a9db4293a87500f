// Decodes a still photo (JPEG, PNG...) to RGB bytes with Debian's ffmpeg, for model checks, tests and the bench.
// ffmpeg writes one PPM frame (P6 header with the size, then width*height*3 bytes), so no image library is needed.
import { spawnSync } from 'node:child_process';
import type { RgbFrame } from '../../edge-agent/src/expression/crop.ts';

export function decodeImage(file: string): RgbFrame {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'image2pipe', '-vcodec', 'ppm', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`cannot run ffmpeg to decode ${file}: ${r.error.message} (install Debian's ffmpeg)`);
  if (r.status !== 0) throw new Error(`ffmpeg could not decode ${file}: ${r.stderr.toString().trim()}`);
  return parsePpm(r.stdout, file);
}

export function parsePpm(buf: Buffer, name = 'image'): RgbFrame {
  // "P6" whitespace width whitespace height whitespace maxval, one whitespace byte, then the pixels.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`${name}: ffmpeg did not produce a binary PPM`);
  const [whole, w, h, max] = header;
  if (max !== '255') throw new Error(`${name}: expected 8-bit samples, got maxval ${max}`);
  const width = Number(w);
  const height = Number(h);
  const rgb = new Uint8Array(buf.subarray(whole!.length, whole!.length + width * height * 3));
  if (rgb.length !== width * height * 3) throw new Error(`${name}: PPM holds ${rgb.length} bytes for ${width}x${height}`);
  return { width, height, rgb };
}
