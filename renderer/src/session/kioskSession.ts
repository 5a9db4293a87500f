// The shopper's session as a pure reducer: attract loop <-> home screen <-> member home or map, the chosen language,
// the identified member, and the idle timeout that forgets everything. Effects (timers, event listeners, the
// agent's member.signOut) live in app/useKioskSession.ts and app/useMemberSignOut.ts.
import type { UiLanguage } from '../../../contracts/config.ts';
import type { MemberHome } from '../../../contracts/members.ts';
import type { LocalizedText } from '../../../contracts/catalog.ts';
import type { SurveyPlace } from '../../../contracts/survey.ts';

export type KioskScreen = 'attract' | 'home' | 'member' | 'map' | 'parking' | 'queue' | 'survey' | 'lottery' | 'feedback';

/** A short message on the guide home after a member left: signed out by the button, or the agent forgot them. */
export type SessionNotice = 'signed_out' | 'member_session_gone';

export type SessionState = {
  screen: KioskScreen;
  language: UiLanguage;
  /** Time (ms) of the last recorded input; the idle deadline counts from here. */
  lastInputAt: number;
  /** Bumped every time a session ends, so anything keyed on it starts fresh. */
  sessionId: number;
  defaultLanguage: UiLanguage;
  idleTimeoutMs: number;
  /** The identified member (while screen is 'member', 'parking' for their benefits, 'queue' taking a ticket, or 'feedback' as the contact); null everywhere else, so leaving wipes it. */
  member: MemberHome | null;
  notice: SessionNotice | null;
  /** Where the map screen routes to (a store id, an IMDF id or `nearest:<kind>`); null: the map with no route. */
  mapTarget: string | null;
  /** The restaurant the queue screen takes a ticket at (only while screen is 'queue'). */
  queueTarget: { storeId: string; name: LocalizedText } | null;
  /** The survey the survey screen shows, and where it was opened from (only while screen is 'survey'). */
  surveyTarget?: { surveyId: string; place: SurveyPlace } | null;
};

export type SessionAction =
  /** A deliberate input (pointer down, key, wheel): leaves the attract loop. */
  | { type: 'touch'; at: number }
  /** Background activity (pointer moving, typing through an on-screen keyboard, scrolling): keeps the session alive only. */
  | { type: 'activity'; at: number }
  /** Time passed: ends the session when the idle timeout has run out. */
  | { type: 'tick'; at: number }
  | { type: 'setLanguage'; language: UiLanguage; at: number }
  /** New display settings from the agent (language default, idle timeout). */
  | { type: 'configure'; defaultLanguage: UiLanguage; idleTimeoutSec: number }
  /** A scan identified a member: their home replaces whatever was on screen (another member included). */
  | { type: 'memberIdentified'; home: MemberHome; at: number }
  /** A fresher member home from the agent (after a claim, or polled); ignored unless it is the same member session. */
  | { type: 'memberHome'; home: MemberHome }
  /** The member leaves: the sign-out button, or the agent no longer knows the session. */
  | { type: 'memberLeft'; memberSession: string; reason: SessionNotice; at: number }
  | { type: 'dismissNotice' }
  /** "Take me there" or the map button: the map, with a route to `to` (null: just the map). */
  | { type: 'openMap'; to: string | null; at: number }
  /** Back from the map to the guide home. */
  | { type: 'closeMap'; at: number }
  /** Find my car: from the guide home, or a member's home (their benefits count). */
  | { type: 'openParking'; at: number }
  /** Back from find-my-car: to the member's home when signed in, else the guide home. */
  | { type: 'closeParking'; at: number }
  /** "Get a ticket" on a queuing restaurant's row: the queue ticket screen. */
  | { type: 'openQueue'; storeId: string; name: LocalizedText; at: number }
  /** Done or back on the queue screen: the member's home when one signed in there, else the guide home. */
  | { type: 'closeQueue'; at: number }
  /** A survey entry (guide home or member home): the survey screen; the member, if any, answers as themselves. */
  | { type: 'openSurvey'; surveyId: string; place: SurveyPlace; at: number }
  /** Done or back on the survey screen: the member's home when signed in, else the guide home. */
  | { type: 'closeSurvey'; at: number }
  /** The member-day lottery: from the guide home or a member's home. */
  | { type: 'openLottery'; at: number }
  /** Back from the lottery: the member's home when signed in, else the guide home. */
  | { type: 'closeLottery'; at: number }
  /** Feedback (意见反馈): from the guide home, or a member's home (their ticket shows there later). */
  | { type: 'openFeedback'; at: number }
  /** Done or back on the feedback screen: the member's home when signed in, else the guide home. */
  | { type: 'closeFeedback'; at: number };

/** Activity inside this window after the last recorded input is not recorded again, so a moving pointer does not re-render the page. */
export const ACTIVITY_RESOLUTION_MS = 1000;

export function initialSession(defaultLanguage: UiLanguage, idleTimeoutSec: number, now: number): SessionState {
  return { screen: 'attract', language: defaultLanguage, lastInputAt: now, sessionId: 0, defaultLanguage, idleTimeoutMs: idleTimeoutSec * 1000, member: null, notice: null, mapTarget: null, queueTarget: null };
}

