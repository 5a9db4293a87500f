// The edge agent <-> kiosk shell channel (Node IPC on the supervised child process): requests only the shell can
// serve, such as a screenshot of the kiosk UI for HQ's capture-screenshot command. Parsed on receipt both ways.
import { z } from 'zod';

export const ShellRequest = z.object({
  type: z.literal('capture-screenshot'),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
}).strict();
export type ShellRequest = z.infer<typeof ShellRequest>;

/** Largest screenshot the shell hands back (PNG bytes); bigger is refused rather than sent to HQ. */
export const MAX_SCREENSHOT_BYTES = 6 * 1024 * 1024;

export const ShellReply = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('screenshot'), requestId: z.string(), ok: z.literal(true),
    /** PNG, base64. */
    png: z.string().max(Math.ceil(MAX_SCREENSHOT_BYTES / 3) * 4),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }).strict(),
  z.object({ type: z.literal('screenshot'), requestId: z.string(), ok: z.literal(false), error: z.string().max(500) }).strict(),
]);
export type ShellReply = z.infer<typeof ShellReply>;

/**
 * The other direction, shell -> agent, no reply: a recovery the shell performed (a reloaded page, a relaunched
 * window, browser or app, a restarted agent). The agent records it as an outbox event `shell.recovery` so HQ
 * sees every recovery; `id` is the event id, stable across re-sends (the shell re-sends after an agent restart).
 */
export const ShellRecoveryAction = z.enum(['page-reload', 'window-relaunch', 'browser-relaunch', 'app-relaunch', 'agent-restart']);
export type ShellRecoveryAction = z.infer<typeof ShellRecoveryAction>;
export const ShellRecoveryCause = z.enum([
  'renderer-crashed', 'renderer-killed', 'renderer-oom', 'renderer-gone', 'unresponsive', 'heartbeat-missed', 'load-failed',
  'browser-exited', 'agent-exited',
]);
export type ShellRecoveryCause = z.infer<typeof ShellRecoveryCause>;

export const ShellRecovery = z.object({
  type: z.literal('shell-recovery'),
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  at: z.iso.datetime(),
  shell: z.enum(['electron', 'browser']),
  action: ShellRecoveryAction,
  cause: ShellRecoveryCause,
  /** The window's role ('guide', 'wall'), or null for the agent or the whole app. */
  role: z.enum(['guide', 'wall']).nullable(),
  /** How many recoveries of this kind the current budget window has seen, this one included. */
  attempt: z.number().int().min(1),
  /** True when the budget was spent and the shell fell back to its slow path (see docs/electron.md). */
  budgetExhausted: z.boolean(),
  detail: z.string().max(300),
}).strict();
export type ShellRecovery = z.infer<typeof ShellRecovery>;

/** The agent's receipt for a ShellRecovery, sent once it is in the outbox; until then the shell re-sends it. */
export const ShellRecoveryAck = z.object({ type: z.literal('shell-recovery-ack'), id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict();
export type ShellRecoveryAck = z.infer<typeof ShellRecoveryAck>;

/** The kiosk page beats this often (renderer/src/app/useShellHeartbeat.ts); the shells reload a page silent for 6 beats. */
export const PAGE_HEARTBEAT_MS = 5_000;
export const PAGE_HEARTBEAT_TIMEOUT_MS = 30_000;
/** The DevTools binding the browser-kiosk launcher adds to the page (Electron uses the preload's atrium.heartbeat()). */
export const PAGE_HEARTBEAT_BINDING = 'atriumShellHeartbeat';
