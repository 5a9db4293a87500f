// Broker configuration: the fleet ACL (rendered for Mosquitto and checked in process), Mosquitto password lines,
// and the in-process aedes fallback, which refuses MQTT 5.
import { spawnSync } from 'node:child_process';
import { pbkdf2Sync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { topics } from '../../../contracts/mqtt.ts';
import { aclAllows, aclFor, withinPattern } from '../../../hq-sim/src/acl.ts';
import { startAedesBroker } from '../../../hq-sim/src/broker-aedes.ts';
import { mosquittoConfig } from '../../../hq-sim/src/broker-mosquitto.ts';
import { mosquittoPasswordFile, mosquittoPasswordHash } from '../../../hq-sim/src/mosquitto-passwd.ts';
import { needs } from '../../support/requirements.ts';

describe('aclFor', () => {
  it('gives HQ everything under atrium/v1 and shared subscriptions, and kiosks their own topics', () => {
    const acl = aclFor({ hqUsers: ['hq'], devices: ['kiosk-1'] });
    expect(acl).toContain('user hq\ntopic readwrite atrium/v1/#\ntopic readwrite $share/#');
    expect(acl).toContain('pattern write atrium/v1/+/devices/%u/events');
    expect(acl).toContain('pattern read atrium/v1/+/devices/%u/commands');
    expect(acl).toContain('pattern read atrium/v1/+/devices/%u/claims/result');
    expect(acl).toContain('pattern read atrium/v1/+/catalog/#');
  });

  it('limits each kiosk to its own mall`s catalog when every device`s mall is known', () => {
    const acl = aclFor({ hqUsers: ['hq'], devices: [{ id: 'kiosk-1', mall: 'mall-a' }, { id: 'kiosk-2', mall: 'mall-b' }] });
    expect(acl).not.toContain('pattern read atrium/v1/+/catalog/#');
    expect(acl).toContain('user kiosk-1\ntopic read atrium/v1/mall-a/catalog/#');
    expect(acl).toContain('user kiosk-2\ntopic read atrium/v1/mall-b/catalog/#');
  });

  it('refuses user names that would widen a %u pattern or break the file', () => {
    for (const bad of ['a/b', 'kiosk+', 'k#', 'two words', 'x\nuser hq', '']) {
      expect(() => aclFor({ hqUsers: ['hq'], devices: [bad] })).toThrow(/letters, digits/);
    }
  });
});

describe('aclAllows (the same rules in process)', () => {
  const kiosk = { username: 'kiosk-1', hq: false, mall: 'demo-mall' };
  it.each([
    [topics.events('demo-mall', 'kiosk-1'), 'write', true],
    [topics.events('demo-mall', 'kiosk-2'), 'write', false],
    [topics.events('demo-mall', 'kiosk-1'), 'read', false],
    [topics.commands('demo-mall', 'kiosk-1'), 'read', true],
    [topics.commands('demo-mall', 'kiosk-2'), 'read', false],
    [topics.commands('demo-mall', 'kiosk-1'), 'write', false],
    [topics.claimResults('demo-mall', 'kiosk-1'), 'read', true],
    [topics.claimResults('demo-mall', 'kiosk-2'), 'read', false],
    [topics.claimResults('demo-mall', 'kiosk-1'), 'write', false],
    ['atrium/v1/demo-mall/devices/+/claims/result', 'read', false],
    [topics.catalogSnapshot('demo-mall'), 'read', true],
    [topics.catalogSnapshot('other-mall'), 'read', false],
    [topics.catalogSnapshot('demo-mall'), 'write', false],
    ['atrium/v1/+/devices/+/commands', 'read', false],
    ['atrium/v1/#', 'read', false],
    ['$share/hq/atrium/v1/+/devices/+/events', 'read', false],
  ] as const)('kiosk-1 %s %s -> %s', (topic, access, allowed) => {
    expect(aclAllows(kiosk, topic, access)).toBe(allowed);
  });

  it('lets HQ read and write the whole tree and shared subscriptions', () => {
    const hq = { username: 'hq', hq: true };
    expect(aclAllows(hq, '$share/hq/atrium/v1/+/devices/+/events', 'read')).toBe(true);
    expect(aclAllows(hq, topics.commands('demo-mall', 'kiosk-9'), 'write')).toBe(true);
    expect(aclAllows(hq, 'other/topic', 'write')).toBe(false);
  });

  it('withinPattern: a filter lies within a pattern only if every topic it matches does', () => {
    expect(withinPattern('a/b/c', 'a/+/c')).toBe(true);
    expect(withinPattern('a/+/c', 'a/+/c')).toBe(true);
    expect(withinPattern('a/+/c', 'a/b/c')).toBe(false);
    expect(withinPattern('a/#', 'a/b/#')).toBe(false);
    expect(withinPattern('a/b/c/d', 'a/b/#')).toBe(true);
    expect(withinPattern('a/b', 'a/b/c')).toBe(false);
    expect(withinPattern('a/b/c', 'a/b')).toBe(false);
  });
});

describe('Mosquitto password lines', () => {
  it('are PBKDF2-SHA512, 101 rounds, 12-byte salt: the $7$ format of mosquitto_passwd 2.0', () => {
    const salt = Buffer.from('to1sZgMo8gLub7+6', 'base64');
    expect(mosquittoPasswordHash('secret', salt)).toBe('$7$101$to1sZgMo8gLub7+6$Ta6OtyJrKaHwid3t4ERS2sGWhw4wYA60AQex/IDSNUuJLyOzdQpv0FUasydgbp5bLcZlSHsUbKu7fz+LesciLA==');
    expect(mosquittoPasswordFile({ hq: 'a', 'kiosk-1': 'b' })).toMatch(/^hq:\$7\$101\$\S+\nkiosk-1:\$7\$101\$\S+\n$/);
    expect(() => mosquittoPasswordFile({ 'bad:user': 'x' })).toThrow(/may not contain/);
  });

  it('agree with Debian`s mosquitto_passwd on a fresh line', needs('mosquitto'), () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'atrium-passwd-')), 'passwd');
    expect(spawnSync('mosquitto_passwd', ['-c', '-b', file, 'alice', 'open sesame']).status).toBe(0);
    const [, , iterations, salt, hash] = readFileSync(file, 'utf8').trim().split(':')[1]!.split('$');
    expect(iterations).toBe('101');
    expect(pbkdf2Sync('open sesame', Buffer.from(salt!, 'base64'), 101, 64, 'sha512').toString('base64')).toBe(hash);
    expect(mosquittoPasswordHash('open sesame', Buffer.from(salt!, 'base64'))).toBe(`$7$101$${salt}$${hash}`);
  });
});

