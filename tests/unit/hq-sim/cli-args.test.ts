// `npm run hq -- ...` options: flags over environment over defaults; clear usage errors.
import { describe, expect, it } from 'vitest';
import { parseCli, parseCommandArgs, UsageError } from '../../../hq-sim/src/cli-args.ts';
import { COMMAND_NAMES } from '../../../hq-sim/src/commands.ts';

describe('parseCli', () => {
  it('defaults to run against a local broker for demo-mall with npm start`s demo HQ folder', () => {
    expect(parseCli([], {})).toMatchObject({ subcommand: 'run', url: 'mqtt://127.0.0.1:1883', mall: 'demo-mall', data: './data/demo-hq', username: '', devices: ['demo-kiosk-1'], ttlSec: 60 });
    // the folder npm start was told to use (ATRIUM_DEMO_HQ_DIR) when HQ's own variable is not set
    expect(parseCli([], { ATRIUM_DEMO_HQ_DIR: '/demo/hq' }).data).toBe('/demo/hq');
    expect(parseCli([], { ATRIUM_DEMO_HQ_DIR: '/demo/hq', ATRIUM_HQ_DATA_DIR: '/env/hq' }).data).toBe('/env/hq');
  });

  it('reads issue-qr and claims options: --ttl, --iat, the --expired switch, --png, --member', () => {
    expect(parseCli(['issue-qr', 'M1002', '--expired', '--ttl', '30', '--png', 'q.png'], {})).toMatchObject({
      subcommand: 'issue-qr', positional: ['M1002'], expired: true, ttlSec: 30, png: 'q.png', iat: null,
    });
    expect(parseCli(['issue-qr', '--iat=1767225600', 'M1002'], {})).toMatchObject({ positional: ['M1002'], iat: 1767225600, expired: false });
    expect(parseCli(['claims', '--member', 'M1003', '--device', 'kiosk-a'], {})).toMatchObject({ subcommand: 'claims', member: 'M1003', device: 'kiosk-a' });
  });

  it('takes flags (--x v and --x=v) over the environment', () => {
    const env = { ATRIUM_HQ_URL: 'mqtt://env:1883', ATRIUM_HQ_USERNAME: 'hq-env', ATRIUM_MALL_ID: 'env-mall', ATRIUM_HQ_DATA_DIR: '/env/hq' };
    expect(parseCli(['events'], env)).toMatchObject({ url: 'mqtt://env:1883', username: 'hq-env', mall: 'env-mall', data: '/env/hq' });
    expect(parseCli(['events', '--url', 'mqtt://flag:1', '--mall=flag-mall', '--limit', '5', '--device', 'k-2'], env))
      .toMatchObject({ subcommand: 'events', url: 'mqtt://flag:1', mall: 'flag-mall', limit: 5, device: 'k-2', data: '/env/hq' });
  });

  it('keeps positional arguments of command, with a negative --ttl allowed (an already-expired command)', () => {
    const o = parseCli(['command', 'kiosk-1', 'set-config', '{"version":2,"issuedAt":"2026-01-01T00:00:00Z","config":{}}', '--ttl', '-5'], {});
    expect(o.positional).toEqual(['kiosk-1', 'set-config', '{"version":2,"issuedAt":"2026-01-01T00:00:00Z","config":{}}']);
    expect(o.ttlSec).toBe(-5);
  });

  it.each([
    [['frobnicate'], /unknown subcommand/],
    [['run', '--colour', 'red'], /unknown option --colour/],
    [['run', '--url'], /needs a value/],
    [['events', '--limit', '0'], /positive integer/],
    [['run', '--mall', 'a/b'], /--mall must be/],
    [['issue-qr', 'M1', '--iat', '-5'], /--iat expects a positive integer/],
    [['issue-qr', 'M1', '--expired=yes'], /unknown option --expired/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCli(argv, {})).toThrow(UsageError);
    expect(() => parseCli(argv, {})).toThrow(message);
  });

  it('turns --help into the help subcommand', () => {
    expect(parseCli(['command', '--help'], {}).subcommand).toBe('help');
  });
});

describe('parseCommandArgs', () => {
  it('reads device, name and optional JSON args', () => {
    expect(parseCommandArgs(['kiosk-1', 'reload-ui'], COMMAND_NAMES)).toEqual({ deviceId: 'kiosk-1', name: 'reload-ui', args: {} });
    expect(parseCommandArgs(['kiosk-1', 'capture-screenshot', '{"display":0}'], COMMAND_NAMES).args).toEqual({ display: 0 });
  });
  it.each([
    [['kiosk-1'], /needs <device> <name>/],
    [['kiosk-1', 'self-destruct'], /unknown command "self-destruct"/],
    [['kiosk/1', 'reload-ui'], /device ids/],
    [['kiosk-1', 'reload-ui', '[1,2]'], /JSON object/],
    [['kiosk-1', 'reload-ui', '{oops'], /JSON object/],
  ])('refuses %j', (positional, message) => {
    expect(() => parseCommandArgs(positional, COMMAND_NAMES)).toThrow(message);
  });
});

describe('content options', () => {
  it('content add: campaign, orientation, playback, duration, content URL; tools follow the demo unless a broker is named', () => {
    const o = parseCli(['content', 'add', 'a.jpg', '--campaign', 'cp-x', '--orientation', 'portrait', '--playback', 'loop', '--duration', '12', '--content-url', 'http://h:1/content/'], {});
    expect(o).toMatchObject({ subcommand: 'content', positional: ['add', 'a.jpg'], campaign: 'cp-x', orientation: 'portrait', playback: 'loop', durationSec: 12, contentUrl: 'http://h:1/content/', urlGiven: false });
    expect(parseCli(['campaigns'], { ATRIUM_HQ_URL: 'mqtt://x:1' }).urlGiven).toBe(true);
    expect(parseCli(['campaigns', '--url', 'mqtt://x:1'], {}).urlGiven).toBe(true);
    expect(parseCli(['campaigns'], { ATRIUM_HQ_CONTENT_URL: 'https://cdn.example/content/' }).contentUrl).toBe('https://cdn.example/content/');
  });

  it.each([
    [['--orientation', 'sideways'], /--orientation is portrait or landscape/],
    [['--playback', 'twice'], /--playback is loop or once/],
    [['--duration', '2'], /--duration is 3-120 seconds/],
    [['--duration', 'x'], /--duration expects a positive integer/],
    [['--content-url', 'ftp://h/content/'], /--content-url is an http\(s\) URL ending in \//],
  ])('%j is a usage error', (flags, message) => {
    expect(() => parseCli(['content', 'add', 'a.jpg', ...flags], {})).toThrow(message);
  });
});
