// The wall.* API methods: a session per person, face crops classified on-device, a smoothed expression, and the
// coupon the decision engine picks once the expression is steady. A crop lives only for one classification in
// memory; HQ hears about impressions, engagements and offers (with the A/B arm) and hourly counts per bucket.
import { randomBytes } from 'node:crypto';
import type { ApiParsedParams, ApiResult } from '../../../contracts/api.ts';
import type { Member } from '../../../contracts/catalog.ts';
import type { DisplayConfig } from '../../../contracts/config.ts';
import type { Expression } from '../../../contracts/members.ts';
import {
  MAX_CROPS_PER_SEC, WALL_EVENT_TYPES, WallCouponShownPayload, WallEngagedPayload, WallImpressionPayload, WallOfferWithheldPayload,
  type WallState, type WallStatus,
} from '../../../contracts/wall.ts';
import { cameraDisabled, DomainError, memberSessionGone as memberSessionGoneError, wallSessionGone } from '../errors.ts';
import { offerCatalog } from '../catalog/offers.ts';
import type { Db } from '../db/open.ts';
import { assignArm } from '../decision/engine.ts';
import { checkModelFile, EXPRESSION_MODEL, loadManifest, modelEntry } from '../expression/manifest.ts';
import { loadExpressionModels, type ModelState } from '../expression/loader.ts';
import { CropError, decodeCrop } from '../expression/preprocess.ts';
import { DEFAULT_SMOOTHING, isSteady, smooth, type SmoothingParams } from '../expression/smoothing.ts';
import type { Logger } from '../../../common/node/log.ts';
import type { MemberService } from '../members/service.ts';
import { enqueueEvent, type OutboxEvent } from '../outbox.ts';
import { countExpression, flushFinishedHours } from './hourly.ts';
import { decideWallOffer } from './offer.ts';
import { WallSessions, type WallSession } from './sessions.ts';

export const DEFAULT_NOTICE = {
  zh: '摄像头已开启：仅在本机实时识别表情来挑选优惠，不保存、不上传任何画面，不识别身份、年龄或性别。',
  en: 'Camera on: your expression is read live on this screen only, to pick an offer. No image is stored or sent; no identity, age or gender is inferred.',
};

export type WallServiceOptions = {
  db: Db;
  log: Logger;
  mallId: string;
  modelsDir: string;
  threads: number;
  /** The effective display config, read at each use (HQ may switch the camera off). */
  display: () => DisplayConfig;
  onEventWritten?: () => void;
  now?: () => Date;
  /** The mall's time zone (the `timeZone` setting), for the offer rules' windows; Asia/Shanghai unless told. */
  timeZone?: string;
  /** A session with no observation for this long ends (the page stopped sending). */
  sessionIdleMs?: number;
  smoothing?: SmoothingParams;
  /** Members who scan their code at the wall (wall.member, wall.claim); without it those calls fail. */
  members?: Pick<MemberService, 'memberOf' | 'keepAlive' | 'claim' | 'signOut'>;
};

/** Crops closer together than this are answered from the current state, not classified again (the page's cap is 5/s). */
const MIN_CLASSIFY_INTERVAL_MS = Math.floor((1000 / MAX_CROPS_PER_SEC) * 0.75);
/** After a failed model load, the next wall call tries again after this long (staff may have run npm run models). */
const RETRY_LOAD_MS = 30_000;

export class WallService {
  private readonly o: WallServiceOptions;
  private readonly sessions: WallSessions;
  private readonly smoothing: SmoothingParams;
  private model: Promise<ModelState> | null = null;
  private modelTriedMs = 0;
  private timers: NodeJS.Timeout[] = [];

