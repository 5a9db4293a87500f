// HQ's X25519 key for feedback contacts: made once per HQ data folder (<data>/feedback-x25519.json, mode 0600), its
// public half published retained on catalog/feedback-key with the ticket follow link, so kiosks seal a shopper's phone
// number for HQ alone (common/node/feedback-seal.ts).
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FeedbackKeyMessage } from '../../../contracts/feedback.ts';
import { newHqSealKey, type HqSealKey } from '../../../common/node/feedback-seal.ts';

export const FEEDBACK_KEY_FILE = 'feedback-x25519.json';

/** Where the demo's shoppers follow a ticket (a real mall's mini-program link in production). */
export const DEMO_FOLLOW_URL = 'https://m.atrium.example/feedback/{ticket}';

const StoredKey = z.object({
  kid: z.string(),
  privateJwk: z.object({ kty: z.literal('OKP'), crv: z.literal('X25519'), d: z.string().length(43), x: z.string().length(43) }),
  createdAt: z.string(),
});

const kidOf = (x: string) => `fbk-${createHash('sha256').update(Buffer.from(x, 'base64url')).digest('base64url').slice(0, 12)}`;

export function loadOrCreateFeedbackKey(dataDir: string, now: Date = new Date()): HqSealKey & { createdAt: string } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, FEEDBACK_KEY_FILE);
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    const parsed = StoredKey.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file} is not HQ's feedback key`);
    return parsed.data;
  }
  const fresh = newHqSealKey('pending');
  const key = { ...fresh, kid: kidOf(fresh.privateJwk.x), createdAt: now.toISOString() };
  writeFileSync(file, JSON.stringify(key, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/** The retained message kiosks receive: the public key only. publishedAt is the key's creation (the message is the same each start). */
export function feedbackKeyMessage(mallId: string, key: HqSealKey & { createdAt: string }, followUrlTemplate = DEMO_FOLLOW_URL): FeedbackKeyMessage {
  return FeedbackKeyMessage.parse({ mallId, kid: key.kid, publicKey: key.privateJwk.x, followUrlTemplate, publishedAt: key.createdAt });
}
