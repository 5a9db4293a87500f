// `npm run hq -- campaigns`, `content add FILE --campaign ID ...`, `content remove SHA256` and `content list`: the mall's content from a
// terminal. Every check (file, type, size, campaign) is made before anything is copied or published, so bad input
// leaves HQ as it was. With npm start's demo running, the broker and content host are the demo's (demo-state.ts).
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { MAX_ASSET_BYTES, Sha256 } from '../../contracts/content.ts';
import type { CliOptions } from './cli-args.ts';
import { UsageError } from './cli-args.ts';
import { addContentChange, campaignLines, contentRecords, contentRows, removeContentChange, unknownCampaign } from './content-catalog.ts';
import { contentFile, hasContent, storeContent } from './content-store.ts';
import { buildDelta } from './delta.ts';
import { runningDemo } from './demo-state.ts';
import { renderTable } from './fleet-table.ts';
import { currentSnapshot, demoCatalogFor, openHqData } from './hq-data.ts';
import { consoleLog } from './log.ts';
import { probeMedia } from './media.ts';
import { HqSimulator } from './simulator.ts';

const out = (line = '') => process.stdout.write(line + '\n');

export type BrokerLogin = { url: string; username: string; password: string; protocolVersion?: 4 | 5 };

/** The broker a tool talks to: the one named by flags or environment, else the running demo HQ's, else the default. */
export function brokerFor(o: CliOptions): BrokerLogin {
  const demo = o.urlGiven ? null : runningDemo(path.resolve(o.data));
  if (!demo) return { url: o.url, username: o.username, password: o.password };
  return { url: demo.url, username: o.username || demo.username, password: o.password || demo.password, protocolVersion: demo.protocolVersion };
}

/** `campaigns`: the published catalog's campaigns (or the demo's, before HQ first published). */
export function campaigns(o: CliOptions): void {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  try {
    const now = new Date();
    const catalog = data.store.publishedSnapshot(o.mall) ?? demoCatalogFor(o.mall, now);
    for (const line of campaignLines(catalog, now)) out(line);
  } finally {
    data.close();
  }
}

/** `content add` and `content list`. */
export async function content(o: CliOptions): Promise<number> {
  const [verb, ...rest] = o.positional;
  if (verb === 'list' && rest.length === 0) return list(o);
  if (verb === 'add' && rest.length === 1) return add(o, rest[0]!);
  if (verb === 'remove' && rest.length === 1) return removeAsset(o, rest[0]!);
  throw new UsageError('content needs `add <file> --campaign ID`, `remove <sha256> [--force]` or `list`');
}

function list(o: CliOptions): number {
  const dataDir = path.resolve(o.data);
  const data = openHqData(dataDir, o.mall, new Date(), o.timeZone);
  try {
    const snapshot = data.store.publishedSnapshot(o.mall);
    if (!snapshot?.assets?.length) {
      out(`no content in ${o.mall}'s catalog yet (add some: npm run hq -- content add FILE --campaign ID)`);
      return 0;
    }
    const rows = contentRows(snapshot, (sha) => hasContent(dataDir, sha));
    for (const line of renderTable(['SHA256', 'TYPE', 'SIZE', 'PIXELS', 'LENGTH', 'STORED', 'USED BY'], rows)) out(line);
    out();
    out(`${rows.length} asset(s) in catalog v${snapshot.version}, served from ${snapshot.assets[0]!.url.replace(/[0-9a-f]{64}$/, '')}`);
    return 0;
  } finally {
    data.close();
  }
}

function checkFile(file: string): void {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new Error(`no such file: ${file}`);
  }
  if (!stat.isFile()) throw new Error(`${file} is not a file`);
  if (stat.size === 0) throw new Error(`${file} is empty`);
  if (stat.size > MAX_ASSET_BYTES) throw new Error(`${file} is ${stat.size} bytes, over the ${MAX_ASSET_BYTES} bytes (MAX_ASSET_BYTES) a kiosk accepts`);
}

