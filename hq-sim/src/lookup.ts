// Member look-ups: the answer (pure, over a member directory) and where it may be sent. HQ may publish anywhere,
// so it answers only on the asking device's own response topic, never on a topic a request merely names.
import type { Member } from '../../contracts/catalog.ts';
import { topics, type MemberLookupRequest, type MemberLookupResponse } from '../../contracts/mqtt.ts';

export type MemberDirectory = {
  memberById(id: string): Member | null;
  memberByCardHash(cardHash: string): Member | null;
  cardHashOf?(memberId: string): string | null;
};

export function answerLookup(req: MemberLookupRequest, members: MemberDirectory): MemberLookupResponse {
  const member = req.by === 'memberId' ? members.memberById(req.memberId) : members.memberByCardHash(req.cardHash);
  if (!member) return { found: false, member: null, cardHash: null };
  return { found: true, member, cardHash: req.by === 'cardHash' ? req.cardHash : (members.cardHashOf?.(member.id) ?? null) };
}

export const MAX_CORRELATION_BYTES = 256;

export type ReplyTarget = { ok: true; responseTopic: string; correlationData: Buffer } | { ok: false; reason: string };

/**
 * Checks the request's MQTT 5 properties: the response topic must be the device's own (its look-up answers, unless
 * the request is of another kind, e.g. a queue ticket: `expected`), correlation data present.
 */
export function lookupReplyTarget(
  mallId: string,
  deviceId: string,
  props: { responseTopic?: string | undefined; correlationData?: Buffer | undefined } | undefined,
  expected: string = topics.lookupResponse(mallId, deviceId),
): ReplyTarget {
  if (!props?.responseTopic) return { ok: false, reason: 'no responseTopic (an MQTT 5 request needs one)' };
  if (props.responseTopic !== expected) return { ok: false, reason: `responseTopic ${props.responseTopic} is not the device's own ${expected}` };
  const correlationData = props.correlationData;
  if (!correlationData || correlationData.length === 0) return { ok: false, reason: 'no correlationData' };
  if (correlationData.length > MAX_CORRELATION_BYTES) return { ok: false, reason: `correlationData longer than ${MAX_CORRELATION_BYTES} bytes` };
  return { ok: true, responseTopic: expected, correlationData };
}
