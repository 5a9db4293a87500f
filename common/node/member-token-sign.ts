// HQ's half of the member QR token: signing claims with HQ's Ed25519 private key. Apart from member-token.ts (the
// kiosk's check) so that the kiosk never imports signing code; HQ (the simulator) and tests import this.
import { sign, type KeyObject } from 'node:crypto';
import type { MemberTokenClaims } from '../../contracts/members.ts';
import { tokenBody } from './member-token.ts';

/** Signs claims with HQ's Ed25519 private key: `ATM1.<claims>.<signature>`. */
export function signMemberToken(claims: MemberTokenClaims, privateKey: KeyObject): string {
  const body = tokenBody(claims);
  return `${body}.${sign(null, Buffer.from(body, 'ascii'), privateKey).toString('base64url')}`;
}
