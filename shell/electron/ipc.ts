// The page's only ways to reach the main process, both through the preload: `atrium:get-session` (invoke: the
// per-start API secret) and `atrium:heartbeat` (send: the page is alive). Every message is checked the same
// way before anything is done with it: the sender must be one of the kiosk windows, the sending frame its main
// frame (not a sub-frame), and that frame's URL on the app's own origin (atrium://app).
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ShellLogger } from '../core/log.ts';
import { isSameOrigin, originOf, type OriginSource } from './origin.ts';

export const SESSION_CHANNEL = 'atrium:get-session';
export const HEARTBEAT_CHANNEL = 'atrium:heartbeat';
export const IPC_CHANNELS = [SESSION_CHANNEL, HEARTBEAT_CHANNEL] as const;

export type SessionAnswer = { secret: string };
type Sender = Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>;

/** Why this sender may not be answered, or null when it may. */
export function senderRefusal(event: Sender, allowed: OriginSource, isKioskContents: (contents: WebContents) => boolean): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (!isKioskContents(event.sender)) return 'the sender is not a kiosk window';
  const main = event.sender.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.frameToken !== main.frameToken) return 'the sender is not the main frame';
  if (!isSameOrigin(frame.url, allowed)) return `the sender's origin ${originOf(frame.url) ?? 'none'} is not the app's`;
  return null;
}

export type IpcOptions = {
  secret: string;
  allowed: OriginSource;
  isKioskContents: (contents: WebContents) => boolean;
  onHeartbeat: (contents: WebContents) => void;
  log?: ShellLogger;
};

export function registerIpc(ipcMain: IpcMain, opts: IpcOptions): void {
  const refused = (channel: string, event: Sender): boolean => {
    const refusal = senderRefusal(event, opts.allowed, opts.isKioskContents);
    if (refusal) opts.log?.warn('ipc message refused', { channel, reason: refusal });
    return refusal !== null;
  };
  ipcMain.handle(SESSION_CHANNEL, (event): SessionAnswer => {
    if (refused(SESSION_CHANNEL, event)) throw new Error(`${SESSION_CHANNEL} refused: ${senderRefusal(event, opts.allowed, opts.isKioskContents)}`);
    return { secret: opts.secret };
  });
  ipcMain.on(HEARTBEAT_CHANNEL, (event) => {
    if (refused(HEARTBEAT_CHANNEL, event)) return;
    opts.onHeartbeat(event.sender);
  });
}
