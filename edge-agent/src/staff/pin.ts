// The kiosk's side of staff PINs that the shared PIN hash code (common/node/pin-hash.ts: format, limits, scrypt)
// does not cover: a check's worth of work for a staff member who does not exist.
import { hashPin, PIN_SCRYPT, verifyPin } from '../../../common/node/pin-hash.ts';

/** Spent when the chosen staff member does not exist, so a wrong name costs as long as a wrong PIN. */
const DUMMY_HASH = hashPin('000000', PIN_SCRYPT, Buffer.alloc(16, 7));
export async function spendPinCheck(pin: string): Promise<void> {
  await verifyPin(pin, DUMMY_HASH);
}
