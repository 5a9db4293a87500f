// The staff API on the real agent process: refusals that change nothing, the restart action (the process exits,
// the audit entry survives), and a diagnostics export without member data after members used the kiosk.
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STAFF_MAX_FAILURES } from '../../contracts/staff.ts';
import { DEMO_STAFF } from '../../edge-agent/src/staff/demo-staff.ts';
import { startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { dbDigest } from '../support/db-digest.ts';

const li = DEMO_STAFF[0]!;
let agent: AgentProcess | null = null;
afterEach(async () => { await agent?.stop(); agent = null; });

async function signIn(a: AgentProcess): Promise<string> {
  const r = await a.call('staff.signIn', { method: 'pin', staffId: li.staffId, pin: li.pin });
  expect(r.body.data.status).toBe('signed-in');
  return r.body.data.staffSession as string;
}

function auditRows(dataDir: string): { action: string; details: string }[] {
  const db = new Database(path.join(dataDir, 'atrium.db'), { readonly: true });
  try {
    return db.prepare('SELECT action, details FROM staff_audit ORDER BY seq').all() as { action: string; details: string }[];
  } finally {
    db.close();
  }
}

describe('refusals', () => {
  it('bad values, bad PINs and gone sessions are refused with a reason and change nothing', async () => {
    agent = await startAgentProcess();
    const session = await signIn(agent);
    const before = dbDigest(agent.dataDir);
    const bad = await agent.call('staff.setSetting', { staffSession: session, field: 'idleTimeoutSec', value: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_params' });
    expect(bad.body.error.issues).toEqual([{ path: 'value', message: 'Too small: expected number to be >=10; idleTimeoutSec allows a whole number from 10 to 600' }]);
    const unknown = await agent.call('staff.setSetting', { staffSession: session, field: 'brightness', value: 3 });
    expect(unknown.body.error.issues[0].path).toBe('field');
    // A malformed PIN is not a sign-in attempt: refused before it can count towards the lock-out.
    const malformed = await agent.call('staff.signIn', { method: 'pin', staffId: li.staffId, pin: '12' });
    expect(malformed.body.error).toMatchObject({ code: 'invalid_params', message: expect.stringContaining('a PIN is 4-12 digits') });
    const gone = await agent.call('staff.settings', { staffSession: 'x'.repeat(40) });
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('staff_session_gone');
    expect(dbDigest(agent.dataDir)).toBe(before);
    expect((await agent.call('staff.roster', {})).body.data.failuresLeft).toBe(STAFF_MAX_FAILURES);
  });
});

describe('actions', () => {
  it('restart-agent runs HQ\'s restart path: the agent exits cleanly and the audit entry is kept for HQ', async () => {
    agent = await startAgentProcess();
    const session = await signIn(agent);
    const r = await agent.call('staff.action', { staffSession: session, action: 'restart-agent' });
    expect(r.body.data).toEqual({ status: 'done', detail: 'restarting now' });
    const code = await new Promise<number | null>((resolve) => agent!.child.once('exit', resolve));
    expect(code).toBe(0);
    const dataDir = agent.dataDir;
    agent = null;
    const actions = auditRows(dataDir).filter((a) => a.action === 'action').map((a) => JSON.parse(a.details));
    expect(actions).toEqual([{ action: 'restart-agent', status: 'done', detail: 'restarting now' }]);
    const db = new Database(path.join(dataDir, 'atrium.db'), { readonly: true });
    const queued = db.prepare("SELECT payload FROM outbox WHERE type = 'staff.audit'").all() as { payload: string }[];
    db.close();
    expect(queued.map((q) => JSON.parse(q.payload).action)).toEqual(['sign-in', 'action']);
  });

  it('reload-ui raises the pages\' reload signal, as HQ\'s command does', async () => {
    agent = await startAgentProcess();
    const session = await signIn(agent);
    const before = (await agent.call('kiosk.signals', {})).body.data.reloadSeq as number;
    const r = await agent.call('staff.action', { staffSession: session, action: 'reload-ui' });
    expect(r.body.data.status).toBe('done');
    expect((await agent.call('kiosk.signals', {})).body.data.reloadSeq).toBe(before + 1);
  });
});

describe('diagnostics', () => {
  it('carries status, settings, logs and the audit, but no member data, and keeps a copy on the kiosk', async () => {
    agent = await startAgentProcess();
    // A member uses the kiosk first (demo card of 张伟, M1003), so the logs and outbox have had member activity.
    const member = await agent.call('member.identify', { source: 'card', code: '6200000000001003' });
    expect(member.body.data.status).toBe('identified');
    await agent.call('member.signOut', { memberSession: member.body.data.home.memberSession });
    const session = await signIn(agent);
    await agent.call('staff.setSetting', { staffSession: session, field: 'attractIntervalSec', value: 12 });
    const r = await agent.call('staff.diagnostics', { staffSession: session });
    const { fileName, savedTo, diagnostics } = r.body.data;
    expect(savedTo).toBe(path.join(path.resolve(agent.dataDir), 'diagnostics', fileName));
    expect(existsSync(savedTo)).toBe(true);
    expect(JSON.parse(readFileSync(savedTo, 'utf8'))).toEqual(diagnostics);
    expect(diagnostics).toMatchObject({
      kind: 'atrium-diagnostics',
      exportedBy: li.staffId,
      status: { deviceId: 'demo-kiosk-1', catalog: { version: 1 }, config: { overrides: ['attractIntervalSec'] } },
      settings: { effective: { attractIntervalSec: 12 } },
    });
    expect((diagnostics.logs as { msg: string }[]).map((l) => l.msg)).toEqual(expect.arrayContaining(['member identified', 'staff signed in', 'setting changed by staff']));
    const text = JSON.stringify(diagnostics);
    for (const secret of ['M1003', '张伟', '6200000000001003', member.body.data.home.memberSession, li.pin]) expect(text).not.toContain(secret);
  });
});
