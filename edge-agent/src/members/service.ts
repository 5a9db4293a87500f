// The member.* API methods: identify a member, show their home, claim an offer, sign out. SQLite holds what must
// survive (nonces, claims, the outbox, the member cache); the member session itself lives only in memory.
import { DEFAULT_MALL_TIME_ZONE } from '../../../common/time-zone.ts';
import type { ApiParsedParams, ApiResult } from '../../../contracts/api.ts';
import type { Member } from '../../../contracts/catalog.ts';
import { maskName, type IdentifyResult, type MemberHome } from '../../../contracts/members.ts';
import { DomainError, memberSessionGone } from '../errors.ts';
import type { Db } from '../db/open.ts';
import type { Logger } from '../../../common/node/log.ts';
import { enqueueEvent } from '../outbox.ts';
import { cachedMember, cacheMember, forgetMember } from './cache.ts';
import { cacheCard } from './cards.ts';
import { claimOffer, type ClaimGrant } from './claim.ts';
import { claimsOfMember } from './claims.ts';
import { decideForMember, type WallContext } from './decide.ts';
import { composeHome } from './home.ts';
import { askHq, identifyByCard, identifyByToken, isCardRead, logRef, type HqLink, type Identification } from './identify.ts';
import { pruneNonces, recordNonce } from './nonces.ts';
import { MemberSessions, type MemberSession } from './sessions.ts';

export type MemberServiceOptions = {
  db: Db;
  log: Logger;
  /** HQ look-ups (null: no HQ configured). */
  hq: HqLink | null;
  /** The display's idle timeout, read at each use (HQ may change it). */
  idleTimeoutSec: () => number;
  /** The mall's time zone (the `timeZone` setting); Asia/Shanghai unless told. */
  timeZone?: string;
  /** Called after an outbox event was written, to start draining it. */
  onEventWritten?: () => void;
  now?: () => Date;
};

export class MemberService {
  readonly sessions: MemberSessions;
  private readonly o: MemberServiceOptions;

  constructor(o: MemberServiceOptions) {
    this.o = o;
    this.sessions = new MemberSessions({ idleMs: () => o.idleTimeoutSec() * 1000, nowMs: () => this.now().getTime() });
  }

  start(): void {
    this.sessions.start();
  }

