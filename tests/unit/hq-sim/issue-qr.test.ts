// `npm run hq -- issue-qr` and `members`: the token is checked with the kiosk's own checkMemberToken against the
// public key HQ publishes; the QR (PNG) is read back by an independent decoder (Debian's zbarimg); bad input gets a
// clear error and a non-zero exit.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN_MAX_TTL_SEC } from '../../../contracts/members.ts';
import { checkMemberToken, decodeMemberToken } from '../../../common/node/member-token.ts';
import { currentSnapshot, openHqData } from '../../../hq-sim/src/hq-data.ts';
import { loadOrCreateSigningKey } from '../../../hq-sim/src/keys.ts';
import { coverage, mallDate, memberHighlights } from '../../../hq-sim/src/member-list.ts';
import { EXPIRED_ISSUED_AGO_SEC, issueMemberToken, QRENCODE_HINT, terminalQr } from '../../../hq-sim/src/member-qr.ts';
import { demoMemberRecords } from '../../../hq-sim/src/demo-people.ts';
import { freshDataDir, repoRoot } from '../../support/agent-process.ts';

const now = new Date('2026-11-23T12:00:00Z');
const nowSec = Math.floor(now.getTime() / 1000);
const hasTool = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'hq-sim/src/cli.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tokenLine = (stdout: string) => /^QR token: (\S+)$/m.exec(stdout)?.[1];

describe('issueMemberToken', () => {
  const key = loadOrCreateSigningKey(freshDataDir('atrium-hq-qr-'));
  const m = { id: 'M1002', tier: 'silver' } as const;

  it('signs a token the kiosk accepts: 60 s by default, a fresh 128-bit nonce each time', () => {
    const a = issueMemberToken(key, m, now);
    const b = issueMemberToken(key, m, now);
    expect(a.claims).toMatchObject({ kid: key.kid, mid: 'M1002', tier: 'silver', iat: nowSec, exp: nowSec + TOKEN_MAX_TTL_SEC });
    expect(a.claims.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.claims.nonce).not.toBe(b.claims.nonce);
    expect(checkMemberToken(a.token, [key.hqKey], now)).toEqual({ ok: true, claims: a.claims });
  });

  it('makes test tokens: --expired is refused as expired, --iat sets the issue time, --ttl the lifetime', () => {
    const expired = issueMemberToken(key, m, now, { expired: true });
    expect(expired.claims.iat).toBe(nowSec - EXPIRED_ISSUED_AGO_SEC);
    expect(checkMemberToken(expired.token, [key.hqKey], now)).toMatchObject({ ok: false, reason: 'expired' });
    const future = issueMemberToken(key, m, now, { iat: nowSec + 3600, ttlSec: 30 });
    expect(future.claims).toMatchObject({ iat: nowSec + 3600, exp: nowSec + 3630 });
    expect(checkMemberToken(future.token, [key.hqKey], now)).toMatchObject({ ok: false, reason: 'not_yet_valid' });
    expect(checkMemberToken(future.token, [key.hqKey], new Date((nowSec + 3600) * 1000))).toMatchObject({ ok: true });
  });

  it.each([[0], [61], [1.5]])('refuses a lifetime of %s s', (ttlSec) => {
    expect(() => issueMemberToken(key, m, now, { ttlSec })).toThrow(/1-60 s/);
  });

  it('refuses both an issue time and expired', () => {
    expect(() => issueMemberToken(key, m, now, { iat: nowSec, expired: true })).toThrow(/not both/);
  });
});

describe('terminalQr', () => {
  it('says in one line how to get qrencode when it is missing', () => {
    expect(terminalQr('x', '/nonexistent/qrencode')).toEqual({ ok: false, reason: QRENCODE_HINT });
    expect(QRENCODE_HINT).not.toContain('\n');
  });
});

