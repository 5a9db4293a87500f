// The kiosk's one trusted origin is the local agent's, http://127.0.0.1:PORT, and the port can change when the
// agent restarts; so policies take the origin as a getter and compare origins, never URL prefixes.
export type OriginSource = string | (() => string | null);

export function currentOrigin(source: OriginSource): string | null {
  return typeof source === 'function' ? source() : source;
}

/** The origin of a URL, or null for anything without a real origin (about:blank, data:, file:, garbage). */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

export function isSameOrigin(url: string | undefined | null, source: OriginSource): boolean {
  const allowed = currentOrigin(source);
  const origin = originOf(url);
  return allowed !== null && origin !== null && origin === allowed;
}

/** http://127.0.0.1:PORT for the agent's port. */
export function agentOrigin(port: number): string {
  return new URL(`http://127.0.0.1:${port}`).origin;
}
