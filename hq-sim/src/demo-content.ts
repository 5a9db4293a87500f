// The demo's creatives: portrait (1080x1920) and landscape (1920x1080) posters for two demo campaigns and a 6 s
// portrait H.264 video for a third, drawn by Debian's ffmpeg with bit-exact flags so the same ffmpeg makes the
// same bytes (the catalog's sha256 do not churn from start to start). Made once per machine into a cache folder,
// copied (and hashed) into each HQ data folder's content store, and added to the demo campaigns in the catalog
// before the demo HQ publishes it. Without ffmpeg the demo runs on colour cards and says so in one line.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Creative } from '../../contracts/content.ts';
import { CatalogSnapshot } from '../../contracts/mqtt.ts';
import { addContentChange, contentRecords, rebaseAssetUrls } from './content-catalog.ts';
import { storeContent } from './content-store.ts';
import { applyDeltaToSnapshot, buildDelta } from './delta.ts';
import { currentSnapshot, type HqData } from './hq-data.ts';
import type { HqLog } from './log.ts';
import { FFPROBE, probeMedia } from './media.ts';

export const FFMPEG = '/usr/bin/ffmpeg';
/** Bump when a recipe changes, so caches made by the old one are not used. */
const RECIPE_VERSION = 1;
const DEFAULT_CACHE = fileURLToPath(new URL(`../../data/demo-content-v${RECIPE_VERSION}/`, import.meta.url));
const LATIN_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';

type Recipe = {
  name: string;
  campaignId: string;
  size: [number, number];
  colours: [string, string];
  lines: { text: string; cjk?: boolean; size: number; y: number }[];
  video?: { seconds: number; playback: Creative['playback'] };
};

const poster = (name: string, campaignId: string, size: [number, number], colours: [string, string], title: string, zh: string, offer: string): Recipe => ({
  name, campaignId, size, colours,
  lines: [{ text: zh, cjk: true, size: 0.09, y: 0.36 }, { text: title, size: 0.055, y: 0.5 }, { text: offer, size: 0.04, y: 0.6 }],
});

export const DEMO_RECIPES: Recipe[] = [
  poster('winter-portrait', 'cp-winter-sale', [1080, 1920], ['C8102E', '7B1FA2'], 'WINTER REFRESH SALE', '冬季焕新季', '50 off every 300'),
  poster('winter-landscape', 'cp-winter-sale', [1920, 1080], ['C8102E', '7B1FA2'], 'WINTER REFRESH SALE', '冬季焕新季', '50 off every 300'),
  poster('hotpot-portrait', 'cp-hotpot-night', [1080, 1920], ['B71C1C', 'FF6F00'], 'HOTPOT WINTER NIGHTS', '蜀香火锅 暖冬夜宵', '40 off 200 after 9 pm'),
  poster('hotpot-landscape', 'cp-hotpot-night', [1920, 1080], ['B71C1C', 'FF6F00'], 'HOTPOT WINTER NIGHTS', '蜀香火锅 暖冬夜宵', '40 off 200 after 9 pm'),
  {
    name: 'coffee-video', campaignId: 'cp-coffee-bogo', size: [1080, 1920], colours: ['4E342E', 'A1887F'],
    lines: [{ text: '豆子咖啡 买一赠一', cjk: true, size: 0.08, y: 0.4 }, { text: 'BEANSTALK WEEKEND BOGO', size: 0.05, y: 0.52 }],
    video: { seconds: 6, playback: 'loop' },
  },
];

const BITEXACT = ['-fflags', '+bitexact', '-flags:v', '+bitexact', '-map_metadata', '-1'];

/** ffmpeg's arguments for a recipe (drawtext lines in fonts that exist; none of the texts need escaping). */
export function ffmpegArgs(r: Recipe, out: string, fonts: { latin: boolean; cjk: boolean }): string[] {
  const [w, h] = r.size;
  const text = r.lines
    .filter((l) => (l.cjk ? fonts.cjk : fonts.latin))
    .map((l) => `drawtext=fontfile=${l.cjk ? CJK_FONT : LATIN_FONT}:text='${l.text}':fontcolor=white:fontsize=${Math.round(l.size * Math.min(w, h) * 1.6)}:x=(w-tw)/2:y=h*${l.y}`);
  const filters = text.join(',') || 'null';
  const input = r.video
    // A moving test pattern under a band of the campaign's colour: motion shows the video plays, not a still.
    ? ['-f', 'lavfi', '-i', `testsrc2=s=${w}x${h}:r=24:d=${r.video.seconds}`]
    : ['-f', 'lavfi', '-i', `gradients=s=${w}x${h}:c0=0x${r.colours[0]}:c1=0x${r.colours[1]}:x0=0:y0=0:x1=${w}:y1=${h}:n=2:seed=1:d=1`];
  const band = r.video ? `drawbox=x=0:y=ih*0.3:w=iw:h=ih*0.3:color=0x${r.colours[0]}@0.85:t=fill,` : '';
  const encode = r.video
    ? ['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-crf', '32', '-maxrate', '1M', '-bufsize', '2M', '-g', '48', '-threads', '1', '-an', '-movflags', '+faststart']
    : ['-frames:v', '1', '-q:v', '4'];
  return ['-v', 'error', '-y', ...input, '-vf', band + filters, ...encode, ...BITEXACT, out];
}

