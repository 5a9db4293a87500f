// Demo people HQ knows about: the demo mall's members (from the agent's demo data, with made-up card numbers)
// and a few staff with printed PINs. Fictional, for the demo and tests only.
import type { StaffCredential } from '../../contracts/mqtt.ts';
import type { Member } from '../../contracts/catalog.ts';
import { demoCardNumber, demoMembers } from '../../common/demo/catalog.ts';
import { cardHash } from '../../common/node/card-hash.ts';
import { hashPin } from '../../common/node/pin-hash.ts';

/** A demo member's card number (M1003 -> 6200000000001003): the one the agent's demo seed caches, from common/. */
export { demoCardNumber };

export type DemoMember = { member: Member; note: string; cardNumber: string };

export function demoMemberRecords(now: Date = new Date(), timeZone?: string): DemoMember[] {
  return demoMembers(now, timeZone).map(({ note, ...member }) => ({ member, note, cardNumber: demoCardNumber(member.id) }));
}

export type DemoStaff = { staffId: string; name: string; role: StaffCredential['role']; pin: string; cardNumber: string | null };

export const DEMO_STAFF: readonly DemoStaff[] = [
  { staffId: 'staff-li', name: '李娜 (Li Na)', role: 'staff', pin: '246810', cardNumber: '9900000000000101' },
  { staffId: 'mgr-zhao', name: '赵强 (Zhao Qiang)', role: 'manager', pin: '135790', cardNumber: '9900000000000102' },
  { staffId: 'tech-chen', name: '陈工 (Chen, technician)', role: 'technician', pin: '908172', cardNumber: null },
];

/** Hashes the demo staff's PINs (scrypt, fresh salts) and card numbers (mall salt) into catalog credentials. */
export function demoStaffCredentials(cardSalt: string, staff: readonly DemoStaff[] = DEMO_STAFF): StaffCredential[] {
  return staff.map((s) => ({
    staffId: s.staffId,
    name: s.name,
    role: s.role,
    pinHash: hashPin(s.pin),
    cardHash: s.cardNumber ? cardHash(cardSalt, s.cardNumber) : null,
  }));
}
