// The catalog's content changes end to end, with real files, a real HTTP content host, real SQLite and (where HQ is
// involved) real Debian Mosquitto and the real agent process: an asset removed by a delta leaves the store once
// nothing names it and it is off screen; a snapshot with an unknown-MIME and an oversized asset still applies, the
// good assets download and HQ sees the refusals in the heartbeat; HQ's desired config turns on hourly proof of play,
// which loses nothing to SIGKILL.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentPlayedHourly, MAX_ASSET_BYTES, type ContentPlayed } from '../../contracts/content.ts';
import { CatalogDelta, topics } from '../../contracts/mqtt.ts';
import { storePath } from '../../edge-agent/src/content/files.ts';
import { applyDelta } from '../../edge-agent/src/sync/apply.ts';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { campaignWith, hostFile, snapshotWith, startContentHost, startManagerRig, type ContentHost } from '../support/content-kit.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { needs } from '../support/requirements.ts';
import { queryDb } from '../support/sqlite-read.ts';
import { openDatabase } from '../../edge-agent/src/db/open.ts';

let host: ContentHost;
beforeAll(async () => {
  host = await startContentHost();
});
afterAll(async () => {
  await host.close();
});

const removal = (from: number, sha: string, campaigns: ReturnType<typeof campaignWith>[] = []) => CatalogDelta.parse({
  mallId: 'demo-mall', fromVersion: from, toVersion: from + 1, publishedAt: new Date().toISOString(), upsert: { campaigns }, remove: { assets: [sha] },
});

describe('removing an asset by delta', () => {
  it('deletes the file once nothing names it and it is off screen; never while a campaign still names it', async () => {
    const kept = hostFile(host, 'kept.png', 30_000);
    const gone = hostFile(host, 'gone.png', 30_000);
    const rig = await startManagerRig(snapshotWith(1, [campaignWith('k', [kept.asset]), campaignWith('g', [gone.asset])], [kept.asset, gone.asset]), {}, { onScreenGraceMs: 0 });
    try {
      for (const f of [kept, gone]) await rig.waitRow(f.asset.sha256, (r) => r.state === 'ready', 'ready');
      // Removed while campaign g still names it (an HQ that did not detach it): out of the catalog, file kept.
      expect(applyDelta(rig.db, removal(1, gone.asset.sha256), 'demo-mall')).toBe('applied');
      rig.mgr.poke();
      await rig.waitRow(gone.asset.sha256, (r) => !r.in_catalog, 'out of the catalog');
      await waitUntil(() => rig.logs.some((l) => l.msg === 'content store checked'), 5000, 'the manager to run');
      expect(existsSync(storePath(rig.mgr.paths, gone.asset.sha256))).toBe(true);
      // g's creative is detached (what `content remove --force` publishes): now nothing names it, and it goes.
      const detached = { ...campaignWith('g', []), creatives: [] };
      expect(applyDelta(rig.db, { ...removal(2, gone.asset.sha256, [detached]) }, 'demo-mall')).toBe('applied');
      rig.mgr.poke();
      await waitUntil(() => rig.logs.some((l) => l.msg === 'content removed' && l.sha256 === gone.asset.sha256), 5000, 'the removal');
      await waitUntil(() => !existsSync(storePath(rig.mgr.paths, gone.asset.sha256)), 5000, 'the file to go');
      expect(rig.db.prepare('SELECT count(*) AS n FROM assets WHERE sha256 = ?').get(gone.asset.sha256)).toEqual({ n: 0 });
      expect(rig.mgr.readyFile(gone.asset.sha256)).toBeNull();
      expect(rig.row(kept.asset.sha256).state).toBe('ready');
      expect(existsSync(storePath(rig.mgr.paths, kept.asset.sha256))).toBe(true);
    } finally {
      await rig.close();
    }
  });

  it('keeps a removed file that was just on screen until it can no longer be', async () => {
    const shown = hostFile(host, 'shown.png', 20_000);
    const rig = await startManagerRig(snapshotWith(1, [campaignWith('s', [shown.asset])], [shown.asset]), {}, { onScreenGraceMs: 60_000 });
    try {
      await rig.waitRow(shown.asset.sha256, (r) => r.state === 'ready', 'ready');
      expect(applyDelta(rig.db, removal(1, shown.asset.sha256, [{ ...campaignWith('s', []), creatives: [] }]), 'demo-mall')).toBe('applied');
      rig.mgr.poke();
      await rig.waitRow(shown.asset.sha256, (r) => !r.in_catalog && !r.referenced, 'planned as removed');
      // Became ready (last used) a moment ago: still served to the item on screen.
      expect(rig.mgr.readyFile(shown.asset.sha256)).not.toBeNull();
      // Once its last use is older than the grace, the next plan deletes it.
      rig.db.prepare('UPDATE assets SET last_used_at = ? WHERE sha256 = ?').run(new Date(Date.now() - 61_000).toISOString(), shown.asset.sha256);
      rig.mgr.poke();
      await waitUntil(() => !existsSync(storePath(rig.mgr.paths, shown.asset.sha256)), 5000, 'the file to go');
    } finally {
      await rig.close();
    }
  });
});

