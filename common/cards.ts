// Membership cards: what counts as a card number, and how a reader's text is normalised before it is hashed. One
// rule for the renderer (which tells a scanner burst that is a card from a member code), the agent (which looks
// cards up) and the HQ simulator (which hashes them). Pure: the renderer compiles it; the hash is in
// common/node/card-hash.ts.
//
// The rule: a card number is
//   - a printed card number of 8 to 20 digits (the demo's and HQ's cards are 16; payment-style card numbers run
//     8-19), or
//   - an NFC card UID of 4, 7 or 10 bytes (ISO/IEC 14443 single, double and triple size UIDs) in hex: 8, 14 or 20
//     characters, as serial and wedge readers type them, optionally with ':' or '-' between the bytes;
// spaces and dashes anywhere are ignored and letters are upper-cased.
// Why this one: the renderer applied it already and its tests say what must NOT be a card (7 or 21 digits, an odd
// number of hex characters, letters beyond F), while the agent accepted anything of 4-32 letters or digits, which
// let a stray burst ("GGGGGGGG", "1234") go to HQ as a card look-up. Every card number a test, the docs or the
// demo uses is 16 digits or a 4- or 7-byte UID, so nothing valid is refused by the narrower rule.
import type { IdentifySource } from '../contracts/members.ts';

/** Digits of a printed card number, after normalisation. */
const PRINTED_NUMBER = /^\d{8,20}$/;
/** An NFC UID of 4, 7 or 10 bytes in hex, after normalisation. */
const NFC_UID = /^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$/;
/** An NFC UID with ':' between its bytes (readers that print UIDs like MAC addresses). */
const COLON_SEPARATED_BYTES = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})+$/;

/**
 * Card text as the hash sees it: spaces and dashes dropped, letters upper-cased. This is the documented hash input
 * (docs/members.md "Cards"), shared with HQ: changing it would change every card hash.
 */
export function normaliseCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** True for a normalised card number: 8-20 digits, or an NFC UID of 4, 7 or 10 bytes in hex. */
export function isCardNumber(normalised: string): boolean {
  return PRINTED_NUMBER.test(normalised) || NFC_UID.test(normalised);
}

/**
 * A reader's text as a normalised card number, or null when it is not one. Accepts the ':' byte separators of a
 * UID (only between every byte: "04:A1-B2:C3" mixes separators and is not a card).
 */
export function parseCardNumber(raw: string): string | null {
  const trimmed = raw.trim();
  const text = COLON_SEPARATED_BYTES.test(trimmed) ? trimmed.replaceAll(':', '') : trimmed;
  const normalised = normaliseCardNumber(text);
  return isCardNumber(normalised) ? normalised : null;
}

/** A scan as the agent gets it (member.identify's source and code). */
export type ScanInput = { source: IdentifySource; code: string };

/**
 * A keyboard-wedge burst (a card reader and a QR scanner both type like a keyboard): card text goes as `card`
 * (normalised: an NFC UID upper-cased without separators), everything else as `wedge` (a member code, or
 * something the agent will name malformed).
 */
export function classifyWedgeCode(raw: string): ScanInput {
  const card = parseCardNumber(raw);
  return card !== null ? { source: 'card', code: card } : { source: 'wedge', code: raw.trim() };
}
