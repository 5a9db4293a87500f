// Who is at the screen: a signed member QR token (camera or wedge scanner) or a membership card. Each path ends in
// an Identification to accept, or a refusal; nothing is written here (service.ts accepts in one transaction).
import { createHmac, randomBytes } from 'node:crypto';
import type { Member } from '../../../contracts/catalog.ts';
import type { IdentifyRefusal, MemberTokenClaims } from '../../../contracts/members.ts';
import type { MemberLookupRequest, MemberLookupResponse } from '../../../contracts/mqtt.ts';
import type { Db } from '../db/open.ts';
import { cachedMember } from './cache.ts';
import { parseCardNumber } from '../../../common/cards.ts';
import { cardHash } from '../../../common/node/card-hash.ts';
import { cardSalt, memberIdByCard } from './cards.ts';
import { nonceUsed } from './nonces.ts';
import { checkMemberToken, type TrustedKey } from '../../../common/node/member-token.ts';

/** The sync engine's side the members need: ask HQ about a member, and whether HQ is reachable now. */
export type HqLink = { lookupMember(req: MemberLookupRequest): Promise<MemberLookupResponse>; online(): boolean };

export type Identification = {
  member: Member;
  /** From the token alone (HQ unreachable, member not cached): no points, shown as "local". */
  provisional: boolean;
  /** Where the member record came from. */
  via: 'cache' | 'hq' | 'token';
  /** The token's claims, whose nonce is recorded when the identification is accepted. */
  token: MemberTokenClaims | null;
  /** HQ's answer to cache with the acceptance (member record and card hash). */
  fromHq: { member: Member; cardHash: string | null } | null;
};

export type IdentifyStep = { ok: true; id: Identification } | { ok: false; reason: IdentifyRefusal; detail: string };

type Lookup = { kind: 'found'; member: Member; cardHash: string | null } | { kind: 'not_found' } | { kind: 'unreachable'; detail: string };

/** Asks HQ; a timeout, a lost connection or an answer about someone else all count as "HQ unreachable". */
export async function askHq(hq: HqLink | null, req: MemberLookupRequest): Promise<Lookup> {
  if (!hq) return { kind: 'unreachable', detail: 'no HQ configured' };
  try {
    const r = await hq.lookupMember(req);
    if (!r.found || !r.member) return { kind: 'not_found' };
    if (req.by === 'memberId' && r.member.id !== req.memberId) return { kind: 'unreachable', detail: 'HQ answered about another member' };
    if (req.by === 'cardHash' && r.cardHash !== null && r.cardHash !== req.cardHash) return { kind: 'unreachable', detail: 'HQ answered about another card' };
    return { kind: 'found', member: r.member, cardHash: req.by === 'cardHash' ? req.cardHash : r.cardHash };
  } catch (err) {
    return { kind: 'unreachable', detail: (err as Error).message };
  }
}

export function trustedKeys(db: Db): TrustedKey[] {
  return (db.prepare('SELECT kid, public_key AS publicKey, not_after AS notAfter FROM hq_keys').all() as TrustedKey[]);
}

/** A member known only from HQ's signed token: the tier it states, no points (the balance is HQ's to tell). */
export function memberFromToken(claims: MemberTokenClaims, now: Date): Member {
  // lastVisit = now: the member is here; an unknown last visit would otherwise read as "dormant" to the rules.
  return { id: claims.mid, name: '会员', tier: claims.tier, points: 0, birthMonth: null, lastVisit: now.toISOString(), segment: null, tags: [], expiringPoints: null };
}

/**
 * Token path: signature, key and times (common/node/member-token.ts), then the nonce, then the member: the local cache, else HQ, else
 * (HQ unreachable) the token's own claims. A member HQ says it does not know is refused.
 */
export async function identifyByToken(db: Db, hq: HqLink | null, code: string, now: Date): Promise<IdentifyStep> {
  const check = checkMemberToken(code, trustedKeys(db), now);
  if (!check.ok) return { ok: false, reason: check.reason, detail: check.detail };
  const token = check.claims;
  if (nonceUsed(db, token.nonce)) return { ok: false, reason: 'replayed', detail: 'nonce seen before' };
  const cached = cachedMember(db, token.mid);
  if (cached) return { ok: true, id: { member: cached, provisional: false, via: 'cache', token, fromHq: null } };
  const answer = await askHq(hq, { by: 'memberId', memberId: token.mid });
  if (answer.kind === 'not_found') return { ok: false, reason: 'unknown_member', detail: 'HQ does not know this member' };
  if (answer.kind === 'found') return { ok: true, id: { member: answer.member, provisional: false, via: 'hq', token, fromHq: answer } };
  return { ok: true, id: { member: memberFromToken(token, now), provisional: true, via: 'token', token, fromHq: null } };
}

/** Card path: the hashed number in the local cache, else HQ by hash; HQ unreachable -> "offline". */
export async function identifyByCard(db: Db, hq: HqLink | null, code: string): Promise<IdentifyStep> {
  const number = parseCardNumber(code);
  if (number === null) return { ok: false, reason: 'unknown_card', detail: 'not a card number (8-20 digits, or an NFC UID of 4, 7 or 10 bytes in hex)' };
  const salt = cardSalt(db);
  if (!salt) return { ok: false, reason: 'unknown_card', detail: 'no card salt in the catalog: this mall has no member cards' };
  const hash = cardHash(salt, number);
  const memberId = memberIdByCard(db, hash);
  const cached = memberId ? cachedMember(db, memberId) : null;
  if (cached) return { ok: true, id: { member: cached, provisional: false, via: 'cache', token: null, fromHq: null } };
  const answer = await askHq(hq, { by: 'cardHash', cardHash: hash });
  if (answer.kind === 'not_found') return { ok: false, reason: 'unknown_card', detail: 'HQ has no member with this card' };
  if (answer.kind === 'unreachable') return { ok: false, reason: 'offline', detail: `card not cached and HQ unreachable: ${answer.detail}` };
  return { ok: true, id: { member: answer.member, provisional: false, via: 'hq', token: null, fromHq: { member: answer.member, cardHash: hash } } };
}

/**
 * Which path a scan takes: a card read, or a wedge burst that is a card number by the one rule the page applies too
 * (common/cards.ts); a camera read is always a member code.
 */
export function isCardRead(source: 'camera' | 'wedge' | 'card', code: string): boolean {
  if (source === 'card') return true;
  if (source === 'camera') return false;
  return parseCardNumber(code) !== null;
}

const logKey = randomBytes(32);

/** A short reference to a scanned code for the log: keyed per process, so it cannot be turned back into a card number. */
export function logRef(code: string): string {
  return createHmac('sha256', logKey).update(code, 'utf8').digest('hex').slice(0, 12);
}
