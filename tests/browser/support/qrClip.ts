// Fake-camera clips of QR codes, made at test time by independent tools: Debian's qrencode draws the code (PNG)
// and ffmpeg turns it into a short .y4m clip that Chromium's fake camera plays in a loop
// (--use-file-for-fake-video-capture). A person can make the same clip by hand:
//   qrencode -l M -s 1 -m 4 -o code.png 'ATM1....'
//   ffmpeg -loop 1 -i code.png -vf "scale=iw*7:ih*7:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=white,format=yuv420p" -frames:v 3 code.y4m
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CLIP_WIDTH = 640;
export const CLIP_HEIGHT = 480;

export function clipDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'atrium-qr-clips-'));
}

function run(cmd: string, args: string[], input?: string): void {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error?.message}`);
}

/** Width of a PNG in pixels, from its IHDR chunk. */
function pngWidth(file: string): number {
  return readFileSync(file).readUInt32BE(16);
}

/**
 * Writes `<name>.png` (one pixel per module, 4-module quiet zone) and `<name>.y4m` (640x480, the code as large as
 * fits in ~75% of the height, on white, with a little sensor-like noise) into `dir`; returns the clip's path.
 */
export function makeQrClip(dir: string, name: string, text: string, opts: { frames?: number } = {}): string {
  const png = path.join(dir, `${name}.png`);
  const clip = path.join(dir, `${name}.y4m`);
  // The text goes in on stdin, so a code that starts with '-' or holds shell characters is encoded as is.
  run('qrencode', ['-l', 'M', '-s', '1', '-m', '4', '-o', png], text);
  const scale = Math.max(1, Math.floor((CLIP_HEIGHT * 0.75) / pngWidth(png)));
  const filter = [
    `scale=iw*${scale}:ih*${scale}:flags=neighbor`,
    `pad=${CLIP_WIDTH}:${CLIP_HEIGHT}:(ow-iw)/2:(oh-ih)/2:color=white`,
    'format=yuv420p',
    'noise=alls=6:allf=t',
  ].join(',');
  run('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', png, '-vf', filter, '-frames:v', String(opts.frames ?? 3), '-r', '10', clip]);
  return clip;
}

/** What an independent decoder (zbarimg) reads in a PNG: for checking a QR the page drew. */
export function zbarRead(png: string): string[] {
  const r = spawnSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 4) throw new Error(`zbarimg failed (${r.status}): ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}