describe('a catalog with bad assets, through Mosquitto to the real agent', needs('mosquitto'), () => {
  let broker: Broker;
  let hq: TestHq;
  let agent: AgentProcess | undefined;
  beforeAll(async () => {
    broker = await startMosquitto({ users: { hq: 'hq-secret', 'kiosk-1': 'k-secret' } });
    hq = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret', subscribe: [topics.heartbeat('demo-mall', 'kiosk-1')] });
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await hq?.end();
    await broker?.stop();
  });

  it('applies the snapshot, downloads the good assets, and HQ sees each refusal with its reason', async () => {
    const good = hostFile(host, 'good.png', 25_000);
    const logo = hostFile(host, 'logo.png', 5_000);
    const gif = { ...hostFile(host, 'anim.gif', 5_000).asset, mime: 'image/gif' };
    const huge = { ...hostFile(host, 'huge.mp4', 5_000, 'video/mp4').asset, bytes: MAX_ASSET_BYTES + 1 };
    const snap = snapshotWith(1, [campaignWith('ok', [good.asset]), campaignWith('other', [logo.asset])], [good.asset, logo.asset]);
    const payload = { ...snap, stores: [], assets: [good.asset, gif, logo.asset, huge], campaigns: [...snap.campaigns, { ...campaignWith('gif', []), creatives: [{ id: 'g', orientation: 'portrait', asset: gif.sha256, playback: 'once' }] }] };
    await hq.publish(topics.catalogSnapshot('demo-mall'), payload, { retain: true });
    agent = await startAgentProcess({
      env: { ATRIUM_DEMO: 'false', ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: 'demo-mall', ATRIUM_DEVICE_ID: 'kiosk-1', ATRIUM_MQTT_USERNAME: 'kiosk-1', ATRIUM_MQTT_PASSWORD: 'k-secret', ATRIUM_HEARTBEAT_SEC: '1' },
    });
    const a = agent;
    for (const f of [good, logo]) await waitUntil(async () => (await fetch(`${a.url}content/${f.asset.sha256}`)).status === 200, 15_000, `${f.asset.url} served`);
    const beat = await hq.waitFor(() => hq.on('/heartbeat').map((s) => s.json).find((j) => j.content?.refusedCount === 2 && j.content.ready === 2), 15_000, 'a heartbeat with the refusals');
    expect(beat.catalogVersion).toBe(1);
    expect(beat.content.refused).toEqual([
      { sha256: gif.sha256, reason: expect.stringMatching(/^mime: /) },
      { sha256: huge.sha256, reason: expect.stringMatching(/^bytes: /) },
    ]);
    expect(a.logs.filter((l) => l.includes('catalog asset refused'))).toHaveLength(2);
    expect(host.requests.filter((q) => q.path === '/anim.gif' || q.path === '/huge.mp4')).toEqual([]);
    // The campaign naming the refused GIF shows its colour card: no creatives offered for it.
    const list = await a.call('promotions.list', { limit: 20, everything: true });
    const cards = list.body.data.promotions as { campaignId: string; creatives?: unknown[] }[];
    expect(cards.find((c) => c.campaignId === 'gif')?.creatives).toBeUndefined();
    expect(cards.find((c) => c.campaignId === 'ok')?.creatives).toHaveLength(1);
  });

  it("HQ's desired config switches proof of play to hourly roll-ups", async () => {
    const a = agent!;
    await hq.client.subscribeAsync(topics.configReported('demo-mall', 'kiosk-1'), { qos: 1 });
    await hq.publish(topics.configDesired('demo-mall', 'kiosk-1'), { version: 1, issuedAt: new Date().toISOString(), config: { proofOfPlay: 'hourly' } }, { retain: true });
    await hq.waitFor(() => hq.on('/config/reported').some((s) => s.json?.effective?.proofOfPlay === 'hourly'), 10_000, 'the kiosk to report proofOfPlay hourly');
    const played = { campaignId: 'ok', creativeId: 'ok-0', sha256: null, display: { role: 'guide', orientation: 'portrait' }, startedAt: new Date().toISOString(), durationMs: 7000, outcome: 'completed', detail: null };
    expect((await a.call('content.played', played)).status).toBe(200);
    expect(queryDb<{ n: number }>(a.dataDir, 'SELECT SUM(completed) AS n FROM content_plays_hourly')[0]!.n).toBe(1);
    expect(queryDb<{ n: number }>(a.dataDir, "SELECT count(*) AS n FROM outbox WHERE type = 'content.played'")[0]!.n).toBe(0);
  });
});

