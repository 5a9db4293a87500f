// AgentSupervisor for real: each test runs fixtures/fake-agent.mjs as a real child process (Node), so spawning,
// line parsing, exit codes, backoff timers and signals are the operating system's, not mocks.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentSupervisor, readyPort, type SupervisorEvents } from '../../../shell/core/supervisor.ts';

const fakeAgent = fileURLToPath(new URL('./fixtures/fake-agent.mjs', import.meta.url));
const running: AgentSupervisor[] = [];

function supervise(plan: string, extra: Partial<ConstructorParameters<typeof AgentSupervisor>[0]> = {}, extraEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-supervisor-'));
  const counter = path.join(dir, 'starts');
  const events: Array<{ type: keyof SupervisorEvents; data: unknown; at: number }> = [];
  const s = new AgentSupervisor({
    command: process.execPath,
    args: [fakeAgent],
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', FAKE_AGENT_PLAN: plan, FAKE_AGENT_COUNTER: counter, ATRIUM_API_SECRET: 'x', ...extraEnv },
    backoff: { initialMs: 150, maxMs: 1000, factor: 2, jitter: 0 },
    ...extra,
  });
  for (const type of ['ready', 'exit', 'restart', 'line', 'gave-up'] as const) {
    s.on(type, (data: unknown) => events.push({ type, data, at: Date.now() }));
  }
  running.push(s);
  return { s, events, starts: () => Number(readFileSync(counter, 'utf8')) };
}

function nextEvent<K extends keyof SupervisorEvents>(s: AgentSupervisor, type: K, timeoutMs = 10_000): Promise<SupervisorEvents[K][0]> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
    s.once(type, ((data: SupervisorEvents[K][0]) => {
      clearTimeout(t);
      resolve(data);
    }) as never);
  });
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

describe('AgentSupervisor with a real child process', () => {
  it('restarts a crashed agent after the backoff delay and sees it ready again', async () => {
    const { s, events, starts } = supervise('crash,serve');
    s.start();
    const first = await s.waitReady();
    expect(first).toBe(40000);
    const restart = await nextEvent(s, 'restart');
    expect(restart).toEqual({ attempt: 1, delayMs: 150 });
    const second = await nextEvent(s, 'ready');
    expect(second.port).toBe(40001);
    expect(s.port).toBe(40001);
    expect(starts()).toBe(2);

    const types = events.map((e) => e.type).filter((t) => t !== 'line');
    expect(types).toEqual(['ready', 'exit', 'restart', 'ready']);
    const exit = events.find((e) => e.type === 'exit')!;
    expect(exit.data).toMatchObject({ code: 1, signal: null });
    // The relaunch waited (at least) the backoff delay after the exit.
    const readyAgain = events.filter((e) => e.type === 'ready')[1]!;
    expect(readyAgain.at - exit.at).toBeGreaterThanOrEqual(140);
    // Different processes, and non-JSON output is passed on as lines.
    const pids = events.filter((e) => e.type === 'ready').map((e) => (e.data as { pid: number }).pid);
    expect(new Set(pids).size).toBe(2);
    expect(events.some((e) => e.type === 'line' && e.data === 'not json: starting')).toBe(true);
  });

  it('backs off exponentially over repeated crashes and gives up after maxRestarts', async () => {
    const { s, events } = supervise('crash', { maxRestarts: 2 });
    s.start();
    const gaveUp = await nextEvent(s, 'gave-up');
    expect(gaveUp).toEqual({ attempts: 2 });
    const restarts = events.filter((e) => e.type === 'restart').map((e) => e.data);
    expect(restarts).toEqual([{ attempt: 1, delayMs: 150 }, { attempt: 2, delayMs: 300 }]);
  });

  it('stop() sends SIGTERM, the agent exits cleanly, and it is not restarted', async () => {
    const { s, events } = supervise('serve');
    s.start();
    await s.waitReady();
    await s.stop();
    expect(events.find((e) => e.type === 'exit')?.data).toMatchObject({ code: 0, signal: null });
    // (stdout may drain just after the exit event)
    await vi.waitFor(() => expect(events.some((e) => e.type === 'line' && e.data === 'got SIGTERM')).toBe(true));
    expect(events.filter((e) => e.type === 'restart')).toHaveLength(0);
    expect(events.filter((e) => e.type === 'ready')).toHaveLength(1);
  });

  it('stop() escalates to SIGKILL when the agent ignores SIGTERM', async () => {
    const { s, events } = supervise('stubborn', { stopTimeoutMs: 300 });
    s.start();
    await s.waitReady();
    await s.stop();
    expect(events.some((e) => e.type === 'line' && e.data === 'ignoring SIGTERM')).toBe(true);
    expect(events.find((e) => e.type === 'exit')?.data).toMatchObject({ code: null, signal: 'SIGKILL' });
  });

  it('stop() during the backoff wait cancels the pending restart', async () => {
    // Fake timers hold the backoff's restart timer, so the test sees it cancelled instead of sleeping past it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { s, events } = supervise('crash', { backoff: { initialMs: 500, maxMs: 1000, factor: 2, jitter: 0 } });
      s.start();
      await nextEvent(s, 'restart');
      expect(vi.getTimerCount()).toBe(1); // the restart, 500 ms away
      await s.stop();
      expect(vi.getTimerCount()).toBe(0);
      vi.runAllTimers();
      expect(events.filter((e) => e.type === 'ready')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'restart')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('notify() delivers each recovery to a ready agent, re-sending any the agent did not acknowledge before it died', async () => {
    const messages = path.join(mkdtempSync(path.join(tmpdir(), 'atrium-supervisor-')), 'messages');
    const { s } = supervise('crash,serve', {}, { FAKE_AGENT_MESSAGES: messages });
    const rec = (id: string) => ({ type: 'shell-recovery' as const, id, at: new Date().toISOString(), shell: 'electron' as const, action: 'page-reload' as const, cause: 'renderer-crashed' as const, role: null, attempt: 1, budgetExhausted: false, detail: id });
    s.notify(rec('before-start'));
    expect([s.isReady(), s.pendingNotices()]).toEqual([false, 1]);
    s.start();
    await nextEvent(s, 'exit'); // the first start crashes 50 ms after its ready line
    expect(s.isReady()).toBe(false);
    s.notify(rec('while-down1'));
    await nextEvent(s, 'ready');
    expect(s.isReady()).toBe(true);
    s.notify(rec('while-up01'));
    await vi.waitFor(() => expect(s.pendingNotices()).toBe(0), { timeout: 5000 });
    const got = readFileSync(messages, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { start: number; msg: { id: string } });
    const ids = new Set(got.map((g) => g.msg.id));
    expect([...ids].sort()).toEqual(['before-start', 'while-down1', 'while-up01']);
    // Only the crashed first process may have seen one twice (received, then died before acknowledging).
    expect(got.filter((g) => g.start === 2).map((g) => g.msg.id).filter((id) => id !== 'before-start')).toEqual(['while-down1', 'while-up01']);
    expect(got.find((g) => g.msg.id === 'while-down1')!.start).toBe(2);
  });

  it('the ready line is recognised only in its exact JSON form', () => {
    expect(readyPort('{"msg":"agent ready","port":123}')).toBe(123);
    expect(readyPort('agent ready on 123')).toBeNull();
    expect(readyPort('{"msg":"agent ready","port":"123"}')).toBeNull();
    expect(readyPort('{"msg":"not agent ready","port":123}')).toBeNull();
  });
});
