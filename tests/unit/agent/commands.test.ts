// Every command the kiosk runs (edge-agent/src/commands/handlers.ts), HQ's command protocol around them (ids run
// once, expiry, accepted then the outcome: sync/commands.ts), and the outbox's rows that cannot be sent.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandName, type Command, type CommandResult } from '../../../contracts/mqtt.ts';
import { commandHandlers, localCommand, type CommandDeps } from '../../../edge-agent/src/commands/handlers.ts';
import { saveScreenshot } from '../../../edge-agent/src/commands/screenshots.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { createLogger } from '../../../common/node/log.ts';
import { enqueueEvent, outboxBatch, outboxDepth, outboxRecheckUnsendable } from '../../../edge-agent/src/outbox.ts';
import { runCommand } from '../../../edge-agent/src/sync/commands.ts';
import type { SyncContext } from '../../../edge-agent/src/sync/context.ts';
import { eventOfRow, OutboxDrain } from '../../../edge-agent/src/sync/drain.ts';
import { freshDataDir } from '../../support/agent-process.ts';

const log = createLogger('error', 'test', () => {});
const now = new Date('2026-11-23T12:00:00Z');
const cmd = (name: Command['name'], args: Record<string, unknown> = {}, expiresInMs = 60_000, id = `cmd-${name}-0001`): Command =>
  ({ id, name, args, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + expiresInMs).toISOString() });
const png = Buffer.from('89504e470d0a1a0a', 'hex');

