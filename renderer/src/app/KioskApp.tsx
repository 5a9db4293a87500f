// The kiosk once connected: the attract loop, the guide home, the map and the member home, one shopper session at
// a time. The map is a separate chunk (React.lazy) so the home screen's bundle does not carry it; it is fetched and
// its data parsed while the home screen shows, so the first "Take me there" is quick. Member scans (camera in the scan panel, keyboard-wedge scanner and card reader anywhere) land here.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { UiLanguage } from '../../../contracts/config.ts';
import type { MemberHome } from '../../../contracts/members.ts';
import { AppRoot } from '../ui/AppRoot.tsx';
import { useReportFailure } from '../api/AgentFailureContext.ts';
import type { Bootstrap } from '../api/connectionState.ts';
import { SessionNoticeToast } from './SessionNoticeToast.tsx';
import { useKioskSession } from './useKioskSession.ts';
import { useLingeringAttract } from './useLingeringAttract.ts';
import { useMemberSignOut } from './useMemberSignOut.ts';
import { usePromotions } from '../feeds/usePromotions.ts';
import { useReloadSignals } from '../feeds/useReloadSignals.ts';
import { AttractScreen } from '../attract/AttractScreen.tsx';
import { HomeScreen } from '../home/HomeScreen.tsx';
import { LanguageContext } from '../i18n/LanguageContext.tsx';
import { MemberHomeScreen } from '../member/home/MemberHomeScreen.tsx';
import { MemberScanPanel, ScanCheckingToast } from '../member/MemberScanPanel.tsx';
import { classifyWedgeCode } from '../member/scan/classifyCode.ts';
import { warmQrDecoder } from '../member/scan/qrDecoder.ts';
import { useMemberIdentify } from '../member/scan/useMemberIdentify.ts';
import { useWedgeScanner } from '../member/scan/useWedgeScanner.ts';
import { useStaffActive } from '../session/staffContext.ts';
import { ParkingScreen } from '../parking/ParkingScreen.tsx';
import type { LocalizedText } from '../../../contracts/catalog.ts';
import { QueueContext, type QueueContextValue } from '../queue/QueueContext.ts';
import { QueueScreen } from '../queue/QueueScreen.tsx';
import { useQueueStatus } from '../queue/useQueueStatus.ts';
import type { SurveyPlace } from '../../../contracts/survey.ts';
import { useSurveyInvite } from '../survey/useSurveyInvite.ts';

/** The survey screen is its own chunk with SurveyJS and its CSS (large): fetched when a survey entry is tapped. */
const SurveyScreen = lazy(() => import('../survey/SurveyScreen.tsx'));
import { LotteryScreen } from '../lottery/LotteryScreen.tsx';
// Its on-screen keyboard (simple-keyboard and the pinyin table) is a chunk of its own, fetched when the screen opens.
import { FeedbackScreen } from '../feedback/FeedbackScreen.tsx';

type MapScreenComponent = typeof import('../map/MapScreen.tsx').default;
/** Set once the map's chunk has loaded: then the screen renders straight away, without suspending (React holds a
 *  suspended screen's fallback for a while, which a shopper would feel on every tap even with the chunk loaded). */
let loadedMapScreen: MapScreenComponent | null = null;
const loadMapScreen = () => import('../map/MapScreen.tsx').then((m) => { loadedMapScreen = m.default; return m; });
const LazyMapScreen = lazy(loadMapScreen);

/** Fetches the map's code and data; resolves true when both are ready (false when the kiosk has no map or it failed). */
function preloadMap(): Promise<boolean> {
  return Promise.all([loadMapScreen(), import('../map/mapData.ts').then((m) => m.loadMap())]).then(([, data]) => data !== null, () => false);
}

