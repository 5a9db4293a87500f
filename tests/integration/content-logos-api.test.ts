// The local API's answers about store logos and the wall's artwork, from the real agent process over a real content
// host: stores.search names a logo URL only for a logo image the agent has verified (not for one missing on the
// host, one whose bytes do not match its sha256, or a "logo" that is a video), and kiosk.bootstrap gives a wall, and
// only a wall, its verified artwork in the catalog's order.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset } from '../../contracts/content.ts';
import { callOk, freshDataDir, startAgentProcess } from '../support/agent-process.ts';
import { hostFile, startContentHost, type ContentHost } from '../support/content-kit.ts';
import { applyToKiosk, catalogWith, hostAsset, storeWith, waitFailed, waitServed } from '../support/logo-kit.ts';

let host: ContentHost;
const dirs: string[] = [];

beforeAll(async () => {
  host = await startContentHost();
});
afterAll(async () => {
  await host.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('logos and wall artwork in the API', () => {
  it('gives logoUrl only for verified logo images, and a wall its verified artwork', async () => {
    const logo = hostFile(host, 'api-logo.png', 5_000).asset;
    const clip = hostFile(host, 'api-clip.mp4', 8_000, 'video/mp4').asset;
    const missing: Asset = { ...logo, sha256: 'a'.repeat(64), url: host.url('/api-gone.png') };
    const lying = hostAsset(host, 'api-lying.png', randomBytes(5_000), 'image/png', 256, 256, { sha: 'b'.repeat(64) });
    const art = hostFile(host, 'api-art.jpg', 9_000, 'image/jpeg').asset;
    const snap = catalogWith(1, {
      stores: [
        storeWith('s-logo', 'B01', { zh: '一', en: 'One' }, '#112233', logo.sha256),
        storeWith('s-clip', 'B02', { zh: '二', en: 'Two' }, '#112233', clip.sha256),
        storeWith('s-missing', 'B03', { zh: '三', en: 'Three' }, '#112233', missing.sha256),
        storeWith('s-lying', 'B04', { zh: '四', en: 'Four' }, '#112233', lying.sha256),
        storeWith('s-plain', 'B05', { zh: '五', en: 'Five' }, '#112233'),
      ],
      campaigns: [], assets: [logo, clip, missing, lying, art],
      wallArtwork: [
        { id: 'w-missing', orientation: 'landscape', asset: missing.sha256, playback: 'once' },
        { id: 'w-clip', orientation: 'landscape', asset: clip.sha256, playback: 'loop' },
        { id: 'w-art', orientation: 'portrait', asset: art.sha256, playback: 'once', durationSec: 10 },
      ],
    });

    const guideDir = freshDataDir('atrium-logos-api-');
    dirs.push(guideDir);
    applyToKiosk(guideDir, snap);
    const guide = await startAgentProcess({ dataDir: guideDir, env: { ATRIUM_DEMO: 'false' } });
    try {
      await waitServed(guide.url, [logo.sha256, clip.sha256, art.sha256]);
      expect(await waitFailed(guideDir, missing.sha256)).toMatch(/404/);
      expect(await waitFailed(guideDir, lying.sha256)).toMatch(/sha256/i);
      const { stores } = await callOk(guide, 'stores.search', {});
      expect(stores.map((s) => [s.id, s.logoUrl ?? null])).toEqual([
        ['s-logo', `/content/${logo.sha256}`], ['s-clip', null], ['s-missing', null], ['s-lying', null], ['s-plain', null],
      ]);
      // The catalog's logo sha256 stays as HQ sent it, ready or not.
      expect(stores.find((s) => s.id === 's-missing')?.logo).toBe(missing.sha256);
      expect(await callOk(guide, 'kiosk.bootstrap', {})).not.toHaveProperty('wallArtwork');
    } finally {
      await guide.stop();
    }

    // The same kiosk as a wall: its artwork, verified ones only, in the catalog's order.
    const wall = await startAgentProcess({ dataDir: guideDir, env: { ATRIUM_DEMO: 'false', ATRIUM_ROLE: 'wall' } });
    try {
      await waitServed(wall.url, [clip.sha256, art.sha256]);
      const boot = await callOk(wall, 'kiosk.bootstrap', {});
      expect(boot.wallArtwork).toEqual([
        { id: 'w-clip', orientation: 'landscape', sha256: clip.sha256, mime: 'video/mp4', playback: 'loop', url: `/content/${clip.sha256}` },
        { id: 'w-art', orientation: 'portrait', sha256: art.sha256, mime: 'image/jpeg', playback: 'once', durationSec: 10, url: `/content/${art.sha256}` },
      ]);
    } finally {
      await wall.stop();
    }
  });
});