function deps(o: Partial<CommandDeps> = {}): CommandDeps {
  return {
    log,
    syncNow: async () => ({ status: 'done', detail: null, data: { outboxDepth: 0 } }),
    applyDesired: (d) => ({ outcome: d.version > 3 ? 'applied' : 'stale', reported: Promise.resolve() }),
    ...o,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('commandHandlers', () => {
  it('has a handler for every command name', () => {
    expect(Object.keys(commandHandlers(deps())).sort()).toEqual([...CommandName.options].sort());
  });

  it('sync-now runs the sync engine`s syncNow', async () => {
    const syncNow = vi.fn(async () => ({ status: 'done' as const, detail: null, data: { outboxDepth: 3 } }));
    expect(await commandHandlers(deps({ syncNow }))['sync-now'](cmd('sync-now'))).toEqual({ status: 'done', detail: null, data: { outboxDepth: 3 } });
    expect(syncNow).toHaveBeenCalledOnce();
  });

  it('set-config applies a newer desired config, rejects a stale one and arguments that are no desired config', async () => {
    const h = commandHandlers(deps());
    expect(await h['set-config'](cmd('set-config', { version: 4, issuedAt: now.toISOString(), config: { idleTimeoutSec: 45 } }))).toMatchObject({ status: 'done' });
    expect(await h['set-config'](cmd('set-config', { version: 2, issuedAt: now.toISOString(), config: {} }))).toMatchObject({ status: 'rejected', detail: 'version 2 is stale' });
    expect(await h['set-config'](cmd('set-config', { version: 'x' }))).toMatchObject({ status: 'rejected', detail: expect.stringMatching(/^args must be a desired config: version: /) });
  });

  it('reload-ui bumps the pages` reload signal', async () => {
    let seq = 0;
    const h = commandHandlers(deps({ reloadUi: () => (seq += 1) }));
    expect(await h['reload-ui'](cmd('reload-ui'))).toMatchObject({ status: 'done', data: { reloadSeq: 1 } });
    expect(await h['reload-ui'](cmd('reload-ui'))).toMatchObject({ status: 'done', data: { reloadSeq: 2 } });
  });

  it('restart-agent asks the supervisor after the answer, or says there is none', async () => {
    vi.useFakeTimers();
    const restart = vi.fn();
    expect(await commandHandlers(deps({ restart }))['restart-agent'](cmd('restart-agent'))).toMatchObject({ status: 'done' });
    expect(restart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(restart).toHaveBeenCalledOnce();
    expect(await commandHandlers(deps())['restart-agent'](cmd('restart-agent'))).toMatchObject({ status: 'rejected', detail: /no supervisor/ });
  });

  it('capture-screenshot captures through the shell and keeps the last 5 on the kiosk', async () => {
    const dataDir = freshDataDir();
    const shots = { available: () => true, capture: async () => ({ png, width: 2, height: 1, sha256: 'ab' }), save: (id: string, p: Buffer) => saveScreenshot(dataDir, id, p) };
    const h = commandHandlers(deps({ screenshots: shots }));
    const r = await h['capture-screenshot'](cmd('capture-screenshot'));
    expect(r).toMatchObject({ status: 'done', data: { png: png.toString('base64'), bytes: png.length, width: 2, height: 1 } });
    expect(existsSync(path.join(dataDir, 'screenshots', String(r.data!['file'])))).toBe(true);
    for (let i = 0; i < 7; i++) saveScreenshot(dataDir, `cmd-${i}`, png, new Date(now.getTime() + i * 1000));
    expect(readdirSync(path.join(dataDir, 'screenshots'))).toHaveLength(5);
    expect(await commandHandlers(deps({ screenshots: { ...shots, available: () => false } }))['capture-screenshot'](cmd('capture-screenshot'))).toMatchObject({ status: 'rejected', detail: /no kiosk shell/ });
  });

  it('rejects what this agent cannot do (no UI, no shell)', async () => {
    const h = commandHandlers(deps());
    expect(await h['reload-ui'](cmd('reload-ui'))).toMatchObject({ status: 'rejected', detail: 'reload-ui is not supported by this agent' });
    expect(await h['capture-screenshot'](cmd('capture-screenshot'))).toMatchObject({ status: 'rejected' });
  });

  it('makes local commands (the staff console`s) with an id and a minute to run', () => {
    const c = localCommand('reload-ui', now);
    expect(c).toMatchObject({ name: 'reload-ui', args: {}, issuedAt: now.toISOString(), expiresAt: '2026-11-23T12:01:00.000Z' });
    expect(c.id).toMatch(/^staff-/);
  });
});

function context(db: Db, at: Date = now): SyncContext {
  return { settings: { mqtt: { drainBatch: 10 } } as SyncContext['settings'], db, log, mall: 'demo-mall', device: 'kiosk-1', now: () => at, health: { lastError: null, refused: 0 } };
}

describe('runCommand (HQ`s command protocol)', () => {
  const setup = (handler = vi.fn(async () => ({ status: 'done' as const, detail: null, data: null }))) => {
    const db = openDatabase(freshDataDir());
    const sent: CommandResult[] = [];
    const handlers = { ...commandHandlers(deps()), 'reload-ui': handler };
    const runner = { ctx: context(db), handlers, sendResult: async (r: CommandResult) => void sent.push(r) };
    return { runner, sent, handler };
  };

  it('answers accepted, then the handler`s outcome', async () => {
    const { runner, sent, handler } = setup();
    await runCommand(runner, cmd('reload-ui'));
    expect(sent.map((r) => [r.id, r.status])).toEqual([['cmd-reload-ui-0001', 'accepted'], ['cmd-reload-ui-0001', 'done']]);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('answers an expired command expired and does not run it', async () => {
    const { runner, sent, handler } = setup();
    await runCommand(runner, cmd('reload-ui', {}, -1000));
    expect(sent.map((r) => r.status)).toEqual(['expired']);
    expect(sent[0]!.detail).toMatch(/^expired at /);
    expect(handler).not.toHaveBeenCalled();
  });

  it('runs an id once: a repeat is ignored, without an answer', async () => {
    const { runner, sent, handler } = setup();
    await runCommand(runner, cmd('reload-ui'));
    await runCommand(runner, cmd('reload-ui'));
    expect(sent.map((r) => r.status)).toEqual(['accepted', 'done']);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('answers failed when the handler throws', async () => {
    const { runner, sent } = setup(vi.fn(async () => {
      throw new Error('shell went away');
    }));
    await runCommand(runner, cmd('reload-ui'));
    expect(sent.map((r) => [r.status, r.detail])).toEqual([['accepted', null], ['failed', 'shell went away']]);
  });
});

describe('outbox rows that cannot be sent', () => {
  it('are kept, marked with the reason and skipped; the rows behind them go on; a restart parses them again', async () => {
    const db = openDatabase(freshDataDir());
    // An older agent's rows: an event type this contract does not know, and a payload that is not JSON.
    const insert = db.prepare('INSERT INTO outbox (event_id, type, payload, created_at) VALUES (?, ?, ?, ?)');
    insert.run('old-00000001', 'test.preloaded', '{"n":1}', now.toISOString());
    insert.run('old-00000002', 'device.started', '{oops', now.toISOString());
    const good = enqueueEvent(db, { type: 'device.started', payload: { deviceId: 'kiosk-1', agentVersion: '0.1.0' } }, now);
    const rows = outboxBatch(db, 10, new Set());
    expect(rows.map((r) => eventOfRow(r, 'demo-mall', 'kiosk-1').ok)).toEqual([false, false, true]);
    expect(eventOfRow(rows[0]!, 'demo-mall', 'kiosk-1')).toEqual({ ok: false, reason: 'wrong schema: type: unknown event type test.preloaded' });
    expect(eventOfRow(rows[1]!, 'demo-mall', 'kiosk-1')).toEqual({ ok: false, reason: 'payload is not JSON' });

    // The drain with a connection that acknowledges everything: the good row goes, the two stay, marked.
    const sent: unknown[] = [];
    let online = true;
    const conn = { online: () => online, send: async (_route: string, e: unknown) => void sent.push(e), later: () => {} };
    const ctx = context(db);
    const drain = new OutboxDrain(ctx, conn as never);
    await drain.drain();
    online = false;
    expect(sent).toMatchObject([{ eventId: good, type: 'device.started', deviceId: 'kiosk-1', mallId: 'demo-mall' }]);
    expect(outboxDepth(db)).toBe(2);
    expect(drain.unsendable).toBe(2);
    expect(ctx.health.lastError).toMatch(/^2 outbox event\(s\) cannot be sent/);
    const marked = db.prepare('SELECT event_id AS id, attempts, last_error AS err FROM outbox ORDER BY seq').all();
    expect(marked).toEqual([
      { id: 'old-00000001', attempts: 1, err: 'unsendable: wrong schema: type: unknown event type test.preloaded' },
      { id: 'old-00000002', attempts: 1, err: 'unsendable: payload is not JSON' },
    ]);
    expect(outboxBatch(db, 10, new Set())).toEqual([]);
    expect(outboxRecheckUnsendable(db)).toBe(2);
    expect(outboxBatch(db, 10, new Set())).toHaveLength(2);
  });

  it('a writer cannot put a payload that does not fit its type into the outbox', () => {
    const db = openDatabase(freshDataDir());
    // (TypeScript refuses this call; at run time the payload is parsed too)
    expect(() => enqueueEvent(db, { type: 'feedback.given', payload: { score: 'great' } } as never)).toThrow();
    expect(outboxDepth(db)).toBe(0);
  });
});
