// Commands HQ sends to one kiosk: an id (the kiosk runs each id once), an issue time and an expiry (a kiosk that
// gets it late answers 'expired' instead of acting on it).
import { randomUUID } from 'node:crypto';
import { Command, type CommandResult } from '../../contracts/mqtt.ts';

export type CommandName = Command['name'];
export const COMMAND_NAMES = Command.shape.name.options;

export function newCommand(name: CommandName, args: Record<string, unknown>, now: Date, ttlSec: number, id: string = randomUUID()): Command {
  return Command.parse({ id, name, args, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlSec * 1000).toISOString() });
}

/** Statuses after which the kiosk sends nothing more for a command. */
export function isFinalStatus(status: CommandResult['status']): boolean {
  return status !== 'accepted';
}
