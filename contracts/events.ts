// Device events (kiosk -> HQ on devices/{device}/events): every event type with its payload schema, declared once.
// `DeviceEvent` is the discriminated union by `type`; the agent's outbox writes only what fits it, the agent parses
// each outbox row with it before sending, and HQ parses what arrives with it. Payload schemas stay as permissive as
// what agents have written so far, so an event still waiting in an older agent's outbox parses when it is sent.
import { ContentPlayed, ContentPlayedHourly } from './content.ts';
import { z } from 'zod';
import { ClaimEventPayload } from './members.ts';
import { DeviceEventEnvelope, Segment } from './mqtt-payloads.ts';
import { ShellRecovery } from './shell.ts';
import { StaffAuditPayload } from './staff.ts';
import { SurveyAnsweredPayload, SurveyRefusedPayload } from './survey.ts';
import { FeedbackSubmittedPayload } from './feedback.ts';
import {
  WALL_EVENT_TYPES, WallCouponShownPayload, WallEngagedPayload, WallExpressionHourlyPayload, WallImpressionPayload, WallOfferWithheldPayload,
} from './wall.ts';

/** The outbox event types for member actions, by ClaimEventPayload.via. */
export const CLAIM_EVENT_TYPES = { claim: 'coupon.claimed', exchange: 'points.exchange.requested' } as const;
export const STAFF_AUDIT_EVENT = 'staff.audit';
/** The outbox event types of surveys (contracts/survey.ts). */
export const SURVEY_EVENT_TYPES = { answered: 'survey.answered', refused: 'survey.refused' } as const;

/** The agent started (one per start of the agent process). */
export const DeviceStartedPayload = z.object({ deviceId: Segment, agentVersion: z.string().max(32) });
/** A member was identified at the kiosk: the member id and how (wedge, camera, card...), nothing else. */
export const MemberIdentifiedPayload = z.object({ memberId: z.string().min(1).max(64), source: z.string().min(1).max(32) });
/** A recovery the kiosk shell performed (contracts/shell.ts ShellRecovery without its message type and id: the id is the eventId). */
export const ShellRecoveryPayload = ShellRecovery.omit({ type: true, id: true });
/** A shopper's rating. The Atrium agent does not write it yet; third-party kiosks may (HQ stores it like any event). */
export const FeedbackGivenPayload = z.object({ score: z.number().int().min(1).max(5) });

type EventSpec = {
  payload: z.ZodType<Record<string, unknown>>;
  /** The payload schema's export name and file, for docs/mqtt.md. */
  schema: string;
  file: string;
  /** When the event is written, in one line. */
  description: string;
};

/** Every device event type: its payload schema and when it is written. docs/mqtt.md's event list is generated from this. */
export const DEVICE_EVENTS = {
  'device.started': {
    payload: DeviceStartedPayload, schema: 'DeviceStartedPayload', file: 'events.ts', description: 'the agent started',
  },
  'shell.recovery': {
    payload: ShellRecoveryPayload, schema: 'ShellRecoveryPayload', file: 'events.ts', description: 'the kiosk shell reloaded a page, relaunched a window, browser or app, or restarted the agent',
  },
  'member.identified': {
    payload: MemberIdentifiedPayload, schema: 'MemberIdentifiedPayload', file: 'events.ts', description: 'a member scanned a member code or card and was identified',
  },
  [CLAIM_EVENT_TYPES.claim]: {
    payload: ClaimEventPayload, schema: 'ClaimEventPayload', file: 'members.ts', description: 'a member claimed a coupon (guide screen or wall); HQ answers on claims/result',
  },
  [CLAIM_EVENT_TYPES.exchange]: {
    payload: ClaimEventPayload, schema: 'ClaimEventPayload', file: 'members.ts', description: 'a member exchanged points for a coupon; HQ answers on claims/result',
  },
  [STAFF_AUDIT_EVENT]: {
    payload: StaffAuditPayload, schema: 'StaffAuditPayload', file: 'staff.ts', description: 'an entry of the staff audit log (sign-ins, setting changes, actions)',
  },
  [WALL_EVENT_TYPES.impression]: {
    payload: WallImpressionPayload, schema: 'WallImpressionPayload', file: 'wall.ts', description: 'a wall session started (someone stepped up, or tapped to play)',
  },
  [WALL_EVENT_TYPES.engaged]: {
    payload: WallEngagedPayload, schema: 'WallEngagedPayload', file: 'wall.ts', description: 'the first face reading of a wall session',
  },
  [WALL_EVENT_TYPES.couponShown]: {
    payload: WallCouponShownPayload, schema: 'WallCouponShownPayload', file: 'wall.ts', description: 'the wall showed a coupon with its claim QR',
  },
  [WALL_EVENT_TYPES.offerWithheld]: {
    payload: WallOfferWithheldPayload, schema: 'WallOfferWithheldPayload', file: 'wall.ts', description: 'the hold-out arm: a coupon the rules picked was not shown',
  },
  [WALL_EVENT_TYPES.expressionHourly]: {
    payload: WallExpressionHourlyPayload, schema: 'WallExpressionHourlyPayload', file: 'wall.ts', description: 'wall sessions per steady expression in one finished hour (the only form in which expressions leave the kiosk)',
  },
  'feedback.given': {
    payload: FeedbackGivenPayload, schema: 'FeedbackGivenPayload', file: 'events.ts', description: 'a shopper rated something (from third-party kiosks; not written by this agent yet)',
  },
  'content.played': {
    payload: ContentPlayed, schema: 'ContentPlayed', file: 'content.ts', description: 'proof of play: one item of the attract loop shown, how long, and how it ended',
  },
  'content.played.hourly': {
    payload: ContentPlayedHourly, schema: 'ContentPlayedHourly', file: 'content.ts', description: 'proof of play rolled up (display setting `proofOfPlay: hourly`): one campaign creative\'s items in one finished UTC hour, counted by outcome, with their time on screen',
  },
  [SURVEY_EVENT_TYPES.answered]: {
    payload: SurveyAnsweredPayload, schema: 'SurveyAnsweredPayload', file: 'survey.ts', description: 'a shopper answered a survey (one response per member per survey); HQ answers on surveys/result',
  },
  [SURVEY_EVENT_TYPES.refused]: {
    payload: SurveyRefusedPayload, schema: 'SurveyRefusedPayload', file: 'survey.ts', description: 'the kiosk refused a survey HQ sent (malformed, or a question type it does not support), with the reason',
  },
  'feedback.submitted': {
    payload: FeedbackSubmittedPayload, schema: 'FeedbackSubmittedPayload', file: 'feedback.ts', description: 'a shopper gave feedback at the kiosk and got a ticket number (a phone contact only sealed for HQ)',
  },
} as const satisfies Record<string, EventSpec>;

