// The mall's time zone as a setting: validated with an error that names the field and where it came from, and
// passed down to where local time is computed (member home, offer decisions, the demo data, the HQ simulator).
import { afterEach, describe, expect, it } from 'vitest';
import { localDate, localTime } from '../../../common/local-time.ts';
import { demoMembers } from '../../../common/demo/catalog.ts';
import { DEFAULT_MALL_TIME_ZONE, isTimeZone } from '../../../common/time-zone.ts';
import { ConfigError, loadSettings } from '../../../edge-agent/src/config.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { createLogger } from '../../../common/node/log.ts';
import { MemberService } from '../../../edge-agent/src/members/service.ts';
import { parseCli, UsageError } from '../../../hq-sim/src/cli-args.ts';
import { memberHighlights } from '../../../hq-sim/src/member-list.ts';
import { freshDataDir } from '../../support/agent-process.ts';
import { memberToken, newHqKey, prepareMemberDb } from '../../support/member-fixture.ts';

describe('the timeZone setting', () => {
  it('defaults to Asia/Shanghai and takes an IANA name from the environment or the file', () => {
    expect(loadSettings({ env: {} }).timeZone).toBe(DEFAULT_MALL_TIME_ZONE);
    expect(DEFAULT_MALL_TIME_ZONE).toBe('Asia/Shanghai');
    expect(loadSettings({ env: { ATRIUM_TIME_ZONE: 'Europe/Berlin' } }).timeZone).toBe('Europe/Berlin');
    expect(loadSettings({ env: { ATRIUM_TIME_ZONE: 'UTC' } }).timeZone).toBe('UTC');
  });

  it.each(['Mars/Olympus', '+08:00', 'Asia/Shanghai; rm -rf /', ''])('refuses %j, naming the field and the variable', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
    expect(() => loadSettings({ env: { ATRIUM_TIME_ZONE: zone } })).toThrow(ConfigError);
    expect(() => loadSettings({ env: { ATRIUM_TIME_ZONE: zone } })).toThrow(`timeZone [from ATRIUM_TIME_ZONE]: an IANA time zone name such as Asia/Shanghai or Europe/Berlin (got ${JSON.stringify(zone)})`);
  });

  it('the HQ simulator takes --time-zone or ATRIUM_TIME_ZONE, with the same default and check', () => {
    expect(parseCli([], {}).timeZone).toBe('Asia/Shanghai');
    expect(parseCli(['members', '--time-zone', 'Europe/Berlin'], {}).timeZone).toBe('Europe/Berlin');
    expect(parseCli(['members'], { ATRIUM_TIME_ZONE: 'UTC' }).timeZone).toBe('UTC');
    expect(() => parseCli(['members', '--time-zone=Mars/Olympus'], {})).toThrow(UsageError);
    expect(() => parseCli(['members', '--time-zone=Mars/Olympus'], {})).toThrow(/--time-zone must be an IANA time zone name/);
  });
});

describe('local time in the mall zone', () => {
  // 00:30 on 1 December in Shanghai, still 30 November in UTC.
  const boundary = new Date('2026-11-30T16:30:00Z');

  it('gives the calendar day and month of the zone', () => {
    expect(localDate(boundary, 'Asia/Shanghai')).toBe('2026-12-01');
    expect(localDate(boundary, 'UTC')).toBe('2026-11-30');
    expect(localTime(boundary, 'Asia/Shanghai')).toMatchObject({ month: 12, day: 1, hour: 0 });
    expect(() => localTime(boundary, 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });

  it('the demo birthday member and HQ\'s "birthday this month" follow the zone', () => {
    const m1002 = (zone: string) => demoMembers(boundary, zone).find((m) => m.id === 'M1002')!;
    expect(m1002('Asia/Shanghai').birthMonth).toBe(12);
    expect(m1002('UTC').birthMonth).toBe(11);
    const { note: _note, ...member } = m1002('Asia/Shanghai');
    expect(memberHighlights(member, boundary, 'Asia/Shanghai').kinds).toContain('birthday-month');
    expect(memberHighlights(member, boundary, 'UTC').kinds).not.toContain('birthday-month');
  });

  describe('the member home at a UTC day boundary', () => {
    let db: Db | undefined;
    const services: MemberService[] = [];
    afterEach(() => {
      for (const s of services.splice(0)) s.stop();
      db?.close();
    });

    it('shows "birthday this month" by the agent\'s timeZone setting, not the kiosk clock\'s zone', async () => {
      const key = newHqKey();
      const dir = freshDataDir('atrium-tz-');
      prepareMemberDb(dir, key, { now: boundary }); // demo members seeded in Shanghai time: M1002 born in December
      db = openDatabase(dir);
      const home = async (timeZone?: string) => {
        const svc = new MemberService({ db: db!, log: createLogger('error', 'test', () => {}), hq: null, idleTimeoutSec: () => 60, now: () => boundary, ...(timeZone ? { timeZone } : {}) });
        services.push(svc);
        const r = await svc.identify({ source: 'camera', code: memberToken(key, 'M1002', 'silver', {}, boundary) });
        if (r.status !== 'identified') throw new Error(`not identified: ${r.reason}`);
        return r.home.member.birthdayThisMonth;
      };
      expect(await home()).toBe(true);
      expect(await home('Asia/Shanghai')).toBe(true);
      expect(await home('UTC')).toBe(false);
      expect(await home('America/New_York')).toBe(false);
    });
  });
});