async function add(o: CliOptions, fileArg: string): Promise<number> {
  if (!o.campaign) throw new UsageError('content add needs --campaign ID (npm run hq -- campaigns lists them)');
  const campaignId = o.campaign;
  const file = path.resolve(fileArg);
  const dataDir = path.resolve(o.data);
  checkFile(file);
  const media = probeMedia(file);
  const demo = runningDemo(dataDir);
  const baseUrl = o.contentUrl ?? demo?.contentBaseUrl;
  if (!baseUrl) throw new Error(`no content host known for ${dataDir}: start the demo HQ on it (npm start, or npm run hq -- demo), or pass --content-url URL`);

  const data = openHqData(dataDir, o.mall, new Date(), o.timeZone);
  try {
    const before = currentSnapshot(data).snapshot;
    if (!before.campaigns.some((c) => c.id === campaignId)) throw new Error(unknownCampaign(before, campaignId));
    const stored = await storeContent(dataDir, file);
    const { asset, creative } = contentRecords({
      sha256: stored.sha256, bytes: stored.bytes, media, baseUrl, campaignId,
      ...(o.orientation ? { orientation: o.orientation } : {}),
      ...(o.playback ? { playback: o.playback } : {}),
      ...(o.durationSec !== null ? { durationSec: o.durationSec } : {}),
    });
    const login = brokerFor(o);
    const sim = new HqSimulator({ ...login, data, log: consoleLog(), role: 'tool' });
    try {
      await sim.start();
      // Built against the snapshot as it is when publishing (another tool may have moved it on meanwhile).
      const { delta } = await sim.publishDelta((current, now) => buildDelta(current, addContentChange(current, campaignId, asset, creative), now));
      out(`content: added ${asset.sha256}`);
      out(`  ${asset.mime}, ${asset.bytes} bytes, ${asset.width}x${asset.height}${asset.durationMs !== undefined ? `, ${asset.durationMs} ms` : ''}; ${creative.orientation} creative ${creative.id} of ${campaignId}`);
      out(`  ${asset.url}`);
      out(`  catalog delta ${delta.fromVersion} -> ${delta.toVersion} published on ${login.url}, and the retained snapshot moved to version ${delta.toVersion}`);
      return 0;
    } finally {
      await sim.stop();
    }
  } finally {
    data.close();
  }
}

/**
 * `content remove SHA256 [--force]`: publishes a delta taking the asset out of the catalog (the rule is
 * removeContentChange's), then deletes HQ's copy of the file. Every check is made before anything is published.
 */
async function removeAsset(o: CliOptions, shaArg: string): Promise<number> {
  const sha256 = shaArg.toLowerCase();
  if (!Sha256.safeParse(sha256).success) throw new UsageError(`content remove needs an asset's sha256, 64 hex digits (got ${JSON.stringify(shaArg)}; npm run hq -- content list)`);
  const dataDir = path.resolve(o.data);
  const data = openHqData(dataDir, o.mall, new Date(), o.timeZone);
  try {
    removeContentChange(currentSnapshot(data).snapshot, sha256, o.force);
    const login = brokerFor(o);
    const sim = new HqSimulator({ ...login, data, log: consoleLog(), role: 'tool' });
    let detached: string[] = [];
    try {
      await sim.start();
      // Built against the snapshot as it is when publishing (another tool may have moved it on meanwhile).
      const { delta } = await sim.publishDelta((current, now) => {
        const r = removeContentChange(current, sha256, o.force);
        detached = r.detached;
        return buildDelta(current, r.change, now);
      });
      rmSync(contentFile(dataDir, sha256), { force: true });
      out(`content: removed ${sha256}`);
      if (detached.length) out(`  detached from ${detached.join(', ')}`);
      out(`  catalog delta ${delta.fromVersion} -> ${delta.toVersion} published on ${login.url}, and the retained snapshot moved to version ${delta.toVersion}`);
      return 0;
    } finally {
      await sim.stop();
    }
  } finally {
    data.close();
  }
}