describe('mosquittoConfig', () => {
  it('sets what the kiosk needs: authentication, ACL, persistence, deep queues, big packets', () => {
    const conf = mosquittoConfig({ port: 18830, dir: '/var/lib/atrium-hq/broker', runAsRoot: false });
    for (const line of ['listener 18830 127.0.0.1', 'allow_anonymous false', 'persistence true', 'max_queued_messages 100000', 'max_packet_size 9000000', 'set_tcp_nodelay true']) {
      expect(conf).toContain(line);
    }
    expect(conf).not.toContain('user root');
    expect(mosquittoConfig({ port: 1, dir: '/d', runAsRoot: true })).toContain('user root');
  });
});

describe('aedes fallback broker', () => {
  const connect = (url: string, o: mqtt.IClientOptions) =>
    new Promise<{ ok: true; client: mqtt.MqttClient } | { ok: false; error: string }>((resolve) => {
      const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 3000, ...o });
      client.once('connect', () => resolve({ ok: true, client }));
      client.once('error', (e) => {
        client.end(true);
        resolve({ ok: false, error: e.message });
      });
    });

  it('refuses MQTT 5 clients; takes 3.1.1 ones with a password, and enforces the fleet ACL', async () => {
    const broker = await startAedesBroker({ users: { hq: 'hq-pw', 'kiosk-1': 'k-pw' }, hqUsers: ['hq'], deviceMalls: { 'kiosk-1': 'demo-mall' } });
    try {
      const v5 = await connect(broker.url, { protocolVersion: 5, username: 'kiosk-1', password: 'k-pw' });
      expect(v5).toEqual({ ok: false, error: expect.stringMatching(/unacceptable protocol version/i) });
      const badPw = await connect(broker.url, { protocolVersion: 4, username: 'kiosk-1', password: 'nope' });
      expect(badPw.ok).toBe(false);
      const k = await connect(broker.url, { protocolVersion: 4, username: 'kiosk-1', password: 'k-pw' });
      if (!k.ok) throw new Error(k.error);
      expect((await k.client.subscribeAsync(topics.commands('demo-mall', 'kiosk-1'), { qos: 1 })).map((g) => g.qos)).toEqual([1]);
      await expect(k.client.subscribeAsync(topics.commands('demo-mall', 'kiosk-2'), { qos: 1 })).rejects.toThrow(/Subscribe error/);
      expect((await k.client.subscribeAsync(topics.claimResults('demo-mall', 'kiosk-1'), { qos: 1 })).map((g) => g.qos)).toEqual([1]);
      await expect(k.client.subscribeAsync(topics.claimResults('demo-mall', 'kiosk-2'), { qos: 1 })).rejects.toThrow(/Subscribe error/);
      await k.client.endAsync();
    } finally {
      await broker.stop();
    }
  });
});
