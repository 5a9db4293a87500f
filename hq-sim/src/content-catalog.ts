// Content in HQ's catalog, pure: the change that adds an asset and a creative to a campaign, asset URLs moved to
// another content host, and the rows `npm run hq -- content list` prints. Catalog in, catalog (or change) out.
import type { Catalog } from '../../contracts/catalog.ts';
import { Asset, Creative, type Orientation } from '../../contracts/content.ts';
import type { CatalogSnapshot } from '../../contracts/mqtt.ts';
import { formatZodError } from '../../contracts/zod-errors.ts';
import { assetUrl } from './content-host.ts';
import type { CatalogChange } from './delta.ts';
import type { MediaInfo } from './media.ts';

export type NewContent = {
  sha256: string;
  bytes: number;
  media: MediaInfo;
  baseUrl: string;
  campaignId: string;
  orientation?: Orientation;
  playback?: 'loop' | 'once';
  durationSec?: number;
};

/** The asset and creative for a file, checked with the contract (refusals worded by formatZodError). */
export function contentRecords(n: NewContent): { asset: Asset; creative: Creative } {
  const asset = Asset.safeParse({
    sha256: n.sha256, bytes: n.bytes, mime: n.media.mime, width: n.media.width, height: n.media.height,
    ...(n.media.durationMs !== undefined ? { durationMs: n.media.durationMs } : {}),
    url: assetUrl(n.baseUrl, n.sha256),
  });
  if (!asset.success) throw new Error(`the file cannot be an asset: ${formatZodError(asset.error)}`);
  // The orientation follows the pixels unless told: taller than wide is portrait.
  const orientation = n.orientation ?? (n.media.height > n.media.width ? 'portrait' : 'landscape');
  const creative = Creative.safeParse({
    // One creative per asset and orientation in a campaign: adding the same file again replaces it.
    id: `cr-${n.sha256.slice(0, 16)}-${orientation}`,
    orientation,
    asset: n.sha256,
    ...(n.playback ? { playback: n.playback } : {}),
    ...(n.durationSec !== undefined ? { durationSec: n.durationSec } : {}),
  });
  if (!creative.success) throw new Error(`the creative is refused: ${formatZodError(creative.error)}`);
  return { asset: asset.data, creative: creative.data };
}

/** The delta change that adds `asset` to the catalog and `creative` to campaign `campaignId`. */
export function addContentChange(catalog: Catalog, campaignId: string, asset: Asset, creative: Creative): CatalogChange {
  const campaign = catalog.campaigns.find((c) => c.id === campaignId);
  if (!campaign) throw new Error(unknownCampaign(catalog, campaignId));
  const creatives = [...(campaign.creatives ?? []).filter((c) => c.id !== creative.id), creative];
  if (creatives.length > 20) throw new Error(`campaign ${campaignId} already has 20 creatives, the most a campaign may have`);
  return { upsert: { assets: [asset], campaigns: [{ ...campaign, creatives }] } };
}

/**
 * The delta change that takes asset `sha256` out of the catalog (`content remove`). The rule: an unknown sha256 is
 * refused; so is one a campaign creative or a store logo still names, unless `force`, which detaches it (the creatives
 * naming it leave their campaigns, the logos their stores: those campaigns and stores are upserted with the delta).
 * The wall's artwork travels only in snapshots, so an asset it names is refused even with `force`.
 */
export function removeContentChange(catalog: Catalog, sha256: string, force: boolean): { change: CatalogChange; detached: string[] } {
  if (!(catalog.assets ?? []).some((a) => a.sha256 === sha256)) {
    throw new Error(`no asset ${sha256} in ${catalog.mallId}'s catalog (npm run hq -- content list)`);
  }
  if ((catalog.wallArtwork ?? []).some((w) => w.asset === sha256)) {
    throw new Error(`asset ${sha256} is the wall's artwork, which only a new snapshot changes; not removed`);
  }
  const users = assetUsers(catalog).get(sha256) ?? [];
  if (users.length && !force) {
    throw new Error(`asset ${sha256} is still used by ${users.join(', ')}; remove those first, or pass --force to detach it from them`);
  }
  const campaigns = catalog.campaigns
    .filter((c) => (c.creatives ?? []).some((cr) => cr.asset === sha256))
    .map((c) => ({ ...c, creatives: (c.creatives ?? []).filter((cr) => cr.asset !== sha256) }));
  const stores = catalog.stores.filter((s) => s.logo === sha256).map(({ logo: _logo, ...s }) => s);
  return { change: { upsert: { campaigns, stores }, remove: { assets: [sha256] } }, detached: users };
}

export function unknownCampaign(catalog: Catalog, campaignId: string): string {
  return `no campaign ${JSON.stringify(campaignId)} in ${catalog.mallId}'s catalog; its campaigns: ${catalog.campaigns.map((c) => c.id).join(', ') || 'none'} (npm run hq -- campaigns)`;
}

/** The catalog with every asset URL on `baseUrl` (the content host moved); null when they all are already. */
export function rebaseAssetUrls<T extends Catalog>(catalog: T, baseUrl: string): T | null {
  const assets = catalog.assets ?? [];
  if (assets.every((a) => a.url === assetUrl(baseUrl, a.sha256))) return null;
  return { ...catalog, assets: assets.map((a) => ({ ...a, url: assetUrl(baseUrl, a.sha256) })) };
}

/** Where each asset is used: campaign creatives, store logos, the wall's artwork. */
export function assetUsers(catalog: Catalog): Map<string, string[]> {
  const users = new Map<string, string[]>();
  const add = (sha: string, who: string) => users.set(sha, [...(users.get(sha) ?? []), who]);
  for (const c of catalog.campaigns) for (const cr of c.creatives ?? []) add(cr.asset, `${c.id} (${cr.orientation})`);
  for (const s of catalog.stores) if (s.logo) add(s.logo, `logo of ${s.id}`);
  for (const cr of catalog.wallArtwork ?? []) add(cr.asset, `wall artwork (${cr.orientation})`);
  return users;
}

const megabytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

/** `content list`: one row per asset. */
export function contentRows(snapshot: CatalogSnapshot, present: (sha256: string) => boolean): string[][] {
  const users = assetUsers(snapshot);
  return (snapshot.assets ?? []).map((a) => [
    a.sha256, a.mime, megabytes(a.bytes), `${a.width}x${a.height}`, a.durationMs !== undefined ? `${(a.durationMs / 1000).toFixed(1)} s` : '-',
    present(a.sha256) ? 'yes' : 'MISSING', (users.get(a.sha256) ?? ['(unused)']).join(', '),
  ]);
}

/** `campaigns`: one line per campaign, its id first. */
export function campaignLines(catalog: Catalog, now: Date): string[] {
  const t = now.getTime();
  return catalog.campaigns.map((c) => {
    const state = t < Date.parse(c.startsAt) ? 'upcoming' : t >= Date.parse(c.endsAt) ? 'ended' : 'running';
    const creatives = c.creatives ?? [];
    return [c.id, `${c.title.zh} / ${c.title.en ?? c.title.zh}`, state, `${c.startsAt} .. ${c.endsAt}`, `${creatives.length} creative${creatives.length === 1 ? '' : 's'}`].join('  ');
  });
}
