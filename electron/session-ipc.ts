// The one IPC channel: the page asks for the per-start API secret. Only the main frame of the kiosk window,
// showing the app's own origin, gets an answer; anything else (a sub-frame, another window, a page that somehow
// navigated elsewhere) gets an error.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Logger } from './log.ts';
import { isSameOrigin, originOf, type OriginSource } from './origin.ts';

export const SESSION_CHANNEL = 'atrium:get-session';

export type SessionAnswer = { secret: string };
type Sender = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Why this sender may not have the secret, or null when it may. */
export function sessionRefusal(event: Sender, allowed: OriginSource, isKioskContents: (contents: WebContents) => boolean): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (!isKioskContents(event.sender)) return 'the sender is not a kiosk window';
  const main = event.sender.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.frameToken !== main.frameToken) return 'the sender is not the main frame';
  if (!isSameOrigin(frame.url, allowed)) return `the sender's origin ${originOf(frame.url) ?? 'none'} is not the app's`;
  return null;
}

export function registerSessionHandler(
  ipcMain: IpcMain,
  opts: { secret: string; allowed: OriginSource; isKioskContents: (contents: WebContents) => boolean; log?: Logger },
): void {
  ipcMain.handle(SESSION_CHANNEL, (event): SessionAnswer => {
    const refusal = sessionRefusal(event, opts.allowed, opts.isKioskContents);
    if (refusal) {
      opts.log?.warn('session request refused', { reason: refusal });
      throw new Error(`atrium:get-session refused: ${refusal}`);
    }
    return { secret: opts.secret };
  });
}
