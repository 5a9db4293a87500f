// Positive signals for tests that assert "nothing happened". Waiting a fixed time and then finding nothing passes
// when the agent is merely slow; these let a test first wait for something that must happen AFTER the message
// that should have had no effect (a refusal logged for it, or a later event reaching HQ), and only then check.
import type { AgentProcess } from './agent-process.ts';

/** The agent's structured log lines (one JSON object a line on stdout), parsed; anything else is skipped. */
export function logRecords(agent: Pick<AgentProcess, 'logs'>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of agent.logs) {
    try {
      const rec: unknown = JSON.parse(line);
      if (rec && typeof rec === 'object' && !Array.isArray(rec)) out.push(rec as Record<string, unknown>);
    } catch {
      /* stderr output or a partial line: not a log record */
    }
  }
  return out;
}

/** How many log records carry `msg` and (when given) satisfy `match`. */
export function countLogs(agent: Pick<AgentProcess, 'logs'>, msg: string, match: (rec: Record<string, unknown>) => boolean = () => true): number {
  return logRecords(agent).filter((r) => r.msg === msg && match(r)).length;
}

/** Refusals of MQTT messages on `topic` (exact), whose reason matches `reason`. */
export function refusalsOn(agent: Pick<AgentProcess, 'logs'>, topic: string, reason: RegExp = /./): number {
  return countLogs(agent, 'mqtt message refused', (r) => r.topic === topic && reason.test(String(r.reason)));
}

/**
 * Makes the agent write one more event to its outbox: a staff sign-in with an unknown card is refused and audited
 * as a `staff.audit` event with action `sign-in-refused` (local only; no HQ look-up, no member data). The kiosk must
 * know some staff (demo staff or HQ's): with none, nothing is audited. Events leave the outbox in order over one
 * MQTT connection, so once HQ has this one, anything the agent sent before it (a repeat included) has arrived too.
 */
export async function sendMarkerEvent(agent: Pick<AgentProcess, 'call'>): Promise<void> {
  const r = await agent.call('staff.signIn', { method: 'card', code: 'marker-not-a-card' });
  if (r.status !== 200 || r.body?.data?.reason !== 'unknown_card') throw new Error(`marker sign-in was not refused as an unknown card: ${r.status} ${JSON.stringify(r.body)}`);
}