describe('hourly proof of play in the real agent', () => {
  it('N items give counts summing to N, and SIGKILL mid-hour loses none', async () => {
    const dataDir = freshDataDir('atrium-plays-hourly-');
    const config = path.join(dataDir, 'atrium.json');
    writeFileSync(config, JSON.stringify({ display: { proofOfPlay: 'hourly' } }));
    const env = { ATRIUM_DEMO: 'false', ATRIUM_CONFIG: config };
    const item = (over: Partial<ContentPlayed>): ContentPlayed => ({
      campaignId: 'cp-a', creativeId: 'cr-a', sha256: 'a'.repeat(64), display: { role: 'guide', orientation: 'portrait' },
      startedAt: new Date().toISOString(), durationMs: 7000, outcome: 'completed', detail: null, ...over,
    });
    const outcomes: ContentPlayed['outcome'][] = ['completed', 'cut', 'error'];
    let agent = await startAgentProcess({ dataDir, env });
    try {
      const earlier = new Date(Date.now() - 2 * 3_600_000).toISOString();
      // 7 items two hours ago (their hour is over: sent at once) and 10 in this hour (accumulating).
      for (let i = 0; i < 7; i++) expect((await agent.call('content.played', item({ startedAt: earlier, campaignId: `cp-${i % 2}` }))).status).toBe(200);
      for (let i = 0; i < 10; i++) expect((await agent.call('content.played', item({ outcome: outcomes[i % 3]!, creativeId: i % 2 ? 'cr-b' : 'cr-a' }))).status).toBe(200);
      await agent.stop('SIGKILL');
      const pending = queryDb<{ n: number }>(dataDir, 'SELECT COALESCE(SUM(completed + cut + error), 0) AS n FROM content_plays_hourly')[0]!.n;
      expect(pending).toBe(10);
      expect(queryDb<{ n: number }>(dataDir, "SELECT count(*) AS n FROM outbox WHERE type = 'content.played'")[0]!.n).toBe(0);

      // The hour closes while the agent is down (moved back an hour here, as a clock moving on would leave it).
      const db = openDatabase(dataDir);
      db.prepare("UPDATE content_plays_hourly SET hour = strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-1 hour')").run();
      db.close();
      agent = await startAgentProcess({ dataDir, env });
      await waitUntil(() => queryDb<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM content_plays_hourly')[0]!.n === 0, 10_000, 'the closed hour to be flushed at start');
      const events = queryDb<{ payload: string }>(dataDir, "SELECT payload FROM outbox WHERE type = 'content.played.hourly'").map((r) => ContentPlayedHourly.parse(JSON.parse(r.payload)));
      expect(events.reduce((n, e) => n + e.counts.completed + e.counts.cut + e.counts.error, 0)).toBe(17);
      // The hour that closed while the agent was down: one event per key (2 creatives). The items of two hours ago were
      // each sent at once, their hour being over when they were reported.
      expect(events.filter((e) => e.campaignId === 'cp-a').map((e) => e.creativeId).sort()).toEqual(['cr-a', 'cr-b']);
      expect(events).toHaveLength(2 + 7);
      const closed = events.filter((e) => e.campaignId === 'cp-a');
      expect(closed.reduce((n, e) => n + e.counts.cut, 0)).toBe(3);
      expect(closed.reduce((n, e) => n + e.totalDurationMs, 0)).toBe(70_000);
    } finally {
      await agent.stop('SIGKILL');
    }
  }, 60_000);
});
