import { describe, expect, it } from 'vitest';
import { ACTIVITY_RESOLUTION_MS, initialSession, kioskSessionReducer, msUntilIdle, type SessionAction, type SessionState } from '../../../renderer/src/session/kioskSession.ts';

const start = initialSession('zh-CN', 60, 1_000);
const run = (state: SessionState, ...actions: SessionAction[]) => actions.reduce(kioskSessionReducer, state);

describe('kiosk session', () => {
  it('starts on the attract loop in the configured language', () => {
    expect(start).toMatchObject({ screen: 'attract', language: 'zh-CN', sessionId: 0, idleTimeoutMs: 60_000 });
  });

  it('any touch on the attract loop opens the home screen and starts the idle clock there', () => {
    const s = run(start, { type: 'touch', at: 5_000 });
    expect(s.screen).toBe('home');
    expect(s.lastInputAt).toBe(5_000);
  });

  it('background activity (pointer moving, scrolling) does not leave the attract loop', () => {
    expect(run(start, { type: 'activity', at: 5_000 })).toBe(start);
  });

  it('returns to the attract loop exactly at the idle timeout, resetting language and bumping the session id', () => {
    const home = run(start, { type: 'touch', at: 5_000 }, { type: 'setLanguage', language: 'en', at: 6_000 });
    expect(home.language).toBe('en');
    expect(run(home, { type: 'tick', at: 65_999 }).screen).toBe('home');
    const idle = run(home, { type: 'tick', at: 66_000 });
    expect(idle).toMatchObject({ screen: 'attract', language: 'zh-CN', sessionId: 1 });
  });

  it('input moves the deadline; activity inside the recording resolution returns the same state object', () => {
    const home = run(start, { type: 'touch', at: 5_000 });
    expect(run(home, { type: 'activity', at: 5_000 + ACTIVITY_RESOLUTION_MS - 1 })).toBe(home);
    const later = run(home, { type: 'activity', at: 30_000 });
    expect(later.lastInputAt).toBe(30_000);
    expect(msUntilIdle(later, 40_000)).toBe(50_000);
    expect(run(later, { type: 'tick', at: 66_000 }).screen).toBe('home');
    expect(run(later, { type: 'tick', at: 90_000 }).screen).toBe('attract');
  });

  it('a tick on the attract loop changes nothing', () => {
    expect(run(start, { type: 'tick', at: 10_000_000 })).toBe(start);
  });

  it('msUntilIdle never goes below zero', () => {
    expect(msUntilIdle(run(start, { type: 'touch', at: 0 }), 1_000_000)).toBe(0);
  });

  it('new configuration applies the default language at once on the attract loop, at the next session on the home screen', () => {
    const onAttract = run(start, { type: 'configure', defaultLanguage: 'en', idleTimeoutSec: 30 });
    expect(onAttract).toMatchObject({ language: 'en', defaultLanguage: 'en', idleTimeoutMs: 30_000 });
    const home = run(start, { type: 'touch', at: 5_000 }, { type: 'configure', defaultLanguage: 'en', idleTimeoutSec: 30 });
    expect(home.language).toBe('zh-CN');
    expect(run(home, { type: 'tick', at: 35_000 })).toMatchObject({ screen: 'attract', language: 'en' });
  });

  it('unchanged configuration keeps the same state object', () => {
    expect(run(start, { type: 'configure', defaultLanguage: 'zh-CN', idleTimeoutSec: 60 })).toBe(start);
  });

  it('the map opens from home with a target, closes back home, and the idle timeout forgets it', () => {
    const home = run(start, { type: 'touch', at: 5_000 });
    const map = run(home, { type: 'openMap', to: 's-hotpot', at: 6_000 });
    expect(map).toMatchObject({ screen: 'map', mapTarget: 's-hotpot' });
    expect(run(map, { type: 'openMap', to: 'nearest:restroom', at: 7_000 }).mapTarget).toBe('nearest:restroom');
    expect(run(map, { type: 'closeMap', at: 7_000 })).toMatchObject({ screen: 'home', mapTarget: null });
    expect(run(map, { type: 'tick', at: 66_000 })).toMatchObject({ screen: 'attract', mapTarget: null, sessionId: 1 });
    // Not from the attract loop: a stray action there changes nothing.
    expect(run(start, { type: 'openMap', to: null, at: 5_000 })).toBe(start);
  });
});
