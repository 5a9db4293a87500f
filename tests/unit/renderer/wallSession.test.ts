// The wall's session model: when a session starts (tap or a face held), what an observation changes, when the
// camera runs, and when the session ends.
import { describe, expect, it } from 'vitest';
import { Expression } from '../../../contracts/members.ts';
import type { WallOffer, WallState } from '../../../contracts/wall.ts';
import { expressionLooks } from '../../../renderer/src/wall/expressionLook.ts';
import { noticeText } from '../../../renderer/src/wall/PrivacyNotice.tsx';
import {
  ABSENT_END_MS, CAMERA_START_LIMIT_MS, FACE_FRAMES_TO_START, NO_SHOW_END_MS, OBSERVE_INTERVAL_MS,
  cameraWanted, endReason, initialWall, observeDue, wallReducer, type WallEvent, type WallModel,
} from '../../../renderer/src/wall/wallSession.ts';
import { wallStrings } from '../../../renderer/src/wall/wallStrings.ts';

const SESSION = 'wallsession-0123456789';
const offer: WallOffer = {
  couponId: 'c-dessert-happy', ruleId: 'w-happy', title: { zh: '甜品' }, valueFen: 1800, minSpendFen: 0, store: null,
  reason: { zh: '开心就来点甜的' }, claimUrl: 'https://mall.example/claim?c=x',
};
const state = (over: Partial<WallState> = {}): WallState => ({
  wallSession: SESSION, expression: 'none', confidence: 0, offer: null, experiment: { id: 'x', arm: 'offers', holdout: false }, member: null, ...over,
});

function run(events: WallEvent[], from: WallModel = initialWall): WallModel {
  return events.reduce(wallReducer, from);
}

function playing(at = 1000): WallModel {
  return run([{ type: 'tap', at }, { type: 'started', state: state(), at: at + 50 }]);
}

describe('starting a session', () => {
  it('opt-in: a tap starts, faces on attract do not', () => {
    const faces = Array.from({ length: 10 }, (_, i): WallEvent => ({ type: 'face', present: true, at: i * 33, mode: 'opt-in' }));
    expect(run(faces).phase).toBe('attract');
    const tapped = run([{ type: 'tap', at: 500 }]);
    expect(tapped).toMatchObject({ phase: 'starting', startedAt: 500, startSeq: 1, lastFaceAt: null });
    expect(wallReducer(tapped, { type: 'tap', at: 600 })).toBe(tapped); // a second tap changes nothing
  });

  it(`always-on: a face in ${FACE_FRAMES_TO_START} frames in a row starts, a face that flashes by does not`, () => {
    const f = (present: boolean, at: number): WallEvent => ({ type: 'face', present, at, mode: 'always-on' });
    const flash = run([f(true, 0), f(true, 33), f(false, 66), f(true, 99), f(true, 132)]);
    expect(flash).toMatchObject({ phase: 'attract', facesInARow: 2 });
    const held = run([f(true, 0), f(true, 33), f(true, 66)]);
    expect(held).toMatchObject({ phase: 'starting', lastFaceAt: 66, startSeq: 1 });
  });

  it('wall.start\'s answer makes it a session; an answer after the session ended is ignored', () => {
    const m = playing();
    expect(m).toMatchObject({ phase: 'playing', wallSession: SESSION, expression: 'none', offer: null });
    expect(wallReducer(initialWall, { type: 'started', state: state(), at: 0 })).toBe(initialWall);
  });
});

