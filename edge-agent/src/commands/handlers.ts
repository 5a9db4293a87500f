// Every command the kiosk runs, one handler per CommandName (a name added to the contract without a handler here
// fails to compile). HQ's commands (sync/commands.ts adds ids, expiry and results) and the staff console's actions
// run these same handlers; what they act on (the sync engine, the UI's reload signal, the supervisor, the kiosk
// shell's screenshots) is handed in by the agent.
import path from 'node:path';
import { formatZodError } from '../../../contracts/zod-errors.ts';
import { DesiredConfig, type Command, type CommandResult } from '../../../contracts/mqtt.ts';
import type { Logger } from '../../../common/node/log.ts';
import type { DesiredOutcome } from '../settings/desired.ts';
import type { Screenshot } from '../shell.ts';

export type CommandName = Command['name'];
export type CommandOutcome = Pick<CommandResult, 'status' | 'detail' | 'data'>;
export type CommandHandlers = { readonly [N in CommandName]: (cmd: Command) => Promise<CommandOutcome> };

export type CommandDeps = {
  log: Logger;
  /** Fetches HQ's retained snapshot and desired config again and drains the outbox. */
  syncNow: () => Promise<CommandOutcome>;
  /** Applies a desired config; `reported` settles once the new reported config is on its way to HQ. */
  applyDesired: (desired: DesiredConfig) => { outcome: DesiredOutcome; reported: Promise<void> };
  /** Bumps the kiosk pages' reload signal and returns its new value; absent when no UI is served. */
  reloadUi?: () => number;
  /** Asks the supervisor to restart the agent; absent when the agent runs without one. */
  restart?: () => void;
  /** The kiosk shell's window capture and where captures are kept; absent when no shell can be reached. */
  screenshots?: { available: () => boolean; capture: () => Promise<Screenshot>; save: (commandId: string, png: Buffer) => string };
};

const notSupported = (cmd: Command): CommandOutcome => ({ status: 'rejected', detail: `${cmd.name} is not supported by this agent`, data: null });

export function commandHandlers(deps: CommandDeps): CommandHandlers {
  return {
    'sync-now': () => deps.syncNow(),

    'set-config': async (cmd) => {
      const desired = DesiredConfig.safeParse(cmd.args);
      if (!desired.success) return { status: 'rejected', detail: `args must be a desired config: ${formatZodError(desired.error, { first: true })}`, data: null };
      const { outcome, reported } = deps.applyDesired(desired.data);
      await reported;
      return { status: outcome === 'applied' ? 'done' : 'rejected', detail: outcome === 'applied' ? null : `version ${desired.data.version} is ${outcome}`, data: null };
    },

    'reload-ui': async (cmd) => {
      if (!deps.reloadUi) return notSupported(cmd);
      const reloadSeq = deps.reloadUi();
      return { status: 'done', detail: 'kiosk pages reload at their next poll (within 5 s), or when the current shopper session ends', data: { reloadSeq } };
    },

    'restart-agent': async () => {
      const restart = deps.restart;
      if (!restart) return { status: 'rejected', detail: 'this agent has no supervisor to restart it', data: null };
      // After a moment, so the result reaches HQ (and the staff console its answer) before the process exits.
      setTimeout(() => restart(), 200);
      return { status: 'done', detail: 'restarting now', data: null };
    },

    'capture-screenshot': async (cmd) => {
      const shots = deps.screenshots;
      if (!shots) return notSupported(cmd);
      if (!shots.available()) return { status: 'rejected', detail: 'no kiosk shell: this agent runs standalone, so there is no UI window to capture', data: null };
      const shot = await shots.capture();
      const file = shots.save(cmd.id, shot.png);
      deps.log.info('screenshot captured for HQ', { commandId: cmd.id, bytes: shot.png.length, width: shot.width, height: shot.height });
      return {
        status: 'done',
        detail: `PNG ${shot.width}x${shot.height}, ${shot.png.length} bytes (base64 in data.png)`,
        data: { png: shot.png.toString('base64'), bytes: shot.png.length, sha256: shot.sha256, width: shot.width, height: shot.height, file: path.basename(file) },
      };
    },
  };
}

/** A command made on the kiosk (the staff console's actions): an id of its own and a minute to run. */
export function localCommand(name: CommandName, now: Date = new Date(), args: Record<string, unknown> = {}): Command {
  return { id: `staff-${crypto.randomUUID()}`, name, args, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + 60_000).toISOString() };
}
