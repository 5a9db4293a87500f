// Single-use pairing codes: the launcher that started the agent (and so knows the secret) mints one and opens
// the browser kiosk at `/#pair=<code>`; the page trades it once for the session secret. The secret itself never
// appears in a URL or a process command line.
import { randomBytes } from 'node:crypto';

export class PairingCodes {
  private readonly codes = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  constructor(ttlMs = 10 * 60_000, now: () => number = Date.now) {
    this.ttlMs = ttlMs;
    this.now = now;
  }

  mint(): { code: string; expiresInSec: number } {
    this.sweep();
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, this.now() + this.ttlMs);
    return { code, expiresInSec: Math.round(this.ttlMs / 1000) };
  }

  /** True once per minted, unexpired code. */
  redeem(code: string): boolean {
    const expires = this.codes.get(code);
    this.codes.delete(code);
    return expires !== undefined && expires > this.now();
  }

  private sweep() {
    const t = this.now();
    for (const [code, expires] of this.codes) if (expires <= t) this.codes.delete(code);
  }
}
