import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings } from '../../../edge-agent/src/config.ts';
import { freshDataDir } from '../../support/agent-process.ts';

describe('loadSettings', () => {
  it('gives the demo defaults with no file and no environment', () => {
    const s = loadSettings({ env: {} });
    expect(s).toMatchObject({ mallId: 'demo-mall', deviceId: 'demo-kiosk-1', hqUrl: '', dataDir: './data', apiPort: 47810, demo: true });
    expect(s.display).toEqual({
      role: 'guide', orientation: 'auto', language: 'zh-CN', idleTimeoutSec: 60, attractIntervalSec: 7, camera: true, expressionMode: 'opt-in',
      mapBearingDeg: 0, routeShareUrl: 'https://mp.atrium.example/route?mall={mall}&from={from}&to={to}&stepFree={stepFree}', proofOfPlay: 'each',
    });
  });

  it('layers defaults < file < environment', () => {
    const file = path.join(freshDataDir(), 'atrium.json');
    writeFileSync(file, JSON.stringify({ mallId: 'file-mall', deviceId: 'file-kiosk', display: { role: 'wall', idleTimeoutSec: 90 } }));
    const s = loadSettings({ file, env: { ATRIUM_DEVICE_ID: 'env-kiosk', ATRIUM_IDLE_TIMEOUT_SEC: '120', ATRIUM_HQ_URL: 'mqtts://hq.example.com:8883', ATRIUM_DEMO: 'false' } });
    expect(s.mallId).toBe('file-mall');
    expect(s.deviceId).toBe('env-kiosk');
    expect(s.display.role).toBe('wall');
    expect(s.display.idleTimeoutSec).toBe(120);
    expect(s.hqUrl).toBe('mqtts://hq.example.com:8883');
    expect(s.demo).toBe(false);
  });

  it.each([
    [{ ATRIUM_API_PORT: '-1' }, /apiPort .*>= 0/],
    [{ ATRIUM_DEMO: 'yes' }, /demo .*true or false \(got "yes"\)/],
    [{ ATRIUM_LANGUAGE: 'fr' }, /display\.language .*"zh-CN", "en"/],
    [{ ATRIUM_DEVICE_ID: '' }, /deviceId/],
  ])('refuses %o', (env, message) => {
    expect(() => loadSettings({ env })).toThrow(ConfigError);
    expect(() => loadSettings({ env })).toThrow(message);
  });

  it('keeps string settings as strings even when they look like numbers', () => {
    const s = loadSettings({ env: { ATRIUM_DEVICE_ID: '1001', ATRIUM_MQTT_PASSWORD: '123456', ATRIUM_HEARTBEAT_SEC: '5' } });
    expect(s.deviceId).toBe('1001');
    expect(s.mqtt.password).toBe('123456');
    expect(s.mqtt.heartbeatSec).toBe(5);
  });

  it('reports every bad field at once', () => {
    try {
      loadSettings({ env: { ATRIUM_API_PORT: 'x', ATRIUM_ROLE: 'tv' } });
      expect.fail('should have thrown');
    } catch (err) {
      expect((err as Error).message.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(2);
    }
  });

  it('reads zone tags comma-separated from ATRIUM_ZONES, validated, none by default', () => {
    expect(loadSettings({ env: {} }).zones).toEqual([]);
    expect(loadSettings({ env: { ATRIUM_ZONES: '1F, north-atrium,' } }).zones).toEqual(['1F', 'north-atrium']);
    expect(loadSettings({ env: { ATRIUM_ZONES: '' } }).zones).toEqual([]);
    expect(() => loadSettings({ env: { ATRIUM_ZONES: '1F,north atrium' } })).toThrow(/zones\.1 \[from ATRIUM_ZONES\]: zone tags are .*\(got "north atrium"\)/);
  });

  it('refuses a config file holding an array', () => {
    const file = path.join(freshDataDir(), 'atrium.json');
    writeFileSync(file, '[1,2]');
    expect(() => loadSettings({ file, env: {} })).toThrow(/must hold a JSON object/);
  });
});