describe('observations', () => {
  it('take the agent\'s expression and confidence, and keep the offer once there is one', () => {
    let m = playing();
    m = wallReducer(m, { type: 'observed', state: state({ expression: 'happy', confidence: 0.9 }) });
    expect(m).toMatchObject({ expression: 'happy', confidence: 0.9, offer: null });
    m = wallReducer(m, { type: 'observed', state: state({ expression: 'happy', confidence: 0.95, offer }) });
    expect(m.offer).toEqual(offer);
    m = wallReducer(m, { type: 'observed', state: state({ expression: 'none', confidence: 0.4, offer: null }) });
    expect(m).toMatchObject({ expression: 'none', confidence: 0, offer });
  });

  it('of another session change nothing', () => {
    const m = playing();
    expect(wallReducer(m, { type: 'observed', state: state({ wallSession: 'another-session-000000', expression: 'angry' }) })).toBe(m);
  });

  it('record the hold-out arm the agent reports', () => {
    const m = wallReducer(playing(), { type: 'observed', state: state({ expression: 'sad', experiment: { id: 'x', arm: 'holdout', holdout: true } }) });
    expect(m.experiment).toEqual({ id: 'x', arm: 'holdout', holdout: true });
  });

  it(`are due at most every ${OBSERVE_INTERVAL_MS} ms, one at a time, and only while playing`, () => {
    const m = playing();
    expect(observeDue(m, false, -Infinity, 0)).toBe(true);
    expect(observeDue(m, true, -Infinity, 0)).toBe(false);
    expect(observeDue(m, false, 1000, 1000 + OBSERVE_INTERVAL_MS - 1)).toBe(false);
    expect(observeDue(m, false, 1000, 1000 + OBSERVE_INTERVAL_MS)).toBe(true);
    expect(observeDue(initialWall, false, -Infinity, 0)).toBe(false);
    expect(observeDue(run([{ type: 'tap', at: 0 }]), false, -Infinity, 0)).toBe(false);
  });
});

describe('ending', () => {
  it(`ends as "left" ${ABSENT_END_MS} ms after the last face`, () => {
    const m = run([{ type: 'face', present: true, at: 2000, mode: 'opt-in' }, { type: 'face', present: false, at: 2100, mode: 'opt-in' }], playing());
    expect(m.lastFaceAt).toBe(2000);
    expect(endReason(m, 2000 + ABSENT_END_MS - 1, 1500)).toBeNull();
    expect(endReason(m, 2000 + ABSENT_END_MS, 1500)).toBe('left');
  });

  it(`ends as "timeout" when nobody showed up ${NO_SHOW_END_MS} ms after the camera started`, () => {
    const m = playing(1000);
    expect(endReason(m, 1000 + NO_SHOW_END_MS, 5000)).toBeNull(); // the camera took 4 s to start
    expect(endReason(m, 5000 + NO_SHOW_END_MS, 5000)).toBe('timeout');
    expect(endReason(m, 1000 + CAMERA_START_LIMIT_MS - 1, null)).toBeNull();
    expect(endReason(m, 1000 + CAMERA_START_LIMIT_MS, null)).toBe('timeout');
  });

  it('never ends a wall that is not playing, and an end goes back to attract', () => {
    expect(endReason(initialWall, 1e9, 0)).toBeNull();
    const ended = wallReducer(playing(), { type: 'ended' });
    expect(ended).toEqual({ ...initialWall, startSeq: 1 });
  });

  it('the camera runs always in always-on mode, from tap to end in opt-in mode', () => {
    expect(cameraWanted(initialWall, 'always-on')).toBe(true);
    expect(cameraWanted(initialWall, 'opt-in')).toBe(false);
    expect(cameraWanted(run([{ type: 'tap', at: 0 }]), 'opt-in')).toBe(true);
    expect(cameraWanted(playing(), 'opt-in')).toBe(true);
  });
});

describe('words and looks', () => {
  it('every bucket has a name, a line and colours in both languages', () => {
    for (const bucket of [...Expression.options, 'none' as const]) {
      const look = expressionLooks[bucket];
      for (const text of [look.name, look.line]) {
        expect(text['zh-CN'].length).toBeGreaterThan(0);
        expect(text.en.length).toBeGreaterThan(0);
      }
      for (const colour of [look.from, look.to, look.face]) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('no wall text speaks of age, gender or who someone is, other than to say it is not inferred', () => {
    const all = [...Object.values(wallStrings), ...Object.values(expressionLooks).flatMap((l) => [l.name, l.line])];
    for (const text of all) expect(`${text['zh-CN']} ${text.en}`).not.toMatch(/年龄|性别|\bage\b|gender|男|女|\bman\b|\bwoman\b/i);
  });

  it('the privacy notice is the configured text per language, or the built-in one', () => {
    expect(noticeText({ zh: '本机处理', en: 'On this screen' }, 'zh-CN')).toBe('本机处理');
    expect(noticeText({ zh: '本机处理', en: 'On this screen' }, 'en')).toBe('On this screen');
    expect(noticeText({ zh: '本机处理' }, 'en')).toBe(wallStrings.builtInNotice.en);
    expect(noticeText({ zh: '  ' }, 'zh-CN')).toBe(wallStrings.builtInNotice['zh-CN']);
    expect(noticeText(null, 'zh-CN')).toBe(wallStrings.builtInNotice['zh-CN']);
  });
});
