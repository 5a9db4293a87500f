// hq-sim/src/media.ts and content-catalog.ts: file types from magic bytes (never names), pixel sizes from image
// headers, ffprobe's JSON parsed (not cast), and the catalog change `content add` publishes.
import { describe, expect, it } from 'vitest';
import { addContentChange, contentRecords, rebaseAssetUrls } from '../../../hq-sim/src/content-catalog.ts';
import { demoCatalogFor } from '../../../hq-sim/src/hq-data.ts';
import { imageSize, parseFfprobe, sniffMime } from '../../../hq-sim/src/media.ts';

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], u32be(13), 'IHDR', u32be(1080), u32be(1920), [8, 2, 0, 0, 0]);
// A JPEG with an APP0 segment before its SOF0 (height 1080, width 1920).
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0', Array(9).fill(0), [0xff, 0xc0, 0x00, 0x11, 0x08, 0x04, 0x38, 0x07, 0x80, 0x03], Array(9).fill(0));
const WEBP_VP8X = bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X', [10, 0, 0, 0, 0, 0, 0, 0], [0x37, 0x04, 0x00], [0x7f, 0x07, 0x00]);
const MP4 = bytes([0, 0, 0, 0x18], 'ftypisom', Array(20).fill(0));
const WEBM = bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm', Array(16).fill(0));
const MKV = bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88], 'matroska', Array(16).fill(0));

describe('sniffMime', () => {
  it.each([
    ['PNG', PNG, 'image/png'], ['JPEG', JPEG, 'image/jpeg'], ['WebP', WEBP_VP8X, 'image/webp'], ['MP4', MP4, 'video/mp4'], ['WebM', WEBM, 'video/webm'],
    ['Matroska (not WebM)', MKV, null], ['GIF', bytes('GIF89a', Array(26).fill(0)), null], ['text', bytes('{"name": "atrium"}'), null], ['nothing', Buffer.alloc(0), null],
  ] as const)('%s', (_name, head, expected) => {
    expect(sniffMime(head)).toBe(expected);
  });
});

describe('imageSize', () => {
  it.each([
    ['PNG IHDR', PNG, 'image/png', { width: 1080, height: 1920 }],
    ['JPEG SOF0 after APP0', JPEG, 'image/jpeg', { width: 1920, height: 1080 }],
    ['WebP VP8X', WEBP_VP8X, 'image/webp', { width: 1080, height: 1920 }],
    ['a truncated PNG', PNG.subarray(0, 20), 'image/png', null],
    ['a JPEG without a frame header', JPEG.subarray(0, 20), 'image/jpeg', null],
  ] as const)('%s', (_name, b, mime, expected) => {
    expect(imageSize(b, mime)).toEqual(expected);
  });
});

describe('parseFfprobe', () => {
  it('reads size and length; refuses output without a video stream', () => {
    expect(parseFfprobe('{"streams":[{"width":1080,"height":1920}],"format":{"duration":"6.000000"}}')).toEqual({ width: 1080, height: 1920, durationMs: 6000 });
    expect(() => parseFfprobe('{"streams":[],"format":{"duration":"6.0"}}')).toThrow(/no video stream/);
    expect(() => parseFfprobe('{"streams":[{"width":1080,"height":1920}],"format":{"duration":"N/A"}}')).toThrow(/no video stream/);
  });
});

describe('the catalog change of content add', () => {
  const catalog = demoCatalogFor('demo-mall', new Date('2025-03-14T09:30:00Z'));
  const sha = 'ab'.repeat(32);
  const records = (over: Partial<Parameters<typeof contentRecords>[0]> = {}) => contentRecords({
    sha256: sha, bytes: 1000, media: { mime: 'image/png', width: 1920, height: 1080 }, baseUrl: 'http://127.0.0.1:9/content/', campaignId: 'cp-run-club', ...over,
  });

  it('orientation from the pixels unless told; the contract refuses what a kiosk would (formatZodError wording)', () => {
    expect(records().creative).toMatchObject({ orientation: 'landscape', playback: 'once' });
    expect(records({ orientation: 'portrait', playback: 'loop', durationSec: 10 }).creative).toMatchObject({ orientation: 'portrait', playback: 'loop', durationSec: 10 });
    expect(() => records({ media: { mime: 'video/mp4', width: 1920, height: 1080 } })).toThrow(/^the file cannot be an asset: durationMs: durationMs is given for video and only for video$/);
    expect(() => records({ durationSec: 500 })).toThrow(/^the creative is refused: durationSec: /);
  });

  it('adds the asset and the creative, replaces the same creative when added again, refuses an unknown campaign', () => {
    const { asset, creative } = records();
    const change = addContentChange(catalog, 'cp-run-club', asset, creative);
    expect(change.upsert?.assets).toEqual([asset]);
    expect(change.upsert?.campaigns?.[0]?.creatives).toEqual([creative]);
    const withIt = { ...catalog, campaigns: catalog.campaigns.map((c) => (c.id === 'cp-run-club' ? change.upsert!.campaigns![0]! : c)) };
    expect(addContentChange(withIt, 'cp-run-club', asset, creative).upsert?.campaigns?.[0]?.creatives).toEqual([creative]);
    expect(() => addContentChange(catalog, 'cp-nope', asset, creative)).toThrow(/no campaign "cp-nope" in demo-mall's catalog; its campaigns: cp-winter-sale/);
  });

  it('rebases asset URLs onto another host, and says when nothing changes', () => {
    const { asset } = records();
    const moved = rebaseAssetUrls({ ...catalog, assets: [asset] }, 'http://127.0.0.1:10/content/');
    expect(moved?.assets?.[0]?.url).toBe(`http://127.0.0.1:10/content/${sha}`);
    expect(rebaseAssetUrls(moved!, 'http://127.0.0.1:10/content/')).toBeNull();
  });
});