describe('npm run hq -- issue-qr (the CLI process)', () => {
  it('prints "QR token: ..." that verifies against the key HQ publishes, and draws it; the PNG decodes to the same token', () => {
    const dir = freshDataDir('atrium-hq-qr-');
    const data = openHqData(dir, 'demo-mall', now);
    const published = currentSnapshot(data).snapshot; // what the demo HQ publishes from this folder
    data.close();
    const png = path.join(dir, 'm1005.png');
    const r = cli(['issue-qr', 'M1005', '--data', dir, '--ttl', '45', '--png', png]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const token = tokenLine(r.stdout);
    expect(token).toBeDefined();
    const check = checkMemberToken(token!, published.hqKeys, new Date());
    expect(check).toMatchObject({ ok: true, claims: { mid: 'M1005', tier: 'silver', kid: published.hqKeys[0]!.kid } });
    expect(check.ok && check.claims.exp - check.claims.iat).toBe(45);
    expect(r.stdout).toContain(`published in demo-mall's catalog v${published.version}`);
    if (hasTool('qrencode')) {
      const qrLines = r.stdout.split('\n').filter((l) => /[█▀▄]/.test(l));
      expect(qrLines.length).toBeGreaterThan(20); // a QR of Unicode half blocks
      expect(new Set(qrLines.map((l) => l.length)).size).toBe(1); // square: every row the same width
      expect(existsSync(png)).toBe(true);
      if (hasTool('zbarimg')) {
        const z = spawnSync('zbarimg', ['-q', '--raw', png], { encoding: 'utf8' });
        expect(z.stdout.trim()).toBe(token);
      }
    } else {
      expect(r.stdout).toContain(QRENCODE_HINT);
    }
  });

  it('--expired makes a token the kiosk refuses as expired', () => {
    const dir = freshDataDir('atrium-hq-qr-');
    const r = cli(['issue-qr', 'M1003', '--data', dir, '--expired']);
    expect(r.code).toBe(0);
    const key = loadOrCreateSigningKey(dir);
    expect(checkMemberToken(tokenLine(r.stdout)!, [key.hqKey], new Date())).toMatchObject({ ok: false, reason: 'expired' });
    expect(r.stdout).toContain('NOT yet in a published catalog'); // nothing published from this fresh folder yet
  });

  it('--iat sets the issue time (Unix seconds)', () => {
    const dir = freshDataDir('atrium-hq-qr-');
    const r = cli(['issue-qr', 'M1004', '--data', dir, '--iat', '1767225600', '--ttl', '30']);
    expect(r.code).toBe(0);
    const decoded = decodeMemberToken(tokenLine(r.stdout)!);
    expect(decoded.ok && decoded.claims).toMatchObject({ mid: 'M1004', tier: 'diamond', iat: 1767225600, exp: 1767225630 });
  });

  it('an unknown member: a clear error naming the known ones, exit code 1, no token', () => {
    const r = cli(['issue-qr', 'M9999', '--data', freshDataDir('atrium-hq-qr-')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^hq: no member "M9999" at HQ .*known members: M1001, M1002, M1003, M1004, M1005/);
    expect(r.stdout).not.toContain('QR token:');
  });

  it.each([
    [['issue-qr'], /issue-qr needs exactly one <member id>/],
    [['issue-qr', 'M1001', '--ttl', '61'], /1-60 s \(got 61\)/],
    [['issue-qr', 'M1001', '--expired', '--iat', '1767225600'], /not both/],
    [['issue-qr', 'M1001', '--iat', 'yesterday'], /--iat expects a positive integer/],
  ])('usage errors exit 2: %j', (args, message) => {
    const r = cli([...args, '--data', freshDataDir('atrium-hq-qr-')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toContain('QR token:');
  });
});

describe('npm run hq -- members', () => {
  it('lists each demo member with tier, points, card and what is special, and says every case is covered', () => {
    const r = cli(['members', '--data', freshDataDir('atrium-hq-members-')]);
    expect(r.code).toBe(0);
    // The demo data picks M1002's birth month in UTC; the kiosk and this list count in the mall's time zone, so for
    // the last hours of a UTC month (already the next month in Shanghai) M1002 is not a birthday member.
    const today = new Date();
    const birthday = Number(mallDate(today).slice(5, 7)) === today.getUTCMonth() + 1;
    const row = (id: string) => r.stdout.split('\n').find((l) => l.startsWith(id)) ?? '';
    expect(row('M1001')).toMatch(/普通 regular\s+320\s+6200000000001001/);
    expect(row('M1002')).toMatch(birthday ? /银卡 silver\s+1850\s+6200000000001002\s+birthday this month/ : /银卡 silver\s+1850\s+6200000000001002\s+segment loyal/);
    expect(row('M1003')).toMatch(/金卡 gold\s+5200\s+6200000000001003\s+dormant: last visit 200 days ago/);
    expect(row('M1004')).toMatch(/钻石 diamond\s+28600\s+6200000000001004/);
    expect(row('M1005')).toMatch(/银卡 silver\s+940\s+6200000000001005\s+600 points expire \d{4}-\d\d-\d\d \(in [4-6] days\)/);
    expect(r.stdout).toContain(`Covers: every tier; birthday-month ${birthday ? 'M1002' : 'MISSING'}; dormant M1003; points-expiring M1005`);
  });

  it('works the special cases out from the record (expiringPoints, lastVisit, birthMonth), not from a note', () => {
    const members = demoMemberRecords(now).map((d) => d.member);
    const c = coverage(members, now);
    expect(c).toEqual({ tiers: ['regular', 'silver', 'gold', 'diamond'], missingTiers: [], highlights: { 'birthday-month': ['M1002'], dormant: ['M1003'], 'points-expiring': ['M1005'] } });
    const m1005 = members.find((m) => m.id === 'M1005')!;
    expect(memberHighlights({ ...m1005, expiringPoints: null }, now).kinds).toEqual([]);
    expect(memberHighlights({ ...m1005, expiringPoints: { points: 600, on: '2026-12-20' } }, now).kinds).toEqual([]); // 27 days away
    expect(coverage(members.filter((m) => m.tier !== 'diamond'), now).missingTiers).toEqual(['diamond']);
  });
});
