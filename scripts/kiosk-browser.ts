// The browser kiosk: Chromium in --kiosk mode on the kiosk page, driven over the DevTools protocol on a pipe
// (fds 3 and 4, never a network port) so the launcher can capture the UI for HQ's capture-screenshot command.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

export type KioskBrowser = {
  child: ChildProcess;
  /** PNG of the kiosk page as the shopper sees it. */
  captureScreenshot(): Promise<{ png: Buffer; width: number; height: number }>;
  close(): void;
};

export const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function openKioskBrowser(url: string, opts: { bin?: string; extraArgs?: string[]; onExit?: (code: number | null) => void } = {}): KioskBrowser | null {
  const bin = opts.bin ?? chromiumCandidates.find((p) => existsSync(p));
  if (!bin) return null;
  const profile = mkdtempSync(path.join(tmpdir(), 'atrium-kiosk-'));
  const args = [
    '--kiosk', `--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-sync', '--disable-translate',
    '--disable-background-networking', '--disable-component-update', '--disable-pinch', '--overscroll-history-navigation=0',
    '--noerrdialogs', '--disable-session-crashed-bubble', '--check-for-update-interval=31536000', '--remote-debugging-pipe',
    ...(opts.extraArgs ?? []),
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  child.on('exit', (code) => {
    cdp.closeAll('the kiosk browser exited');
    rmSync(profile, { recursive: true, force: true });
    opts.onExit?.(code);
  });
  return {
    child,
    async captureScreenshot() {
      const targets = (await cdp.call('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
      const page = targets.targetInfos.find((t) => t.type === 'page' && t.url.startsWith(new URL(url).origin));
      if (!page) throw new Error('the kiosk page is not open in the browser');
      const { sessionId } = (await cdp.call('Target.attachToTarget', { targetId: page.targetId, flatten: true })) as { sessionId: string };
      try {
        const metrics = (await cdp.call('Page.getLayoutMetrics', {}, sessionId)) as { cssVisualViewport: { clientWidth: number; clientHeight: number } };
        const shot = (await cdp.call('Page.captureScreenshot', { format: 'png' }, sessionId)) as { data: string };
        const png = Buffer.from(shot.data, 'base64');
        // The PNG's own header has the pixel size (IHDR width/height at bytes 16-23).
        const width = png.length > 24 ? png.readUInt32BE(16) : Math.round(metrics.cssVisualViewport.clientWidth);
        const height = png.length > 24 ? png.readUInt32BE(20) : Math.round(metrics.cssVisualViewport.clientHeight);
        return { png, width, height };
      } finally {
        void cdp.call('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      }
    },
    close() {
      child.kill('SIGTERM');
    },
  };
}

/** A minimal Chrome DevTools Protocol client over --remote-debugging-pipe: JSON messages separated by NUL bytes. */
export class CdpPipe {
  private nextId = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly out: Writable;

  constructor(out: Writable, input: Readable) {
    this.out = out;
    input.on('data', (chunk: Buffer) => this.onData(chunk));
    input.on('error', () => this.closeAll('the DevTools pipe broke'));
    out.on('error', () => this.closeAll('the DevTools pipe broke'));
  }

  call(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeoutMs = 10_000): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`DevTools ${method} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.out.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }

  closeAll(reason: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(reason));
      this.pending.delete(id);
    }
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    let end;
    while ((end = this.buffer.indexOf(0)) >= 0) {
      const text = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(end + 1);
      let msg: { id?: number; result?: unknown; error?: { message: string } };
      try {
        msg = JSON.parse(text) as typeof msg;
      } catch {
        continue;
      }
      if (typeof msg.id !== 'number') continue; // events: not used
      const p = this.pending.get(msg.id);
      if (!p) continue;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`DevTools: ${msg.error.message}`));
      else p.resolve(msg.result);
    }
  }
}