function run(binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${err.trim().split('\n')[0] ?? ''}`))));
  });
}

/** The recipe's file in the cache, made if missing (written to a temporary name, renamed when whole). */
async function cached(r: Recipe, cacheDir: string, ffmpeg: string): Promise<string> {
  const file = path.join(cacheDir, `${r.name}.${r.video ? 'mp4' : 'jpg'}`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = path.join(cacheDir, `.${r.name}-${process.pid}.${r.video ? 'mp4' : 'jpg'}`);
  try {
    await run(ffmpeg, ffmpegArgs(r, tmp, { latin: existsSync(LATIN_FONT), cjk: existsSync(CJK_FONT) }));
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  return file;
}

export type DemoContentOptions = { baseUrl: string; log: HqLog; ffmpeg?: string; ffprobe?: string; cacheDir?: string; now?: Date };

/**
 * Makes sure the demo's creatives are in HQ's content store and catalog, and every asset URL points at `baseUrl`.
 * Saves the snapshot HQ will publish: at the same version when HQ had never published one (a first start ships
 * its creatives in version 2), else one version on when anything changed. Returns a note when it made none.
 */
export async function prepareDemoContent(data: HqData, o: DemoContentOptions): Promise<{ added: number; note: string | null }> {
  const ffmpeg = o.ffmpeg ?? FFMPEG;
  const ffprobe = o.ffprobe ?? FFPROBE;
  const firstPublish = data.store.publishedSnapshot(data.mallId) === null;
  const start = currentSnapshot(data, o.now).snapshot;
  let work = start;
  let note: string | null = null;
  let added = 0;
  if (!existsSync(ffmpeg) || !existsSync(ffprobe)) {
    note = `Demo content: ffmpeg not found (${ffmpeg}; Debian package ffmpeg), so the demo campaigns show colour cards.`;
  } else {
    for (const r of DEMO_RECIPES) {
      const campaign = work.campaigns.find((c) => c.id === r.campaignId);
      if (!campaign) continue; // a catalog edited at HQ: the demo leaves it alone
      try {
        const file = await cached(r, o.cacheDir ?? DEFAULT_CACHE, ffmpeg);
        const stored = await storeContent(data.dataDir, file);
        const { asset, creative } = contentRecords({
          sha256: stored.sha256, bytes: stored.bytes, media: probeMedia(stored.file, ffprobe), baseUrl: o.baseUrl, campaignId: r.campaignId,
          ...(r.video ? { playback: r.video.playback } : {}),
        });
        const has = work.assets?.some((a) => a.sha256 === asset.sha256) && campaign.creatives?.some((c) => c.id === creative.id);
        if (has) continue;
        work = applyDeltaToSnapshot(work, buildDelta(work, addContentChange(work, r.campaignId, asset, creative), o.now ?? new Date()));
        added += 1;
      } catch (err) {
        note = `Demo content: ${r.name} could not be made (${(err as Error).message}); its campaign shows what it has, or a colour card.`;
        o.log.warn('demo creative not made', { name: r.name, err: (err as Error).message });
      }
    }
  }
  work = rebaseAssetUrls(work, o.baseUrl) ?? work;
  if (work !== start) {
    const version = firstPublish ? start.version : start.version + 1;
    data.store.savePublishedSnapshot(CatalogSnapshot.parse({ ...work, version, publishedAt: (o.now ?? new Date()).toISOString() }));
  }
  return { added, note };
}

/** The content host's port the catalog's asset URLs name, so a restarted demo asks for it again. */
export function previousContentPort(data: HqData): number | undefined {
  const url = data.store.publishedSnapshot(data.mallId)?.assets?.[0]?.url;
  const m = url ? /^http:\/\/127\.0\.0\.1:(\d+)\/content\//.exec(url) : null;
  return m ? Number(m[1]) : undefined;
}
