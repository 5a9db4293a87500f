// The examples in docs/members.md: a real member token signed by the examples' fixed key, its claims, a card hash
// and a redemption code, plus the claim messages shared with docs/mqtt.md. Deterministic (fixed clock, key and
// nonce; Ed25519 signatures are deterministic), so the doc can be checked against this code.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemberTokenClaims } from '../../contracts/members.ts';
import { signMemberToken } from '../../common/node/member-token-sign.ts';
import { cardHash } from '../../common/node/card-hash.ts';
import { demoCardNumber } from './demo-people.ts';
import {
  EXAMPLE_CARD_SALT, EXAMPLE_EXCHANGE_ID, EXAMPLE_NOW, exampleSigningKey, protocolExamples, refreshExamples, type ProtocolExample,
} from './protocol-examples.ts';
import { redemptionCode } from './redemption.ts';

export const EXAMPLE_TOKEN_MEMBER = { id: 'M1002', tier: 'silver' } as const;
export const EXAMPLE_NONCE = 'q7Vd0nB3xY5kT2hL9wR4sA';

export function exampleTokenClaims(): MemberTokenClaims {
  const iat = Math.floor(EXAMPLE_NOW.getTime() / 1000);
  const key = exampleSigningKey();
  return MemberTokenClaims.parse({ kid: key.kid, mid: EXAMPLE_TOKEN_MEMBER.id, tier: EXAMPLE_TOKEN_MEMBER.tier, iat, exp: iat + 60, nonce: EXAMPLE_NONCE });
}

export function exampleToken(): string {
  return signMemberToken(exampleTokenClaims(), exampleSigningKey().privateKey);
}

/** Plain-text blocks of the doc, by id: `<!-- text: id -->` followed by a ```text block. */
export function memberTextBlocks(): Record<string, string> {
  const card = demoCardNumber(EXAMPLE_TOKEN_MEMBER.id);
  return {
    token: exampleToken(),
    'public-key': JSON.stringify(exampleSigningKey().hqKey),
    'card-hash': `sha256("${EXAMPLE_CARD_SALT}" + "${card}") = ${cardHash(EXAMPLE_CARD_SALT, card)}`,
    redemption: redemptionCode(exampleSigningKey(), EXAMPLE_EXCHANGE_ID),
  };
}

/** Every example docs/members.md may show: the MQTT ones (claims, look-ups) and the token's claims. */
export function memberDocExamples(): ProtocolExample[] {
  return [
    ...protocolExamples(),
    { id: 'token-claims', schema: 'MemberTokenClaims', topic: '(inside the token)', title: 'the decoded claims of the token above', value: exampleTokenClaims() },
  ];
}

const TEXT_BLOCK = /<!-- text: ([a-z0-9-]+) -->\n```text\n[\s\S]*?\n```/g;

export function refreshMemberDoc(markdown: string): string {
  const texts = memberTextBlocks();
  return refreshExamples(markdown, memberDocExamples()).replace(TEXT_BLOCK, (_block, id: string) => {
    const text = texts[id];
    if (text === undefined) throw new Error(`docs name a text block that does not exist: ${id}`);
    return `<!-- text: ${id} -->\n\`\`\`text\n${text}\n\`\`\``;
  });
}

// `node hq-sim/src/member-examples.ts --write docs/members.md` refreshes that file's examples.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--write');
  if (i >= 0 && process.argv[i + 1]) {
    const file = process.argv[i + 1]!;
    writeFileSync(file, refreshMemberDoc(readFileSync(file, 'utf8')));
  } else {
    for (const [id, text] of Object.entries(memberTextBlocks())) process.stdout.write(`${id}: ${text}\n`);
  }
}
