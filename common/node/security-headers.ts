// Response headers for everything the kiosk UI is served with, by the agent (http://127.0.0.1:PORT) and by the
// Electron shell (atrium://app): one definition, imported by both. The CSP is the kiosk page's: only its own origin for
// scripts, styles, data and workers; nothing inline, no frames, no forms, no plugins.
// 'wasm-unsafe-eval' lets the page and its workers compile WebAssembly (zxing-wasm reads member QR codes, writes
// redemption QR codes) from .wasm files served by the agent itself; it does not allow eval() or new Function().
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), usb=(), serial=(), payment=()',
} as const;