export type DeviceEventType = keyof typeof DEVICE_EVENTS;
export type DeviceEventPayload<T extends DeviceEventType> = z.output<(typeof DEVICE_EVENTS)[T]['payload']>;
export const DEVICE_EVENT_TYPES = Object.keys(DEVICE_EVENTS) as DeviceEventType[];

/** One member of the union: the envelope with this type and its payload schema. */
const eventOf = <T extends DeviceEventType>(type: T) =>
  DeviceEventEnvelope.extend({ type: z.literal(type), payload: DEVICE_EVENTS[type].payload as (typeof DEVICE_EVENTS)[T]['payload'] });

/** An upstream event, by type. An unknown type is refused as "type: unknown event type <type>". */
export const DeviceEvent = z.discriminatedUnion('type', [
  eventOf('device.started'),
  eventOf('shell.recovery'),
  eventOf('member.identified'),
  eventOf(CLAIM_EVENT_TYPES.claim),
  eventOf(CLAIM_EVENT_TYPES.exchange),
  eventOf(STAFF_AUDIT_EVENT),
  eventOf(WALL_EVENT_TYPES.impression),
  eventOf(WALL_EVENT_TYPES.engaged),
  eventOf(WALL_EVENT_TYPES.couponShown),
  eventOf(WALL_EVENT_TYPES.offerWithheld),
  eventOf(WALL_EVENT_TYPES.expressionHourly),
  eventOf('feedback.given'),
  eventOf('content.played'),
  eventOf('content.played.hourly'),
  eventOf(SURVEY_EVENT_TYPES.answered),
  eventOf(SURVEY_EVENT_TYPES.refused),
  eventOf('feedback.submitted'),
], {
  error: (iss) => {
    if (iss.code !== 'invalid_union') return undefined;
    const type = (iss.input as { type?: unknown } | null)?.type;
    return typeof type === 'string' ? `unknown event type ${type.slice(0, 64)}` : 'an event type (string) is required';
  },
});
export type DeviceEvent = z.infer<typeof DeviceEvent>;

// Every type of DEVICE_EVENTS is a member of the union (a type added above but not listed there fails to compile).
type Unlisted = Exclude<DeviceEventType, DeviceEvent['type']>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** What a writer hands the outbox: an event type and a payload that fits it (the envelope is added when sent). */
export type DeviceEventInput = { [T in DeviceEventType]: { type: T; payload: DeviceEventPayload<T>; eventId?: string } }[DeviceEventType];

export function isClaimEventType(type: string): type is (typeof CLAIM_EVENT_TYPES)[keyof typeof CLAIM_EVENT_TYPES] {
  return type === CLAIM_EVENT_TYPES.claim || type === CLAIM_EVENT_TYPES.exchange;
}
