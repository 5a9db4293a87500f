// A member at the wall: while someone is playing, a member code shown to the wall's camera or a scan on its
// hardware scanner (member QR or card) is checked by the agent (member.identify) and tied to the wall session (wall.member), so the coupon follows their
// tier; "claim to my wallet" then puts the coupon on the wall into their wallet (wall.claim). Everything here is
// forgotten when the wall session ends: the agent signs the member out with it.
import { useCallback, useRef, useState } from 'react';
import type { IdentifySource } from '../../../contracts/members.ts';
import type { WallState } from '../../../contracts/wall.ts';
import { ApiCallError, call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';
import type { Bilingual } from '../i18n/strings.ts';
import { claimRefusalText, identifyRefusalText } from '../i18n/strings.ts';
import { newClaimId } from '../member/home/claimFlow.ts';
import { classifyWedgeCode } from '../member/scan/classifyCode.ts';
import { noRecentCodes, rememberSent, sentRecently, type RecentCodes } from '../member/scan/recentCodes.ts';
import { useWedgeScanner } from '../member/scan/useWedgeScanner.ts';
import { useStaffActive } from '../session/staffContext.ts';
import { wallStrings } from './wallStrings.ts';
import { useLatest } from '../ui/useLatest.ts';

export type WallMemberState = {
  busy: 'checking' | 'claiming' | null;
  /** The last refusal or problem, in both languages (null: nothing to say). */
  message: Bilingual | null;
  /** The coupon claimed into the wallet this session, with the code the cashier scans. */
  claimed: { couponId: string; redemptionCode: string | null } | null;
  /** The member session of whoever scanned at this wall session (for the lucky draw, lottery/WallLottery.tsx). */
  memberSession?: string | null;
};

const idle: WallMemberState = { busy: null, message: null, claimed: null };

export type WallMember = { state: WallMemberState; claim: () => void; onCameraCode: (text: string, seenAt: number) => void };

export function useWallMember(wallSession: string | null, playing: boolean, onState: (state: WallState) => void): WallMember {
  const reportFailure = useReportFailure();
  const [state, setState] = useState<WallMemberState>(idle);
  const sessionRef = useLatest(wallSession);
  const busy = useRef(false);

  // A new wall session starts from nothing (React's "adjust state when a prop changes": during render, not in an effect).
  const [stateFor, setStateFor] = useState(wallSession);
  if (stateFor !== wallSession) {
    setStateFor(wallSession);
    setState(idle);
  }

  const fail = useCallback((startedIn: string, err: unknown, fallback: Bilingual) => {
    busy.current = false;
    if (sessionRef.current !== startedIn || reportFailure(err)) return;
    console.warn('atrium: member at the wall', err);
    const gone = err instanceof ApiCallError && err.code === 'member_session_gone';
    setState((s) => ({ ...s, busy: null, message: gone ? wallStrings.memberGone : fallback }));
  }, [reportFailure, sessionRef]);

  const identify = useCallback((source: IdentifySource, code: string) => {
    const startedIn = sessionRef.current;
    if (!playing || startedIn === null || busy.current) return;
    busy.current = true;
    setState((s) => ({ ...s, busy: 'checking', message: null }));
    call('member.identify', { source, code }).then(async (r) => {
      if (sessionRef.current !== startedIn) return;
      if (r.status === 'refused') {
        busy.current = false;
        setState((s) => ({ ...s, busy: null, message: identifyRefusalText[r.reason] }));
        return;
      }
      const wall = await call('wall.member', { wallSession: startedIn, memberSession: r.home.memberSession });
      busy.current = false;
      if (sessionRef.current !== startedIn) return;
      onState(wall);
      setState({ busy: null, message: null, claimed: null, memberSession: r.home.memberSession });
    }).catch((err: unknown) => fail(startedIn, err, identifyRefusalText.malformed));
  }, [playing, onState, fail, sessionRef]);

  // While the staff sign-in or console is open, scans belong to it (a staff card, the scanner test).
  const staffActive = useStaffActive();
  useWedgeScanner((burst) => {
    if (staffActive) return;
    const { source, code } = classifyWedgeCode(burst.code);
    identify(source, code);
  });

  // The camera sees a code in frame after frame: each one is sent once, then not again for a few seconds (a refused
  // code would otherwise be re-sent and its message repeated).
  const recent = useRef<RecentCodes>(noRecentCodes);
  const onCameraCode = useCallback((text: string, seenAt: number) => {
    const code = text.trim();
    if (busy.current || sentRecently(recent.current, code, seenAt)) return;
    recent.current = rememberSent(recent.current, code, seenAt);
    identify('camera', code);
  }, [identify]);

  const claim = useCallback(() => {
    const startedIn = sessionRef.current;
    if (startedIn === null || busy.current) return;
    busy.current = true;
    setState((s) => ({ ...s, busy: 'claiming', message: null }));
    const claimId = newClaimId();
    call('wall.claim', { wallSession: startedIn, claimId }).then((r) => {
      busy.current = false;
      if (sessionRef.current !== startedIn) return;
      if (r.status === 'refused') {
        setState((s) => ({ ...s, busy: null, message: claimRefusalText[r.reason] }));
        return;
      }
      const coupon = r.home.wallet.find((c) => c.claimId === claimId);
      setState((s) => ({ busy: null, message: null, claimed: { couponId: coupon?.couponId ?? '', redemptionCode: coupon?.redemptionCode ?? null }, memberSession: s.memberSession ?? null }));
    }).catch((err: unknown) => fail(startedIn, err, wallStrings.claimFailed));
  }, [fail, sessionRef]);

  return { state, claim, onCameraCode };
}