  stop(): void {
    this.sessions.stop();
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  private timeZone(): string {
    return this.o.timeZone ?? DEFAULT_MALL_TIME_ZONE;
  }

  async identify({ source, code }: ApiParsedParams<'member.identify'>): Promise<IdentifyResult> {
    const { db, log, hq } = this.o;
    const card = isCardRead(source, code);
    const step = card ? await identifyByCard(db, hq, code) : await identifyByToken(db, hq, code, this.now());
    // Refusals are logged with a keyed short reference, never the token text or the card number.
    if (!step.ok) {
      log.info('member not identified', { source, path: card ? 'card' : 'token', reason: step.reason, detail: step.detail, ref: logRef(code) });
      return { status: 'refused', reason: step.reason };
    }
    const now = this.now();
    if (!this.accept(step.id, source, now)) {
      log.info('member not identified', { source, path: 'token', reason: 'replayed', detail: 'nonce used while HQ was asked', ref: logRef(code) });
      return { status: 'refused', reason: 'replayed' };
    }
    this.o.onEventWritten?.();
    const session = this.sessions.create({ memberId: step.id.member.id, provisional: step.id.provisional ? step.id.member : null, experiment: null });
    const home = this.homeFor(session, step.id.member, now);
    session.experiment = home.experiment;
    log.info('member identified', { source, path: card ? 'card' : 'token', via: step.id.via, ref: logRef(code) });
    if (step.id.via === 'cache') this.refreshFromHq(step.id.member.id);
    return { status: 'identified', home };
  }

  /**
   * Records the identification in one transaction: the token's nonce (false if it was used meanwhile: nothing
   * written), HQ's answer for the cache, and the member.identified event (member id and source only).
   */
  private accept(id: Identification, source: string, now: Date): boolean {
    const { db } = this.o;
    return db.transaction((): boolean => {
      if (id.token && !recordNonce(db, id.token, now)) return false;
      if (id.token) pruneNonces(db, now);
      if (id.fromHq) {
        cacheMember(db, id.fromHq.member, now);
        if (id.fromHq.cardHash) cacheCard(db, id.fromHq.cardHash, id.fromHq.member.id, now);
      }
      enqueueEvent(db, { type: 'member.identified', payload: { memberId: id.member.id, source } }, now);
      return true;
    }).immediate();
  }

  /** A member served from the cache is refreshed from HQ in the background, so the next home shows HQ's figures. */
  private refreshFromHq(memberId: string): void {
    const { db, log, hq } = this.o;
    if (!hq?.online()) return;
    void askHq(hq, { by: 'memberId', memberId }).then((answer) => {
      if (answer.kind === 'found') {
        db.transaction(() => {
          cacheMember(db, answer.member, this.now());
          if (answer.cardHash) cacheCard(db, answer.cardHash, memberId, this.now());
        })();
        log.info('member refreshed from HQ');
      } else if (answer.kind === 'not_found') {
        forgetMember(db, memberId);
        this.sessions.dropMember(memberId);
        log.warn('HQ no longer knows a cached member; forgotten, session ended');
      }
    }).catch((err: unknown) => log.warn('member refresh failed', { err: (err as Error).message }));
  }

  home({ memberSession }: ApiParsedParams<'member.home'>): ApiResult<'member.home'> {
    const { session, member } = this.sessionMember(memberSession);
    return { home: this.homeFor(session, member, this.now()) };
  }

  claim({ memberSession, couponId, claimId }: ApiParsedParams<'member.claim'>, wall?: WallContext, grant?: ClaimGrant): ApiResult<'member.claim'> {
    const { session, member } = this.sessionMember(memberSession);
    const now = this.now();
    const outcome = claimOffer(this.o.db, { member, couponId, claimId, now, timeZone: this.timeZone(), ...(wall ? { wall } : {}), ...(grant ? { grant } : {}) });
    if (outcome.status === 'conflict') {
      this.o.log.warn('claim refused: claimId reused', { detail: outcome.detail });
      throw new DomainError('conflict', 'invalid_params', outcome.detail, [{ path: 'claimId', message: 'already used for another claim; make a new claimId' }]);
    }
    if (outcome.status === 'refused') {
      this.o.log.info('claim refused', { couponId, reason: outcome.reason, detail: outcome.detail });
      return { status: 'refused', reason: outcome.reason, home: this.homeFor(session, member, now) };
    }
    if (!outcome.repeated) {
      this.o.log.info('coupon claimed', { couponId, claimId, channel: wall ? 'wall' : 'guide' });
      this.o.onEventWritten?.();
    }
    return { status: 'claimed', claimId, home: this.homeFor(session, member, now) };
  }

  signOut({ memberSession }: ApiParsedParams<'member.signOut'>): ApiResult<'member.signOut'> {
    // Signing out twice (a double tap, a retry) is not an error: the session is gone either way.
    this.sessions.end(memberSession, 'signed-out');
    return {};
  }

  /** Marks a member session as in use (no database read); false when it is gone. */
  keepAlive(memberSession: string): boolean {
    return this.sessions.touch(memberSession);
  }

  /** The member behind a live session (marked as used now); throws member_session_gone. */
  memberOf(memberSession: string): { member: Member; maskedName: string } {
    const { session, member } = this.sessionMember(memberSession);
    return { member, maskedName: member === session.provisional ? '会员' : maskName(member.name) };
  }

  private sessionMember(id: string): { session: MemberSession; member: Member } {
    const session = this.sessions.use(id);
    if (!session) throw memberSessionGone();
    const member = cachedMember(this.o.db, session.memberId) ?? session.provisional;
    if (!member) {
      this.sessions.end(id, 'signed-out');
      throw memberSessionGone();
    }
    return { session, member };
  }

  private homeFor(session: MemberSession, member: Member, now: Date): MemberHome {
    const { db, hq } = this.o;
    const provisional = member === session.provisional;
    return composeHome({
      memberSession: session.id,
      member,
      claims: claimsOfMember(db, member.id),
      md: decideForMember(db, member, now, { timeZone: this.timeZone() }),
      freshness: provisional || !hq?.online() ? 'local' : 'hq',
      now,
      timeZone: this.timeZone(),
      ...(provisional ? { maskedName: '会员' } : {}),
    });
  }
}
