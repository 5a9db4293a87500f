// Connects to the kiosk agent and keeps the connection honest: pairs or finds the secret, loads the bootstrap,
// retries with backoff while the agent is unreachable, and checks in every HEARTBEAT_MS so a stopped agent
// or new display settings are noticed even when nobody touches the screen.
import { useCallback, useEffect, useState } from 'react';
import { ApiCallError, call, connect } from './client.ts';
import { bootstrapChanged, connectionAfterFailure, isAgentDown, isNotPaired, type Bootstrap, type Connection } from './connectionState.ts';

export const HEARTBEAT_MS = 30_000;

/** Reports a failed API call; true when it took the whole screen to "not paired" or "unavailable". */
export type ReportFailure = (err: unknown) => boolean;

function errorCode(err: unknown): string {
  return err instanceof ApiCallError ? err.code : 'network';
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One connect() at a time: the pairing code in the URL is single-use, so a second concurrent attempt (React's
 * StrictMode runs effects twice in development) must share the first one's answer instead of finding no code.
 */
let pendingConnect: Promise<void> | null = null;
function connectOnce(): Promise<void> {
  pendingConnect ??= connect().finally(() => { pendingConnect = null; });
  return pendingConnect;
}

async function establish(): Promise<Bootstrap> {
  await connectOnce();
  return call('kiosk.bootstrap', {});
}

export function useAgentConnection(): { connection: Connection; reportFailure: ReportFailure; retryNow: () => void } {
  const [connection, setConnection] = useState<Connection>({ kind: 'connecting', attempt: 1 });

  const fail = useCallback((err: unknown, attempt: number) => {
    console.warn(`atrium: kiosk agent call failed (${errorCode(err)}): ${errorMessage(err)}`);
    setConnection(connectionAfterFailure(errorCode(err), errorMessage(err), attempt, Date.now()));
  }, []);

  useEffect(() => {
    if (connection.kind === 'connecting') {
      let cancelled = false;
      establish().then(
        (boot) => { if (!cancelled) setConnection({ kind: 'ready', boot }); },
        (err: unknown) => { if (!cancelled) fail(err, connection.attempt); },
      );
      return () => { cancelled = true; };
    }
    if (connection.kind === 'unavailable') {
      const timer = setTimeout(() => setConnection({ kind: 'connecting', attempt: connection.attempt + 1 }), Math.max(0, connection.retryAt - Date.now()));
      return () => clearTimeout(timer);
    }
    if (connection.kind === 'ready') {
      let cancelled = false;
      const timer = setInterval(() => {
        call('kiosk.bootstrap', {}).then(
          (boot) => { if (!cancelled && bootstrapChanged(connection.boot, boot)) setConnection({ kind: 'ready', boot }); },
          (err: unknown) => { if (!cancelled) fail(err, 1); },
        );
      }, HEARTBEAT_MS);
      return () => { cancelled = true; clearInterval(timer); };
    }
    return undefined;
  }, [connection, fail]);

  // A new pairing link opened in the same tab changes only the fragment (no reload): pair again with it.
  useEffect(() => {
    const onHashChange = () => {
      if (new URLSearchParams(window.location.hash.slice(1)).has('pair')) setConnection({ kind: 'connecting', attempt: 1 });
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const reportFailure = useCallback<ReportFailure>((err) => {
    const code = errorCode(err);
    if (!isNotPaired(code) && !isAgentDown(code)) return false;
    fail(err, 1);
    return true;
  }, [fail]);

  const retryNow = useCallback(() => {
    setConnection((c) => (c.kind === 'unavailable' ? { kind: 'connecting', attempt: c.attempt + 1 } : c));
  }, []);

  return { connection, reportFailure, retryNow };
}
