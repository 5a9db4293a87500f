// The one session store behind member, staff and wall sessions (edge-agent/src/sessions/store.ts), on an injected
// clock: the idle rule at its boundary, touch and peek, least-recently-used eviction, why each session ended,
// and the sweep timer's life (fake timers: no timer left after stop).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionStore, sessionHandle, SWEEP_EVERY_MS, type EndReason } from '../../../edge-agent/src/sessions/store.ts';

type S = { id: string; name: string };

function store(opts: { idleMs?: number | (() => number); max?: number } = {}) {
  const clock = { t: 1_000 };
  const ended: [string, EndReason][] = [];
  const s = new SessionStore<S>({
    idleMs: opts.idleMs ?? 1000,
    max: opts.max ?? 4,
    nowMs: () => clock.t,
    onEnd: (session, reason) => ended.push([session.id, reason]),
  });
  const add = (id: string) => s.add({ id, name: `n-${id}` });
  return { s, clock, ended, add };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the idle rule: a session ends once now - lastUsed >= the idle time', () => {
  it('is live 1 ms before the timeout and gone at it exactly', () => {
    const { s, clock, ended, add } = store();
    add('a');
    clock.t += 999;
    expect(s.peek('a')?.name).toBe('n-a');
    clock.t += 1;
    expect(s.peek('a')).toBeNull();
    expect(ended).toEqual([['a', 'expired']]);
    expect(s.size).toBe(0);
  });

  it('counts from the last use, not from creation; peek does not count as use', () => {
    const { s, clock, add } = store();
    add('a');
    add('b');
    clock.t += 900;
    expect(s.use('a')).not.toBeNull();
    expect(s.peek('b')).not.toBeNull();
    clock.t += 100; // a used 100 ms ago, b 1000 ms ago
    expect(s.peek('b')).toBeNull();
    clock.t += 899;
    expect(s.use('a')?.name).toBe('n-a');
    clock.t += 1000;
    expect(s.use('a')).toBeNull();
  });

  it('touch keeps a session alive and says whether it was live', () => {
    const { s, clock, ended, add } = store();
    add('a');
    for (let i = 0; i < 5; i++) {
      clock.t += 999;
      expect(s.touch('a')).toBe(true);
    }
    expect(s.expiresAtMs('a')).toBe(clock.t + 1000);
    clock.t += 1000;
    expect(s.expiresAtMs('a')).toBeNull();
    expect(s.touch('a')).toBe(false);
    expect(s.touch('never-made')).toBe(false);
    expect(ended).toEqual([['a', 'expired']]);
  });

  it('reads an idle timeout given as a function at every check (a setting that changes while sessions live)', () => {
    let idle = 60_000;
    const { s, clock, add } = store({ idleMs: () => idle });
    add('a');
    clock.t += 30_000;
    expect(s.peek('a')).not.toBeNull();
    idle = 30_000;
    expect(s.peek('a')).toBeNull();
  });

  it('sweep ends every idle session and only those, and says how many', () => {
    const { s, clock, ended, add } = store();
    add('a');
    add('b');
    add('c');
    clock.t += 500;
    s.use('b');
    clock.t += 500;
    expect(s.sweep()).toBe(2);
    expect(ended).toEqual([['a', 'expired'], ['c', 'expired']]);
    expect(s.peek('b')).not.toBeNull();
    expect(s.sweep()).toBe(0);
  });
});

describe('the cap', () => {
  it('ends the least recently used when a session is added at the cap', () => {
    const { s, clock, ended, add } = store({ idleMs: 60_000, max: 3 });
    add('a');
    clock.t += 1;
    add('b');
    clock.t += 1;
    add('c');
    clock.t += 1;
    s.use('a'); // now b is the least recently used
    s.peek('b'); // a read without use does not save it
    add('d');
    expect(ended).toEqual([['b', 'evicted']]);
    expect(s.size).toBe(3);
    add('e');
    expect(ended).toEqual([['b', 'evicted'], ['c', 'evicted']]);
    expect(['a', 'd', 'e'].map((id) => s.peek(id)?.id)).toEqual(['a', 'd', 'e']);
  });

  it('ends idle sessions as expired before evicting a live one', () => {
    const { s, clock, ended, add } = store({ max: 2 });
    add('a');
    clock.t += 600;
    add('b');
    clock.t += 400; // a idle 1000 ms: expired, not evicted; b stays
    add('c');
    expect(ended).toEqual([['a', 'expired']]);
    expect(s.size).toBe(2);
  });

  it('refuses a handle already in use', () => {
    const { add } = store();
    add('a');
    expect(() => add('a')).toThrow(/already in use/);
  });
});

describe('ending', () => {
  it('end returns the session once and tells onEnd the reason (signed-out by default)', () => {
    const { s, ended, add } = store();
    add('a');
    add('b');
    expect(s.end('a')?.name).toBe('n-a');
    expect(s.end('a')).toBeNull();
    expect(s.end('b', 'evicted')?.id).toBe('b');
    expect(ended).toEqual([['a', 'signed-out'], ['b', 'evicted']]);
  });

  it('endWhere ends every match', () => {
    const { s, ended } = store();
    s.add({ id: 'a', name: 'x' });
    s.add({ id: 'b', name: 'y' });
    s.add({ id: 'c', name: 'x' });
    expect(s.endWhere((x) => x.name === 'x')).toBe(2);
    expect(ended).toEqual([['a', 'signed-out'], ['c', 'signed-out']]);
    expect(s.size).toBe(1);
  });

  it('onEnd sees the store without the session (it may end others from the hook)', () => {
    const seen: number[] = [];
    const s: SessionStore<S> = new SessionStore<S>({
      idleMs: 1000, max: 4, nowMs: () => 0,
      onEnd: (session) => {
        seen.push(s.size);
        if (session.id === 'a') s.end('b');
      },
    });
    s.add({ id: 'a', name: '' });
    s.add({ id: 'b', name: '' });
    s.end('a');
    expect(seen).toEqual([1, 0]);
  });
});

describe('the sweep timer', () => {
  it('sweeps every 5 s once started, one timer however often started, unref\'d, and none left after stop', () => {
    vi.useFakeTimers();
    const { s, clock, ended, add } = store({ idleMs: 3000 });
    add('a');
    s.start();
    s.start();
    expect(vi.getTimerCount()).toBe(1);
    clock.t += 3000;
    expect(ended).toEqual([]); // nobody asked yet
    vi.advanceTimersByTime(SWEEP_EVERY_MS);
    expect(ended).toEqual([['a', 'expired']]);
    add('b');
    add('c');
    s.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(ended).toEqual([['a', 'expired'], ['b', 'stopped'], ['c', 'stopped']]);
    expect(s.size).toBe(0);
    s.stop(); // twice is fine
    s.start(1000); // and it can start again
    expect(vi.getTimerCount()).toBe(1);
    s.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not keep the process alive', () => {
    const spy = vi.spyOn(globalThis, 'setInterval');
    const { s } = store();
    s.start();
    const timer = spy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    s.stop();
    spy.mockRestore();
  });
});

describe('handles', () => {
  it('are base64url of the given number of random bytes', () => {
    expect(sessionHandle()).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(sessionHandle(24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(sessionHandle()).not.toBe(sessionHandle());
  });
});
