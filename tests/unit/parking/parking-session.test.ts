// Find my car in the kiosk session (renderer/src/session/kioskSession.ts): in from the guide home or a member's home,
// a member who scans there stays there, "Take me to my car" goes to the map (leaving the member behind), back goes to
// where the shopper came from, and the idle timeout ends it all (the screen, and with it the typed plate, unmounts).
import { describe, expect, it } from 'vitest';
import type { MemberHome } from '../../../contracts/members.ts';
import { initialSession, kioskSessionReducer, type SessionAction, type SessionState } from '../../../renderer/src/session/kioskSession.ts';
import { emptyPlate, plateCheck, plateReducer } from '../../../renderer/src/parking/plateEntry.ts';

const home = (session: string): MemberHome => ({
  memberSession: session,
  member: { maskedName: '张*', tier: 'gold', points: 5200, pendingPoints: 0, expiring: null, birthdayThisMonth: false },
  wallet: [], offers: [], experiment: null, freshness: 'hq',
});
const A = 'sessionAAAAAAAAAAAAAAAA';
const run = (state: SessionState, ...actions: SessionAction[]) => actions.reduce(kioskSessionReducer, state);
const start = initialSession('zh-CN', 60, 0);
const onHome = run(start, { type: 'touch', at: 100 });

describe('find my car in the session', () => {
  it('opens from the guide home and goes back there; not from the attract loop', () => {
    const p = run(onHome, { type: 'openParking', at: 1000 });
    expect(p.screen).toBe('parking');
    expect(run(p, { type: 'closeParking', at: 2000 }).screen).toBe('home');
    expect(run(start, { type: 'openParking', at: 1000 })).toBe(start);
  });

  it('a member who scans on it stays on it; back goes to their home', () => {
    const p = run(onHome, { type: 'openParking', at: 1000 }, { type: 'memberIdentified', home: home(A), at: 2000 });
    expect(p).toMatchObject({ screen: 'parking', member: { memberSession: A } });
    expect(run(p, { type: 'closeParking', at: 3000 })).toMatchObject({ screen: 'member', member: { memberSession: A } });
    const fromMember = run(start, { type: 'memberIdentified', home: home(A), at: 1000 }, { type: 'openParking', at: 2000 });
    expect(fromMember).toMatchObject({ screen: 'parking', member: { memberSession: A } });
  });

  it('"Take me to my car" opens the map on the space and leaves the member behind', () => {
    const p = run(onHome, { type: 'memberIdentified', home: home(A), at: 500 }, { type: 'openParking', at: 1000 });
    expect(run(p, { type: 'openMap', to: 'space-feature', at: 2000 })).toMatchObject({ screen: 'map', mapTarget: 'space-feature', member: null });
  });

  it('the idle timeout ends it: attract loop, new session id, no member', () => {
    const p = run(onHome, { type: 'openParking', at: 1000 }, { type: 'memberIdentified', home: home(A), at: 2000 });
    const idle = run(p, { type: 'tick', at: 2000 + 60_000 });
    expect(idle).toMatchObject({ screen: 'attract', member: null, sessionId: p.sessionId + 1 });
  });
});

describe('the plate on the keys', () => {
  it('types, deletes and clears, and stops at 8 characters', () => {
    let s = emptyPlate;
    for (const c of ['沪', 'A', 'D', '1', '2', '3', '4', '8', '9']) s = plateReducer(s, { type: 'key', char: c });
    expect(s.chars.join('')).toBe('沪AD12348');
    expect(plateCheck(s)).toMatchObject({ status: 'complete', kind: 'new-energy' });
    s = plateReducer(s, { type: 'delete' });
    expect(plateCheck(s)).toMatchObject({ status: 'complete', kind: 'ordinary' });
    expect(plateReducer(s, { type: 'clear' })).toEqual(emptyPlate);
    expect(plateReducer(emptyPlate, { type: 'delete' })).toBe(emptyPlate);
  });
});
