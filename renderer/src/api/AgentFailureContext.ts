// Lets any component hand a failed API call to the connection, which decides whether the whole screen changes.
import { createContext, useContext } from 'react';
import type { ReportFailure } from './useAgentConnection.ts';

export const AgentFailureContext = createContext<ReportFailure>(() => false);

export function useReportFailure(): ReportFailure {
  return useContext(AgentFailureContext);
}
