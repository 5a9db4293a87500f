// Top of the page: which of the connection screens to show, or the kiosk itself once the agent answers.
import { AgentFailureContext } from '../api/AgentFailureContext.ts';
import { KioskApp } from './KioskApp.tsx';
import { useAgentConnection } from '../api/useAgentConnection.ts';
import { useKioskLockdown } from './useKioskLockdown.ts';
import { useShellHeartbeat } from './useShellHeartbeat.ts';
import { windowRole } from './windowRole.ts';
import { LoadingScreen } from '../status/LoadingScreen.tsx';
import { NotPairedScreen } from '../status/NotPairedScreen.tsx';
import { UnavailableScreen } from '../status/UnavailableScreen.tsx';
import { WallApp } from '../wall/WallApp.tsx';
import { StaffHost } from '../staff/StaffHost.tsx';

export function App() {
  useKioskLockdown();
  useShellHeartbeat();
  const { connection, reportFailure, retryNow } = useAgentConnection();
  switch (connection.kind) {
    case 'connecting':
      return connection.attempt === 1 ? <LoadingScreen /> : <UnavailableScreen attempt={connection.attempt} retryAt={null} onRetryNow={retryNow} />;
    case 'not-paired':
      return <NotPairedScreen />;
    case 'unavailable':
      return <UnavailableScreen attempt={connection.attempt + 1} retryAt={connection.retryAt} onRetryNow={retryNow} />;
    case 'ready':
      return (
        <AgentFailureContext value={reportFailure}>
          {/* StaffHost: orientation, screen-off hours and the staff console, for either role; it hands down the
              bootstrap in force (fresher than the poll right after a staff change). */}
          <StaffHost boot={connection.boot}>
            {(boot) => (windowRole(boot) === 'wall' ? <WallApp boot={boot} /> : <KioskApp boot={boot} />)}
          </StaffHost>
        </AgentFailureContext>
      );
  }
}
