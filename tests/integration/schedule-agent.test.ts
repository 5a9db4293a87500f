// promotions.list on the real agent process follows campaign schedules: a catalog applied by snapshot holds
// campaigns whose dayparts are active or not at the real now (the agent has no clock override; the boundary itself
// is tested on the pure function, tests/unit/agent/schedule-playing.test.ts), targeted at zones this kiosk carries
// (ATRIUM_ZONES) or not, at another device or role, and weighted; the page gets unique cards and a weighted rotation.
import { afterAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../contracts/catalog.ts';
import type { Schedule } from '../../contracts/content.ts';
import { localTime } from '../../common/local-time.ts';
import { applySnapshot } from '../../edge-agent/src/sync/apply.ts';
import { openDatabase } from '../../edge-agent/src/db/open.ts';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { campaignWith, snapshotWith } from '../support/content-kit.ts';

let agent: AgentProcess | undefined;
afterAll(async () => {
  await agent?.stop('SIGKILL');
});

const TZ = 'Europe/Berlin';
const hhmm = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

describe('schedules in the real agent', () => {
  it('promotions.list gives the campaigns playing here now, and a weighted rotation', async () => {
    const local = localTime(new Date(), TZ);
    const minute = local.hour * 60 + local.minute;
    // Active: from two hours ago to two hours ahead (crossing midnight when it must). Inactive: 3 to 4 hours ahead.
    const nowPart = { from: hhmm(minute - 120), to: hhmm(minute + 120) };
    const laterPart = { from: hhmm(minute + 180), to: hhmm(minute + 240) };
    const all = [1, 2, 3, 4, 5, 6, 7];
    const make = (id: string, priority: number, schedule?: Partial<Schedule>): Campaign => ({
      ...campaignWith(id, []), priority, ...(schedule ? { schedule: { dayparts: [], weight: 1, ...schedule } } : {}),
    });
    const campaigns = [
      make('always', 90),
      make('daypart-now', 80, { dayparts: [{ days: all, ...nowPart }], weight: 2 }),
      make('daypart-later', 70, { dayparts: [{ days: all, ...laterPart }] }),
      make('my-zone', 60, { zones: ['north-atrium'], weight: 3 }),
      make('other-zone', 50, { zones: ['food-court'] }),
      make('other-device', 40, { devices: ['kiosk-99'] }),
      make('wall-only', 30, { roles: ['wall'] }),
    ];
    const dataDir = freshDataDir('atrium-schedule-agent-');
    const db = openDatabase(dataDir);
    applySnapshot(db, snapshotWith(1, campaigns, []), 'demo-mall');
    db.close();

    agent = await startAgentProcess({ dataDir, env: { ATRIUM_DEMO: 'false', ATRIUM_TIME_ZONE: TZ, ATRIUM_ZONES: '1F,north-atrium', ATRIUM_DEVICE_ID: 'kiosk-7' } });
    const res = await agent.call('promotions.list', { limit: 50 });
    expect(res.status).toBe(200);
    const data = res.body.data as { promotions: { campaignId: string }[]; rotation: string[] };
    expect(data.promotions.map((p) => p.campaignId)).toEqual(['always', 'daypart-now', 'my-zone']);
    expect(data.rotation).toHaveLength(6);
    expect(Object.fromEntries(['always', 'daypart-now', 'my-zone'].map((id) => [id, data.rotation.filter((r) => r === id).length])))
      .toEqual({ always: 1, 'daypart-now': 2, 'my-zone': 3 });

    // The staff picker (everything) lists every running campaign, schedules aside: a playlist may name any of them.
    const picker = await agent.call('promotions.list', { limit: 50, everything: true });
    expect((picker.body.data as { promotions: unknown[] }).promotions).toHaveLength(campaigns.length);

    // A new catalog moves the dayparts: the one that played stops, the later one starts.
    const db2 = openDatabase(dataDir);
    const swapped = campaigns.map((c) => c.id === 'daypart-now' ? make(c.id, 80, { dayparts: [{ days: all, ...laterPart }], weight: 2 })
      : c.id === 'daypart-later' ? make(c.id, 70, { dayparts: [{ days: all, ...nowPart }] }) : c);
    applySnapshot(db2, snapshotWith(2, swapped, []), 'demo-mall');
    db2.close();
    const again = (await agent.call('promotions.list', { limit: 50 })).body.data as { promotions: { campaignId: string }[] };
    expect(again.promotions.map((p) => p.campaignId)).toEqual(['always', 'daypart-later', 'my-zone']);
  });
});
