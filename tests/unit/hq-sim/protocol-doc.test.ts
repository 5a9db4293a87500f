// docs/mqtt.md and docs/members.md: every JSON example parses with the schema it names, every message schema has
// one, claim events carry a valid ClaimEventPayload, the ACL example is what aclFor renders, and the member doc's
// token, card hash and redemption code are the real output of the code (the token verifies with the kiosk's check).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as members from '../../../contracts/members.ts';
import * as mqttContract from '../../../contracts/mqtt.ts';
import { checkMemberToken, decodeMemberToken } from '../../../common/node/member-token.ts';
import { aclFor } from '../../../hq-sim/src/acl.ts';
import { CLAIM_REJECTIONS, isClaimEventType } from '../../../hq-sim/src/claims.ts';
import { EXAMPLE_TOKEN_MEMBER, exampleTokenClaims, memberDocExamples, memberTextBlocks, refreshMemberDoc } from '../../../hq-sim/src/member-examples.ts';
import { EXAMPLE_NOW, exampleSigningKey, protocolExamples, refreshExamples } from '../../../hq-sim/src/protocol-examples.ts';
import { checkRedemptionCode } from '../../../hq-sim/src/redemption.ts';
import { repoRoot } from '../../support/agent-process.ts';

const contract = { ...mqttContract, ...members } as Record<string, unknown>;
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const blocksOf = (doc: string) => [...doc.matchAll(/```json (\w+)\n([\s\S]*?)\n```/g)].map((m) => ({ schema: m[1]!, text: m[2]! }));
const parserOf = (schema: string) => contract[schema] as { parse(v: unknown): unknown };

describe.each([
  ['docs/mqtt.md', 15],
  ['docs/members.md', 6],
])('%s', (file, atLeast) => {
  const doc = read(file);
  const blocks = blocksOf(doc);

  it('has JSON examples, each naming a schema of contracts/mqtt.ts or contracts/members.ts', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(atLeast);
    for (const b of blocks) expect(Object.keys(contract)).toContain(b.schema);
    expect(doc).not.toMatch(/```json\s*\n/); // no example without a schema name
  });

  it.each(blocks.map((b, i) => [i + 1, b.schema, b] as const))('example %i parses with %s', (_i, schema, b) => {
    const value: unknown = JSON.parse(b.text);
    expect(parserOf(schema).parse(value)).toEqual(value); // valid, and already in its parsed form (defaults written out)
    const event = value as { type?: string; payload?: unknown };
    if (schema === 'DeviceEvent' && isClaimEventType(event.type ?? '')) expect(members.ClaimEventPayload.parse(event.payload)).toEqual(event.payload);
  });

  it('is up to date with the code that generates its examples', () => {
    expect(file === 'docs/mqtt.md' ? refreshExamples(doc) : refreshMemberDoc(doc)).toBe(doc);
  });
});

describe('docs/mqtt.md', () => {
  const doc = read('docs/mqtt.md');
  const blocks = blocksOf(doc);

  it('shows an example of every message, claims and their results included', () => {
    const shown = new Set(blocks.map((b) => b.schema));
    for (const e of protocolExamples()) expect(shown, e.schema).toContain(e.schema);
    expect(shown).toContain('ClaimResult');
    expect(doc).toContain('| `devices/{device}/claims/result` | HQ → kiosk | 1 | no | `ClaimResult`');
  });

  it('shows every generated example (names match protocol-examples.ts)', () => {
    for (const e of protocolExamples()) expect(doc).toContain(`<!-- example: ${e.id} -->`);
  });

  it('shows the ACL that aclFor renders', () => {
    const m = /<!-- acl-example -->\n```text\n([\s\S]*?)```/.exec(doc);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(aclFor({ hqUsers: ['hq'], devices: [{ id: 'demo-kiosk-1', mall: 'demo-mall' }, { id: 'demo-kiosk-2', mall: 'demo-mall' }] }));
    expect(m![1]).toContain('pattern read atrium/v1/+/devices/%u/claims/result');
  });
});

describe('docs/members.md', () => {
  const doc = read('docs/members.md');
  const text = (id: string) => new RegExp(`<!-- text: ${id} -->\\n\`\`\`text\\n([^\\n]*)\\n\`\`\``).exec(doc)?.[1];

  it('shows a real token that the kiosk`s own check accepts with the example key, and its decoded claims', () => {
    const token = text('token');
    expect(token).toBe(memberTextBlocks().token);
    const key = exampleSigningKey().hqKey;
    expect(text('public-key')).toBe(JSON.stringify(key));
    const atIssue = checkMemberToken(token!, [key], EXAMPLE_NOW);
    expect(atIssue).toEqual({ ok: true, claims: exampleTokenClaims() });
    expect(atIssue.ok && atIssue.claims).toMatchObject({ mid: EXAMPLE_TOKEN_MEMBER.id, tier: EXAMPLE_TOKEN_MEMBER.tier });
    // the same token two minutes later is expired (60 s lifetime + 30 s skew), and with another key it is unknown
    expect(checkMemberToken(token!, [key], new Date(EXAMPLE_NOW.getTime() + 120_000))).toMatchObject({ ok: false, reason: 'expired' });
    expect(checkMemberToken(token!, [{ ...key, kid: 'other' }], EXAMPLE_NOW)).toMatchObject({ ok: false, reason: 'unknown_key' });
    // the decoded claims shown in the doc are the token's
    const claimsBlock = /<!-- example: token-claims -->\n[\s\S]*?```json MemberTokenClaims\n([\s\S]*?)\n```/.exec(doc);
    const decoded = decodeMemberToken(token!);
    expect(decoded.ok && decoded.claims).toEqual(JSON.parse(claimsBlock![1]!));
  });

  it('shows a redemption code that verifies with the example key and names the confirmed claim', () => {
    const code = text('redemption')!;
    const confirmed = memberDocExamples().find((e) => e.id === 'claim-confirmed')!.value as { claimId: string; redemptionCode: string };
    expect(code).toBe(confirmed.redemptionCode);
    expect(checkRedemptionCode(code, [exampleSigningKey().hqKey])).toEqual({ ok: true, claimId: confirmed.claimId, kid: exampleSigningKey().kid });
    expect(checkRedemptionCode(code.replace(confirmed.claimId, 'cl_someoneElse00001'), [exampleSigningKey().hqKey])).toMatchObject({ ok: false });
  });

  it('names every claim rejection code HQ uses', () => {
    for (const code of CLAIM_REJECTIONS) expect(doc).toContain(`\`${code}\``);
  });
});
