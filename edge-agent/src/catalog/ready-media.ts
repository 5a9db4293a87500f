// What of the catalog's media the page may show: creatives, store logos and the wall's artwork whose asset is
// verified on this kiosk (content/assets.ts says which are ready), each with the URL the agent serves it at. The page
// never learns of an asset that is missing, downloading, failed or unverified, so it never asks for one.
import type { DirectoryStore, ReadyCreative } from '../../../contracts/api.ts';
import type { Store } from '../../../contracts/catalog.ts';
import { AssetMime, type Creative } from '../../../contracts/content.ts';
import { readyAssets } from '../content/assets.ts';
import type { Db } from '../db/open.ts';

/** Where the local server serves a ready asset (api/content-route.ts). */
export function contentUrl(sha256: string): `/content/${string}` {
  return `/content/${sha256}`;
}

/** Of `creatives`, those whose asset is ready, in their order, with their URL. */
export function readyCreatives(db: Db, creatives: readonly Creative[] | undefined): ReadyCreative[] {
  if (!creatives?.length) return [];
  const ready = readyAssets(db, creatives.map((cr) => cr.asset));
  return creatives.flatMap((cr) => {
    const asset = ready.get(cr.asset);
    const mime = AssetMime.safeParse(asset?.mime);
    if (!asset || !mime.success) return [];
    return [{
      id: cr.id, orientation: cr.orientation, sha256: cr.asset, mime: mime.data, playback: cr.playback,
      ...(cr.durationSec === undefined ? {} : { durationSec: cr.durationSec }), url: contentUrl(cr.asset),
    }];
  });
}

/** The stores with `logoUrl` where their logo is a ready image (a logo named as a video is never drawn). */
export function withLogoUrls(db: Db, stores: readonly Store[]): DirectoryStore[] {
  const ready = readyAssets(db, stores.flatMap((s) => (s.logo ? [s.logo] : [])));
  return stores.map((s) => {
    const asset = s.logo ? ready.get(s.logo) : undefined;
    return s.logo && asset?.mime.startsWith('image/') ? { ...s, logoUrl: contentUrl(s.logo) } : s;
  });
}