export function msUntilIdle(state: SessionState, now: number): number {
  return Math.max(0, state.lastInputAt + state.idleTimeoutMs - now);
}

export function kioskSessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'touch':
      if (state.screen === 'attract') return { ...state, screen: 'home', lastInputAt: action.at };
      return recordInput(state, action.at);
    case 'activity':
      return state.screen === 'attract' ? state : recordInput(state, action.at);
    case 'tick':
      if (state.screen !== 'attract' && msUntilIdle(state, action.at) === 0) return endSession(state, action.at);
      return state;
    case 'setLanguage':
      if (state.language === action.language) return recordInput(state, action.at);
      return { ...state, language: action.language, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'configure': {
      const idleTimeoutMs = action.idleTimeoutSec * 1000;
      if (state.defaultLanguage === action.defaultLanguage && state.idleTimeoutMs === idleTimeoutMs) return state;
      // On the attract loop nobody is using the screen, so the new default language applies at once.
      const language = state.screen === 'attract' ? action.defaultLanguage : state.language;
      return { ...state, defaultLanguage: action.defaultLanguage, idleTimeoutMs, language };
    }
    case 'memberIdentified':
      // A member who scans on the find-my-car screen stays there: the next search counts their benefits.
      if (state.screen === 'parking') return { ...state, member: action.home, notice: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
      // Signing in while taking a queue ticket keeps the ticket screen: the ticket is taken as that member.
      if (state.screen === 'queue') return { ...state, member: action.home, notice: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
      // Signing in on the lottery screen keeps it: the shopper plays as that member.
      if (state.screen === 'lottery') return { ...state, member: action.home, notice: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
      // Signing in while giving feedback keeps the draft: the member becomes the contact.
      if (state.screen === 'feedback') return { ...state, member: action.home, notice: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
      return { ...state, screen: 'member', member: action.home, notice: null, mapTarget: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'memberHome':
      if (state.member === null || state.member.memberSession !== action.home.memberSession) return state;
      return { ...state, member: action.home };
    case 'memberLeft':
      if (state.member === null || state.member.memberSession !== action.memberSession) return state;
      return { ...state, screen: 'home', member: null, queueTarget: null, surveyTarget: null, notice: action.reason, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'dismissNotice':
      return state.notice === null ? state : { ...state, notice: null };
    case 'openMap':
      // Only from the guide home (or the map itself): a member's screen is left by signing out, not by a stray tap.
      // From find-my-car ("Take me to my car") too: the member (if any) is left behind, as on any way to the map.
      if (state.screen !== 'home' && state.screen !== 'map' && state.screen !== 'parking') return state;
      return { ...state, screen: 'map', mapTarget: action.to, member: null, notice: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'closeMap':
      if (state.screen !== 'map') return state;
      return { ...state, screen: 'home', mapTarget: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'openParking':
      if (state.screen !== 'home' && state.screen !== 'member') return state;
      return { ...state, screen: 'parking', notice: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'closeParking':
      if (state.screen !== 'parking') return state;
      return { ...state, screen: state.member ? 'member' : 'home', lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'openQueue':
      if (state.screen !== 'home') return state;
      return { ...state, screen: 'queue', queueTarget: { storeId: action.storeId, name: action.name }, notice: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'closeQueue':
      if (state.screen !== 'queue') return state;
      return { ...state, screen: state.member ? 'member' : 'home', queueTarget: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'openSurvey':
      if (state.screen !== 'home' && state.screen !== 'member') return state;
      return { ...state, screen: 'survey', surveyTarget: { surveyId: action.surveyId, place: action.place }, notice: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'closeSurvey':
      if (state.screen !== 'survey') return state;
      return { ...state, screen: state.member ? 'member' : 'home', surveyTarget: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'openLottery':
      if (state.screen !== 'home' && state.screen !== 'member') return state;
      return { ...state, screen: 'lottery', notice: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'closeLottery':
      if (state.screen !== 'lottery') return state;
      return { ...state, screen: state.member ? 'member' : 'home', lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'openFeedback':
      if (state.screen !== 'home' && state.screen !== 'member') return state;
      return { ...state, screen: 'feedback', notice: null, lastInputAt: Math.max(state.lastInputAt, action.at) };
    case 'closeFeedback':
      if (state.screen !== 'feedback') return state;
      return { ...state, screen: state.member ? 'member' : 'home', lastInputAt: Math.max(state.lastInputAt, action.at) };
  }
}

/** Same state object when the input falls inside the recording resolution, so React skips the render. */
function recordInput(state: SessionState, at: number): SessionState {
  if (at - state.lastInputAt < ACTIVITY_RESOLUTION_MS) return state;
  return { ...state, lastInputAt: at };
}

function endSession(state: SessionState, at: number): SessionState {
  return { ...state, screen: 'attract', language: state.defaultLanguage, lastInputAt: at, sessionId: state.sessionId + 1, member: null, notice: null, mapTarget: null, queueTarget: null, surveyTarget: null };
}
