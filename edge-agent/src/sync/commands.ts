// HQ's commands over MQTT: each command id runs once (the inbox remembers it), a command that arrives after its
// expiry is answered 'expired' and not run, any other is answered 'accepted' and then with its handler's outcome.
// The handlers themselves, one per command name, are commands/handlers.ts (the staff console runs the same ones).
import type { Command, CommandResult } from '../../../contracts/mqtt.ts';
import type { CommandHandlers, CommandOutcome } from '../commands/handlers.ts';
import type { SyncContext } from './context.ts';
import { rememberInbox } from './apply.ts';

export type CommandRunner = {
  ctx: SyncContext;
  handlers: CommandHandlers;
  /** Publishes a result on the kiosk's commands/result route; never throws. */
  sendResult: (result: CommandResult) => Promise<void>;
};

export async function runCommand(r: CommandRunner, cmd: Command): Promise<void> {
  const { db, log } = r.ctx;
  const now = r.ctx.now();
  if (!rememberInbox(db, `command:${cmd.id}`, now)) {
    log.warn('command repeated; ignored', { id: cmd.id, name: cmd.name });
    return;
  }
  const result = (outcome: CommandOutcome) => r.sendResult({ id: cmd.id, ts: r.ctx.now().toISOString(), ...outcome });
  if (Date.parse(cmd.expiresAt) <= now.getTime()) {
    log.warn('command expired before it arrived', { id: cmd.id, name: cmd.name });
    return result({ status: 'expired', detail: `expired at ${cmd.expiresAt}`, data: null });
  }
  await result({ status: 'accepted', detail: null, data: null });
  log.info('running command', { id: cmd.id, name: cmd.name });
  try {
    await result(await r.handlers[cmd.name](cmd));
  } catch (err) {
    await result({ status: 'failed', detail: (err as Error).message, data: null });
  }
}
