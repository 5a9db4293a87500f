// systemd notifications (shell/core/sd-notify.ts): the pure parts (watchdog interval, arguments), and the real
// thing: Debian's systemd-notify sending to a unix datagram socket, read by a small receiver (python3's socket
// module, since Node cannot bind a datagram unix socket) standing where systemd's NOTIFY_SOCKET would be.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { notifyArgs, sdNotifier, watchdogInterval } from '../../../shell/core/sd-notify.ts';
import { skipBecause } from '../../support/requirements.ts';

vi.mock('electron', () => ({}));

describe('watchdog interval and arguments', () => {
  it('pings at half of WatchdogSec, only when the watchdog is meant for this process', () => {
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000' }, 42)).toBe(15_000);
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '42' }, 42)).toBe(15_000);
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '43' }, 42)).toBeNull();
    expect(watchdogInterval({}, 42)).toBeNull();
    expect(watchdogInterval({ WATCHDOG_USEC: 'soon' }, 42)).toBeNull();
    expect(watchdogInterval({ WATCHDOG_USEC: '100' }, 42)).toBe(500);
  });

  it('builds systemd-notify arguments with our pid, and refuses anything that is not KEY=VALUE on one line', () => {
    expect(notifyArgs(42, ['READY=1', 'STATUS=kiosk page shown'])).toEqual(['--pid=42', 'READY=1', 'STATUS=kiosk page shown']);
    expect(() => notifyArgs(42, ['READY=1\nWATCHDOG=1'])).toThrow(/not a systemd notify assignment/);
    expect(() => notifyArgs(42, ['--booted'])).toThrow(/not a systemd notify assignment/);
  });

  it('does nothing outside systemd (no NOTIFY_SOCKET)', () => {
    const spawnFn = vi.fn();
    const sd = sdNotifier({ env: { WATCHDOG_USEC: '30000000' }, spawnFn: spawnFn as never });
    sd.ready();
    sd.watchdog();
    expect(sd.enabled).toBe(false);
    expect(sd.watchdogIntervalMs).toBeNull();
    expect(spawnFn).not.toHaveBeenCalled();
  });

  it('reports a missing systemd-notify once, without throwing', async () => {
    const errors: string[] = [];
    const sd = sdNotifier({ env: { NOTIFY_SOCKET: '/run/x', PATH: '/nonexistent' }, onError: (m) => errors.push(m) });
    sd.watchdog();
    sd.watchdog();
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatch(/systemd-notify WATCHDOG=1 failed/);
  });
});

const tools = existsSync('/usr/bin/systemd-notify') && existsSync('/usr/bin/python3');
describe('with Debian’s systemd-notify and a real notify socket', skipBecause(!tools && 'systemd-notify or python3 not installed'), () => {
  it('delivers READY (with status), WATCHDOG and STOPPING datagrams carrying our pid', async () => {
    const socket = path.join(mkdtempSync(path.join(tmpdir(), 'atrium-sd-')), 'notify.sock');
    const receiver = spawn('/usr/bin/python3', ['-c', [
      'import socket, sys',
      's = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)',
      `s.bind(${JSON.stringify(socket)})`,
      's.settimeout(10)',
      'print("listening", flush=True)',
      'stopping = False',
      'while True:',
      '    d = s.recv(4096).decode()',
      '    print(d.replace("\\n", "|"), flush=True)',
      '    if "STOPPING=1" in d: stopping = True',
      '    elif stopping and d == "BARRIER=1": break',
    ].join('\n')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    receiver.stdout.on('data', (c: Buffer) => lines.push(...c.toString().trim().split('\n')));
    await vi.waitFor(() => expect(lines).toContain('listening'), { timeout: 5000 });
    const errors: string[] = [];
    const sd = sdNotifier({ env: { NOTIFY_SOCKET: socket, PATH: process.env.PATH, WATCHDOG_USEC: '20000000' }, pid: 4242, onError: (m) => errors.push(m) });
    expect(sd.watchdogIntervalMs).toBe(10_000);
    sd.ready('kiosk page shown');
    await vi.waitFor(() => expect(lines.some((l) => l.includes('READY=1'))).toBe(true), { timeout: 5000 });
    sd.watchdog();
    await vi.waitFor(() => expect(lines.some((l) => l.includes('WATCHDOG=1'))).toBe(true), { timeout: 5000 });
    sd.stopping();
    await new Promise((r) => receiver.once('exit', r));
    const messages = lines.filter((l) => l.includes('MAINPID'));
    expect(messages).toEqual(['MAINPID=4242|READY=1|STATUS=kiosk page shown', 'MAINPID=4242|WATCHDOG=1', 'MAINPID=4242|STOPPING=1']);
    expect(errors).toEqual([]);
    expect(spawnSync('/usr/bin/systemd-notify', ['--version']).status).toBe(0);
  });
});
