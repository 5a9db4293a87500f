// The demo mall's staff (fictional), seeded with the demo so the staff console can be tried without HQ. The same
// people, PINs and cards as the HQ simulator's (hq-sim/src/demo-people.ts); a unit test keeps the two in step.
import type { StaffCredential } from '../../../contracts/mqtt.ts';
import type { Db } from '../db/open.ts';
import { cardHash } from '../../../common/node/card-hash.ts';
import { hashPin } from '../../../common/node/pin-hash.ts';

export type DemoStaff = { staffId: string; name: string; role: StaffCredential['role']; pin: string; cardNumber: string | null };

export const DEMO_STAFF: readonly DemoStaff[] = [
  { staffId: 'staff-li', name: '李娜 (Li Na)', role: 'staff', pin: '246810', cardNumber: '9900000000000101' },
  { staffId: 'mgr-zhao', name: '赵强 (Zhao Qiang)', role: 'manager', pin: '135790', cardNumber: '9900000000000102' },
  { staffId: 'tech-chen', name: '陈工 (Chen, technician)', role: 'technician', pin: '908172', cardNumber: null },
];

/** Credentials as HQ would send them: scrypt PIN hashes (fresh salts) and card hashes under the mall's salt. */
export function demoStaffCredentials(salt: string | null): StaffCredential[] {
  return DEMO_STAFF.map((s) => ({
    staffId: s.staffId,
    name: s.name,
    role: s.role,
    pinHash: hashPin(s.pin),
    cardHash: s.cardNumber && salt ? cardHash(salt, s.cardNumber) : null,
  }));
}

/** Seeds the demo staff when the kiosk knows no staff at all (HQ's catalog replaces them when it arrives). */
export function seedDemoStaffIfNone(db: Db, salt: string | null): boolean {
  const n = (db.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n;
  if (n > 0) return false;
  const insert = db.prepare('INSERT INTO staff (staff_id, doc) VALUES (?, ?)');
  for (const s of demoStaffCredentials(salt)) insert.run(s.staffId, JSON.stringify(s));
  return true;
}