  constructor(o: WallServiceOptions) {
    this.o = o;
    this.smoothing = o.smoothing ?? DEFAULT_SMOOTHING;
    this.sessions = new WallSessions({
      idleMs: o.sessionIdleMs ?? 30_000,
      nowMs: () => this.now().getTime(),
      // The member who scanned at the wall is signed out with the session: nobody after them sees their wallet.
      onEnd: (session) => { if (session.member) this.o.members?.signOut({ memberSession: session.member.memberSession }); },
    });
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  start(): void {
    this.flushHours();
    this.sessions.start();
    this.timers.push(setInterval(() => this.flushHours(), 60_000));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.sessions.stop();
    const state = await this.model;
    this.model = null;
    if (state?.status === 'ok') await state.classifier.close();
  }

  /** The classifier, loading it on first use; a failed load is retried after a while. */
  models(): Promise<ModelState> {
    const nowMs = this.now().getTime();
    if (this.model) {
      const current = this.model;
      return current.then((s) => {
        if (s.status === 'ok' || nowMs - this.modelTriedMs <= RETRY_LOAD_MS) return s;
        // Several calls may see the old failure at once: only the first starts a new load.
        return this.model === current ? this.load() : this.model!;
      });
    }
    return this.load();
  }

  private load(): Promise<ModelState> {
    this.modelTriedMs = this.now().getTime();
    this.model = loadExpressionModels(this.o.modelsDir, this.o.threads).then((s) => {
      if (s.status === 'ok') this.o.log.info('expression model loaded', { model: s.entry.name, sha256: s.entry.sha256, threads: this.o.threads, ms: Math.round(s.loadMs) });
      else this.o.log.warn('wall camera disabled: expression model not usable', { status: s.status, reason: s.reason });
      return s;
    }, (err: unknown): ModelState => {
      this.o.log.error('wall camera disabled: loading the expression model failed', { err });
      return { status: 'failed', entry: null, reason: `loading the expression model failed: ${(err as Error).message}` };
    });
    return this.model;
  }

  async status(): Promise<WallStatus> {
    const display = this.o.display();
    const base = { mode: display.expressionMode, notice: display.privacyNotice ?? DEFAULT_NOTICE };
    if (!display.camera) {
      // Staff still see whether the model would be usable (a file check; the model is not loaded).
      return { ...base, camera: 'disabled', reason: 'the camera is switched off in this display\'s settings', model: this.fileStatus() };
    }
    if (display.role !== 'wall' && !this.model) {
      // A guide screen's staff console asks too: a file check, so onnxruntime and the model (~40 MB resident) are
      // loaded only by a wall. A guide that staff or HQ turn into a wall loads them on the wall's first call.
      return { ...base, camera: 'disabled', reason: `this display is a ${display.role} screen; the camera features run on a wall`, model: this.fileStatus() };
    }
    const s = await this.models();
    const model = s.entry ? { name: s.entry.name, sha256: s.entry.sha256, status: s.status } : null;
    if (s.status !== 'ok') return { ...base, camera: 'disabled', reason: s.reason, model };
    return { ...base, camera: 'ready', reason: null, model };
  }

  private fileStatus(): WallStatus['model'] {
    try {
      const entry = modelEntry(loadManifest(this.o.modelsDir), EXPRESSION_MODEL);
      return { name: entry.name, sha256: entry.sha256, status: checkModelFile(this.o.modelsDir, entry).status };
    } catch {
      return null;
    }
  }

  /** The classifier when the camera features are on; otherwise a camera_disabled error with the reason. */
  private async ready(): Promise<Extract<ModelState, { status: 'ok' }>> {
    if (!this.o.display().camera) throw cameraDisabled('the camera is switched off in this display\'s settings');
    const s = await this.models();
    if (s.status !== 'ok') throw cameraDisabled(s.reason);
    return s;
  }

  async startSession(): Promise<WallState> {
    await this.ready();
    const id = randomBytes(18).toString('base64url');
    const first = offerCatalog(this.o.db).experiments[0];
    const experiment = first ? { id: first.id, ...assignArm(first, id) } : null;
    const session = this.sessions.create(experiment, id);
    this.record({ type: WALL_EVENT_TYPES.impression, payload: WallImpressionPayload.parse({ wallSession: id, experiment: armRef(session) }) });
    this.o.log.debug('wall session started', { arm: experiment?.arm ?? null });
    return this.stateOf(session);
  }

  async observe({ wallSession, crop }: ApiParsedParams<'wall.observe'>): Promise<WallState> {
    const session = this.sessions.use(wallSession);
    if (!session) throw wallSessionGone();
    this.touchMember(session);
    // One observation of a session at a time, in arrival order; a failed one does not block the next.
    const run = session.queue.then(() => this.observeNow(session, crop));
    session.queue = run.catch(() => undefined);
    return run;
  }

  private async observeNow(session: WallSession, crop: ApiParsedParams<'wall.observe'>['crop']): Promise<WallState> {
    const atMs = this.now().getTime();
    if (crop === null) {
      session.smoothing = smooth(session.smoothing, { atMs, probs: null }, [], this.smoothing);
      return this.stateOf(session);
    }
    const model = await this.ready();
    let rgb: Uint8Array;
    try {
      rgb = decodeCrop(crop, model.classifier.spec);
    } catch (err) {
      if (err instanceof CropError) throw new DomainError('invalid', 'invalid_params', `bad face crop: ${err.message}`, [{ path: err.path, message: err.message }]);
      throw err;
    }
    if (atMs - session.lastClassifiedMs < MIN_CLASSIFY_INTERVAL_MS) return this.stateOf(session);
    session.lastClassifiedMs = atMs;
    const result = await model.classifier.classify(rgb);
    session.smoothing = smooth(session.smoothing, { atMs, probs: Array.from(result.probs) }, model.classifier.labels, this.smoothing);
    if (!session.engaged) {
      session.engaged = true;
      this.record({ type: WALL_EVENT_TYPES.engaged, payload: WallEngagedPayload.parse({ wallSession: session.id, experiment: armRef(session) }) });
    }
    if (isSteady(session.smoothing, atMs, this.smoothing)) this.onSteady(session, session.smoothing.bucket as Expression);
    return this.stateOf(session);
  }

  /** A steady bucket: counted once per session for the hourly aggregate; the offer is decided once it first matches. */
  private onSteady(session: WallSession, bucket: Expression): void {
    const now = this.now();
    session.lastSteady = bucket;
    if (!session.counted.has(bucket)) {
      session.counted.add(bucket);
      if (countExpression(this.o.db, bucket, now)) this.o.onEventWritten?.();
    }
    if (session.offer || session.withheld || session.decidedFor.has(bucket)) return;
    session.decidedFor.add(bucket);
    this.decide(session, bucket, now);
  }

  /** Runs the decision engine for the session (and its member, if one scanned) and records what it shows or withholds. */
  private decide(session: WallSession, bucket: Expression, now: Date): void {
    const member = session.member ? this.memberOf(session) : null;
    const d = decideWallOffer(this.o.db, { mallId: this.o.mallId, wallSession: session.id, expression: bucket, now, member, ...(this.o.timeZone ? { timeZone: this.o.timeZone } : {}) });
    if (d.offer && d.claimCode) {
      if (session.offer?.couponId === d.offer.couponId) return;
      session.offer = d.offer;
      session.offerBucket = bucket;
      this.record({
        type: WALL_EVENT_TYPES.couponShown,
        payload: WallCouponShownPayload.parse({ wallSession: session.id, couponId: d.offer.couponId, ruleId: d.offer.ruleId, claimCode: d.claimCode, experiment: armRef(session) }),
      });
      this.o.log.info('wall offer shown', { couponId: d.offer.couponId, ruleId: d.offer.ruleId, arm: session.experiment?.arm ?? null, member: member !== null });
    } else if (d.withheld && !session.withheld) {
      session.withheld = true;
      this.record({ type: WALL_EVENT_TYPES.offerWithheld, payload: WallOfferWithheldPayload.parse({ wallSession: session.id, ...d.withheld, experiment: armRef(session) }) });
      this.o.log.info('wall offer withheld (hold-out arm)', { couponId: d.withheld.couponId, arm: session.experiment?.arm ?? null });
    }
  }

  /**
   * A member scanned their code at the wall: the session decides for them from now on. With a steady expression the
   * coupon is decided again at once (their tier may call for a better one); if nothing fits them, the coupon on
   * screen stays and a claim says why not.
   */
  attachMember({ wallSession, memberSession }: ApiParsedParams<'wall.member'>): WallState {
    const session = this.sessions.use(wallSession);
    if (!session) throw wallSessionGone();
    const members = this.o.members;
    if (!members) throw memberSessionGoneError();
    const { member, maskedName } = members.memberOf(memberSession);
    const before = session.member;
    if (before && before.memberSession !== memberSession) members.signOut({ memberSession: before.memberSession });
    session.member = { memberSession, maskedName, tier: member.tier };
    this.o.log.info('member scanned at the wall', { tier: member.tier });
    if (session.lastSteady) this.decide(session, session.lastSteady, this.now());
    return this.stateOf(session);
  }

  /** Claims the coupon on the wall into the member's wallet (member.claim's checks, for the wall's bucket and arm). */
  claim({ wallSession, claimId }: ApiParsedParams<'wall.claim'>): ApiResult<'wall.claim'> {
    const session = this.sessions.use(wallSession);
    if (!session) throw wallSessionGone();
    if (!session.member || !this.o.members) throw new DomainError('conflict', 'nothing_to_claim', 'no member has scanned their code at this wall session; scan first (wall.member)');
    if (!session.offer || !session.offerBucket) throw new DomainError('conflict', 'nothing_to_claim', 'no coupon is on the wall for this session yet');
    return this.o.members.claim(
      { memberSession: session.member.memberSession, couponId: session.offer.couponId, claimId },
      { expression: session.offerBucket, wallSession: session.id },
    );
  }

  /** The session's member, marked as active (a member playing at the wall is not touching it); gone ones are let go. */
  private memberOf(session: WallSession): Member | null {
    if (!session.member || !this.o.members) return null;
    try {
      return this.o.members.memberOf(session.member.memberSession).member;
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'member_session_gone')) throw err;
      session.member = null;
      return null;
    }
  }

  /** Called at every observation (5 a second): only the session's clock, no member read from SQLite. */
  private touchMember(session: WallSession): void {
    if (session.member && this.o.members && !this.o.members.keepAlive(session.member.memberSession)) session.member = null;
  }

  end({ wallSession, reason }: ApiParsedParams<'wall.end'>): Record<string, never> {
    // Ending twice (a retry, a timeout racing the page) is not an error: the session is gone either way.
    if (this.sessions.end(wallSession, 'signed-out')) this.o.log.debug('wall session ended', { reason });
    return {};
  }

  get liveSessions(): number {
    return this.sessions.size;
  }

  private stateOf(s: WallSession): WallState {
    const confidence = s.smoothing.bucket === 'none' ? 0 : Math.min(1, Math.max(0, Math.round(s.smoothing.confidence * 1000) / 1000));
    const member = s.member ? { maskedName: s.member.maskedName, tier: s.member.tier } : null;
    return { wallSession: s.id, expression: s.smoothing.bucket, confidence, offer: s.offer, experiment: s.experiment, member };
  }

  private record(e: OutboxEvent): void {
    enqueueEvent(this.o.db, e, this.now());
    this.o.onEventWritten?.();
  }

  private flushHours(): void {
    try {
      if (flushFinishedHours(this.o.db, this.now())) this.o.onEventWritten?.();
    } catch (err) {
      this.o.log.warn('hourly expression counts not flushed', { err: (err as Error).message });
    }
  }
}

function armRef(s: WallSession): { id: string; arm: string } | null {
  return s.experiment ? { id: s.experiment.id, arm: s.experiment.arm } : null;
}
