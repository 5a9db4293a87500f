// Bad configuration and bad data folders stop the agent at start with a message a person can act on.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../edge-agent/src/db/migrations.ts';
import { agentEntry, freshDataDir, repoRoot } from '../support/agent-process.ts';

const NOBODY = 65534;

function runAgent(env: Record<string, string>, args: string[] = [], uid?: number) {
  const r = spawnSync(process.execPath, [agentEntry, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ATRIUM_API_PORT: '0', ATRIUM_DATA_DIR: freshDataDir(), ...env },
    encoding: 'utf8',
    timeout: 15_000,
    ...(uid !== undefined ? { uid, gid: uid } : {}),
  });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

function expectPlainMessage(stderr: string) {
  // A clear message, never a stack trace alone.
  expect(stderr).toMatch(/^atrium-agent: /);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('invalid configuration stops the agent with the field and the expected form', () => {
  const cases: { name: string; env: Record<string, string>; field: RegExp }[] = [
    { name: 'a port that is not a number', env: { ATRIUM_API_PORT: 'eighty' }, field: /apiPort \[from ATRIUM_API_PORT\]: expected a number \(got "eighty"\)/ },
    { name: 'a port out of range', env: { ATRIUM_API_PORT: '70000' }, field: /apiPort \[from ATRIUM_API_PORT\]: expected a value <= 65535 \(got 70000\)/ },
    { name: 'an idle timeout too short', env: { ATRIUM_IDLE_TIMEOUT_SEC: '3' }, field: /display\.idleTimeoutSec \[from ATRIUM_IDLE_TIMEOUT_SEC\]: expected a value >= 10 \(got 3\)/ },
    { name: 'an HQ URL that is not MQTT', env: { ATRIUM_HQ_URL: 'http://hq.example.com' }, field: /hqUrl \[from ATRIUM_HQ_URL\]: an mqtt:\/\/, mqtts:\/\//i },
    { name: 'a mall id with spaces', env: { ATRIUM_MALL_ID: 'my mall' }, field: /mallId \[from ATRIUM_MALL_ID\]: letters, digits/ },
    { name: 'an unknown role', env: { ATRIUM_ROLE: 'tv' }, field: /display\.role \[from ATRIUM_ROLE\]: expected one of "guide", "wall" \(got "tv"\)/ },
    { name: 'an unknown log level', env: { ATRIUM_LOG_LEVEL: 'loud' }, field: /logLevel .*expected one of "debug", "info", "warn", "error"/ },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}`, () => {
      const r = runAgent(c.env);
      expect(r.code).toBe(78);
      expect(r.stderr).toMatch(c.field);
      expectPlainMessage(r.stderr);
    });
  }

  it('reads a config file, lets the environment override it, and names file fields that are wrong', () => {
    const dir = freshDataDir();
    const file = path.join(dir, 'atrium.json');
    writeFileSync(file, JSON.stringify({ deviceId: 'kiosk-7', display: { idleTimeoutSec: 9000 }, colour: 'red' }));
    const r = runAgent({ ATRIUM_CONFIG: file });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`display.idleTimeoutSec [from ${file}: display]: expected a value <= 600 (got 9000)`);
    expect(r.stderr).toMatch(/unknown setting\(s\) colour/);
  });

  it('refuses a config file that is not JSON, naming the file', () => {
    const file = path.join(freshDataDir(), 'atrium.json');
    writeFileSync(file, '{ deviceId: kiosk }');
    const r = runAgent({}, ['--config', file]);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`config file ${file} is not valid JSON`);
    expectPlainMessage(r.stderr);
  });

  it('refuses a missing config file', () => {
    const r = runAgent({}, ['--config', '/nonexistent/atrium.json']);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('cannot read config file /nonexistent/atrium.json: ENOENT');
  });
});

describe('data folder problems', () => {
  it('explains a data folder that cannot be created', () => {
    const parentFile = path.join(freshDataDir(), 'not-a-folder');
    writeFileSync(parentFile, 'x');
    const r = runAgent({ ATRIUM_DATA_DIR: path.join(parentFile, 'data') });
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(/data folder .* does not exist and cannot be created: ENOTDIR/);
    expectPlainMessage(r.stderr);
  });

  it('explains a data folder this user cannot write', (ctx) => {
    const dir = path.join(freshDataDir(), 'readonly');
    mkdirSync(dir);
    chmodSync(path.dirname(dir), 0o755);
    chmodSync(dir, 0o555);
    const asRoot = process.getuid?.() === 0;
    // Root can write anywhere a mode allows nothing, so for root the folder is made immutable (chattr +i: no one,
    // root included, may write in it). The agent keeps running as this user from this checkout, wherever it lives.
    // Where chattr is not allowed (no CAP_LINUX_IMMUTABLE, a filesystem without the flag), the agent runs as
    // "nobody" instead, which needs a checkout "nobody" can reach.
    const immutable = asRoot && spawnSync('chattr', ['+i', dir]).status === 0;
    try {
      let uid: number | undefined;
      if (asRoot && !immutable) {
        const reach = spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(agentEntry)})`], { uid: NOBODY, gid: NOBODY });
        if (reach.status !== 0) {
          const reason = 'as root without chattr +i, and "nobody" cannot reach this checkout to run the agent';
          ctx.task.meta.skipReason = reason;
          ctx.skip(reason);
        }
        uid = NOBODY;
      }
      const r = runAgent({ ATRIUM_DATA_DIR: dir }, [], uid);
      expect(r.code).toBe(73);
      expect(r.stderr).toContain(`data folder ${dir} is not writable by this user`);
      expectPlainMessage(r.stderr);
    } finally {
      if (immutable) spawnSync('chattr', ['-i', dir]);
    }
  });

  it('refuses a database written by a newer schema version and leaves it untouched', () => {
    const dir = freshDataDir();
    const file = path.join(dir, 'atrium.db');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.exec('CREATE TABLE future_table (x INTEGER)');
    db.close();
    const r = runAgent({ ATRIUM_DATA_DIR: dir });
    expect(r.code).toBe(73);
    expect(r.stderr).toContain(`written by a newer Atrium (schema version 99; this build knows up to ${SCHEMA_VERSION})`);
    expectPlainMessage(r.stderr);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'stores'").get()).toBeUndefined();
    after.close();
  });

  it('refuses a file that is not a SQLite database', () => {
    const dir = freshDataDir();
    writeFileSync(path.join(dir, 'atrium.db'), 'this is not a database, just text that is long enough to have a header....');
    const r = runAgent({ ATRIUM_DATA_DIR: dir });
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(/cannot prepare database .*atrium\.db: file is not a database/);
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const r = runAgent({ ATRIUM_API_PORT: String(port) });
    blocker.close();
    expect(r.code).toBe(73);
    expect(r.stderr).toContain(`port ${port} is already in use`);
  });
});
