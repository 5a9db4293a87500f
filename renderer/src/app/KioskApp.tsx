// The kiosk once connected: the attract loop and the home screen, one shopper session at a time.
import { AppRoot } from './AppRoot.tsx';
import { useReportFailure } from './AgentFailureContext.ts';
import type { Bootstrap } from './connectionState.ts';
import { useKioskSession } from './useKioskSession.ts';
import { useLingeringAttract } from './useLingeringAttract.ts';
import { usePromotions } from './usePromotions.ts';
import { AttractScreen } from '../attract/AttractScreen.tsx';
import { HomeScreen } from '../home/HomeScreen.tsx';
import { LanguageContext } from '../i18n/LanguageContext.tsx';

export function KioskApp({ boot }: { boot: Bootstrap }) {
  const reportFailure = useReportFailure();
  const [session, dispatch] = useKioskSession(boot.display);
  const promotions = usePromotions(boot.catalogVersion, session.sessionId, reportFailure);
  const attractLingering = useLingeringAttract(session.screen);
  const showAttract = session.screen === 'attract' || attractLingering;

  return (
    <LanguageContext value={session.language}>
      <AppRoot screen={session.screen}>
        {session.screen === 'home' && (
          <HomeScreen
            key={session.sessionId}
            mallName={boot.mall.name}
            floors={boot.floors}
            promotions={promotions.items}
            onLanguage={(language) => dispatch({ type: 'setLanguage', language, at: Date.now() })}
          />
        )}
        {showAttract && (
          <AttractScreen
            mallName={boot.mall.name}
            promotions={promotions.items}
            loading={promotions.status === 'loading'}
            intervalSec={boot.display.attractIntervalSec}
            leaving={session.screen !== 'attract'}
          />
        )}
      </AppRoot>
    </LanguageContext>
  );
}