export function KioskApp({ boot }: { boot: Bootstrap }) {
  const reportFailure = useReportFailure();
  const [session, dispatch] = useKioskSession(boot.display);
  const promotions = usePromotions(boot.catalogVersion, session.sessionId, reportFailure, JSON.stringify(boot.display.attractPlaylist ?? null));
  useReloadSignals(session.screen);
  const attractLingering = useLingeringAttract(session.screen);
  const showAttract = session.screen === 'attract' || attractLingering;

  // The QR decoder (a worker compiling zxing-wasm) starts once the kiosk is up, not when a shopper opens the
  // scan panel and waits for it.
  useEffect(() => {
    const timer = setTimeout(warmQrDecoder, 2000);
    return () => clearTimeout(timer);
  }, []);

  const memberSession = session.member?.memberSession ?? null;
  useMemberSignOut(memberSession);
  const onIdentified = useCallback((home: MemberHome) => dispatch({ type: 'memberIdentified', home, at: Date.now() }), [dispatch]);
  const [scan, scanDispatch, identify] = useMemberIdentify(session.sessionId, onIdentified);
  // While the staff sign-in or console is open, scans belong to it (a staff card, the scanner test), not to members.
  const staffActive = useStaffActive();
  useWedgeScanner((burst) => {
    if (staffActive) return;
    const { source, code } = classifyWedgeCode(burst.code);
    identify(source, code, burst.endedAt);
  });

  const onHome = useCallback((home: MemberHome) => dispatch({ type: 'memberHome', home }), [dispatch]);
  const leave = useCallback(
    (reason: 'signed_out' | 'member_session_gone') => {
      if (memberSession !== null) dispatch({ type: 'memberLeft', memberSession, reason, at: Date.now() });
    },
    [dispatch, memberSession],
  );
  const onGone = useCallback(() => leave('member_session_gone'), [leave]);
  const onSignOut = useCallback(() => leave('signed_out'), [leave]);
  const openScan = useCallback(() => scanDispatch({ type: 'open' }), [scanDispatch]);
  const closeScan = useCallback(() => scanDispatch({ type: 'close' }), [scanDispatch]);
  const onLanguage = useCallback((language: UiLanguage) => dispatch({ type: 'setLanguage', language, at: Date.now() }), [dispatch]);
  const dismissNotice = useCallback(() => dispatch({ type: 'dismissNotice' }), [dispatch]);
  const MapScreen = loadedMapScreen ?? LazyMapScreen;
  const openMap = useCallback((to: string | null) => dispatch({ type: 'openMap', to, at: Date.now() }), [dispatch]);
  const closeMap = useCallback(() => dispatch({ type: 'closeMap', at: Date.now() }), [dispatch]);
  const openParking = useCallback(() => dispatch({ type: 'openParking', at: Date.now() }), [dispatch]);
  const closeParking = useCallback(() => dispatch({ type: 'closeParking', at: Date.now() }), [dispatch]);
  const openLottery = useCallback(() => dispatch({ type: 'openLottery', at: Date.now() }), [dispatch]);
  const closeLottery = useCallback(() => dispatch({ type: 'closeLottery', at: Date.now() }), [dispatch]);
  const openFeedback = useCallback(() => dispatch({ type: 'openFeedback', at: Date.now() }), [dispatch]);
  const closeFeedback = useCallback(() => dispatch({ type: 'closeFeedback', at: Date.now() }), [dispatch]);

  // Restaurant queues: live figures for the directory's rows while the guide home or the ticket screen shows.
  const queueViews = useQueueStatus(session.screen === 'home' || session.screen === 'queue' || session.screen === 'map');
  const openQueue = useCallback((storeId: string, name: LocalizedText) => dispatch({ type: 'openQueue', storeId, name, at: Date.now() }), [dispatch]);
  const closeQueue = useCallback(() => dispatch({ type: 'closeQueue', at: Date.now() }), [dispatch]);
  const queueContext = useMemo<QueueContextValue>(() => ({ views: queueViews, openTicket: openQueue }), [queueViews, openQueue]);

  // Surveys: the entry on the guide home (attract-loop surveys) and in the member home (tier and segment surveys).
  const surveyPlace: SurveyPlace | null = session.screen === 'home' ? 'home' : session.screen === 'member' ? 'member' : null;
  const surveySummary = useSurveyInvite(surveyPlace, surveyPlace === 'member' ? memberSession : null, session.sessionId);
  const openSurvey = useCallback((surveyId: string, place: SurveyPlace) => dispatch({ type: 'openSurvey', surveyId, place, at: Date.now() }), [dispatch]);
  const closeSurvey = useCallback(() => dispatch({ type: 'closeSurvey', at: Date.now() }), [dispatch]);
  const surveyInvite = useMemo(
    () => (surveySummary && surveyPlace ? { survey: surveySummary, onOpen: () => openSurvey(surveySummary.id, surveyPlace) } : null),
    [surveySummary, surveyPlace, openSurvey],
  );

  // Warm the map while the home screen shows (once it has painted: this must not slow the home screen down).
  const [mapReady, setMapReady] = useState(false);
  const homeShowing = session.screen === 'home' || session.screen === 'parking';
  useEffect(() => {
    if (!homeShowing || mapReady) return undefined;
    let cancelled = false;
    const timer = setTimeout(() => { void preloadMap().then((ok) => { if (!cancelled && ok) setMapReady(true); }); }, 50);
    return () => { cancelled = true; clearTimeout(timer); };
  }, [homeShowing, mapReady]);

  return (
    <LanguageContext value={session.language}>
      <AppRoot screen={session.screen}>
        {session.screen === 'home' && (
          <QueueContext value={queueContext}>
            <HomeScreen
              key={session.sessionId}
              mallName={boot.mall.name}
              floors={boot.floors}
              promotions={promotions.items}
              onLanguage={onLanguage}
              onOpenScan={openScan}
              onOpenMap={openMap}
              mapReady={mapReady}
              onOpenParking={openParking}
              surveyInvite={surveyInvite}
              onOpenLottery={openLottery}
              onOpenFeedback={openFeedback}
            />
          </QueueContext>
        )}
        {session.screen === 'queue' && session.queueTarget && (
          <QueueScreen
            key={session.sessionId}
            target={session.queueTarget}
            view={queueViews.get(session.queueTarget.storeId) ?? null}
            member={session.member}
            onOpenScan={openScan}
            onClose={closeQueue}
            onLanguage={onLanguage}
          />
        )}
        {session.screen === 'map' && (
          <Suspense fallback={<div className="map-screen-loading" data-testid="map-screen-loading" />}>
            <QueueContext value={queueContext}>
              <MapScreen key={session.sessionId} target={session.mapTarget} onTarget={openMap} onClose={closeMap} onLanguage={onLanguage} />
            </QueueContext>
          </Suspense>
        )}
        {session.screen === 'parking' && (
          <ParkingScreen
            key={session.sessionId}
            member={session.member ? { memberSession: session.member.memberSession, name: session.member.member.maskedName } : null}
            onOpenScan={openScan}
            onTakeMe={mapReady ? openMap : null}
            onClose={closeParking}
            onLanguage={onLanguage}
          />
        )}
        {session.screen === 'lottery' && (
          <LotteryScreen
            key={session.sessionId}
            member={session.member ? { memberSession: session.member.memberSession, name: session.member.member.maskedName } : null}
            onOpenScan={openScan}
            onGone={onGone}
            onClose={closeLottery}
            onLanguage={onLanguage}
          />
        )}
        {session.screen === 'member' && session.member && (
          <MemberHomeScreen
            key={session.member.memberSession}
            home={session.member}
            mallName={boot.mall.name}
            onLanguage={onLanguage}
            onHome={onHome}
            onGone={onGone}
            onSignOut={onSignOut}
            lastInputAt={session.lastInputAt}
            idleTimeoutMs={session.idleTimeoutMs}
            surveyInvite={surveyInvite}
            onOpenLottery={openLottery}
            onOpenFeedback={openFeedback}
          />
        )}
        {session.screen === 'feedback' && (
          <FeedbackScreen
            key={session.sessionId}
            member={session.member ? { memberSession: session.member.memberSession, name: session.member.member.maskedName } : null}
            onOpenScan={openScan}
            onClose={closeFeedback}
            onLanguage={onLanguage}
          />
        )}
        {session.screen === 'survey' && session.surveyTarget && (
          <Suspense fallback={<div className="survey-screen-loading" data-testid="survey-screen-loading" />}>
            <SurveyScreen
              key={`${session.sessionId}-${session.surveyTarget.surveyId}`}
              target={session.surveyTarget}
              memberSession={memberSession}
              onClose={closeSurvey}
              onLanguage={onLanguage}
            />
          </Suspense>
        )}
        {showAttract && (
          <AttractScreen
            mallName={boot.mall.name}
            promotions={promotions.items}
            rotation={promotions.rotation}
            nextChangeAt={promotions.nextChangeAt}
            loading={promotions.status === 'loading'}
            intervalSec={boot.display.attractIntervalSec}
            leaving={session.screen !== 'attract'}
            role={boot.display.role}
            orientationSetting={boot.display.orientation}
          />
        )}
        {session.screen !== 'attract' && scan.panelOpen && <MemberScanPanel scan={scan} identify={identify} onClose={closeScan} />}
        {session.screen !== 'attract' && !scan.panelOpen && scan.checking !== null && <ScanCheckingToast />}
        {session.screen === 'home' && session.notice && (
          <SessionNoticeToast notice={session.notice} onDone={dismissNotice} />
        )}
      </AppRoot>
    </LanguageContext>
  );
}
