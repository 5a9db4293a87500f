// Origins, compared as origins, never as URL prefixes. The kiosk page lives at atrium://app (the shell's own
// privileged scheme, see app-protocol.ts); the agent it talks to through that scheme is http://127.0.0.1:PORT,
// and that port can change when the agent restarts (core/supervise.ts agentOrigin), so policies take an origin or
// a getter of one.
export type OriginSource = string | (() => string | null);

/** The custom scheme the kiosk UI is served from, and its one host. */
export const APP_SCHEME = 'atrium';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function currentOrigin(source: OriginSource): string | null {
  return typeof source === 'function' ? source() : source;
}

/**
 * The origin of a URL, or null for anything without a real origin (about:blank, data:, file:, garbage).
 * atrium: URLs get `atrium://host` (WHATWG URL gives "null" for schemes it does not know; Chromium treats the
 * scheme as standard because the shell registers it so).
 */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
    if (u.protocol === `${APP_SCHEME}:` && u.host !== '') return `${APP_SCHEME}://${u.host.toLowerCase()}`;
    return null;
  } catch {
    return null;
  }
}

export function isSameOrigin(url: string | undefined | null, source: OriginSource): boolean {
  const allowed = currentOrigin(source);
  const origin = originOf(url);
  return allowed !== null && origin !== null && origin === allowed;
}
