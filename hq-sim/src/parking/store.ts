// The car park's own SQLite file in HQ's data folder (<data>/parking.db, WAL, synchronous=FULL): the cars parked now
// (plate, space, entry time, an optional entry-camera thumbnail) and members' parking coupons. Kept apart from hq.db
// so the car park's system stays its own thing, as in a real mall. The running HQ opens it for each request, and the
// `npm run hq -- parking park|list` tools open the same file, so a car parked from a terminal is found by the
// running demo at once (no broker or message needed). Everything read back is parsed; nothing is cast from JSON.
import type Database from 'better-sqlite3';
import path from 'node:path';
import { z } from 'zod';
import { LocalizedText } from '../../../contracts/members.ts';
import { SpaceCode } from '../../../contracts/parking.ts';
import type { ParkingCoupon } from './fee.ts';
import { openMigratedFile } from '../sqlite-file.ts';

export const PARKING_DB_FILE = 'parking.db';

const migrations = [
  `
  CREATE TABLE cars (plate TEXT PRIMARY KEY, space TEXT NOT NULL UNIQUE, entered_at TEXT NOT NULL, photo TEXT);
  CREATE TABLE member_coupons (member_id TEXT NOT NULL, coupon_id TEXT NOT NULL, title TEXT NOT NULL, hours INTEGER NOT NULL, PRIMARY KEY (member_id, coupon_id));
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
];

const CarRow = z.object({ plate: z.string(), space: SpaceCode, entered_at: z.iso.datetime({ offset: true }), photo: z.string().nullable() });
export type StoredCar = { plate: string; space: string; enteredAt: Date; photo: string | null };
const CouponRow = z.object({ coupon_id: z.string(), title: z.string(), hours: z.number().int().positive() });

const toCar = (row: unknown): StoredCar => {
  const r = CarRow.parse(row);
  return { plate: r.plate, space: r.space, enteredAt: new Date(r.entered_at), photo: r.photo };
};

export class ParkingStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openMigratedFile(path.join(dataDir, PARKING_DB_FILE), migrations);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  car(plate: string): StoredCar | null {
    const row = this.db.prepare('SELECT plate, space, entered_at, photo FROM cars WHERE plate = ?').get(plate);
    return row === undefined ? null : toCar(row);
  }

  cars(): StoredCar[] {
    return this.db.prepare('SELECT plate, space, entered_at, photo FROM cars ORDER BY space').all().map(toCar);
  }

  /** Parks a car (or moves it): a space holds one car, so whoever was in it leaves. */
  park(car: StoredCar): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM cars WHERE space = ? AND plate <> ?').run(car.space, car.plate);
      this.db.prepare(
        `INSERT INTO cars (plate, space, entered_at, photo) VALUES (?, ?, ?, ?)
         ON CONFLICT(plate) DO UPDATE SET space = excluded.space, entered_at = excluded.entered_at, photo = excluded.photo`,
      ).run(car.plate, car.space, car.enteredAt.toISOString(), car.photo);
    })();
  }

  leave(plate: string): boolean {
    return this.db.prepare('DELETE FROM cars WHERE plate = ?').run(plate).changes > 0;
  }

  coupons(memberId: string): ParkingCoupon[] {
    return this.db.prepare('SELECT coupon_id, title, hours FROM member_coupons WHERE member_id = ? ORDER BY coupon_id').all(memberId).map((row) => {
      const r = CouponRow.parse(row);
      return { couponId: r.coupon_id, title: LocalizedText.parse(JSON.parse(r.title)), hours: r.hours };
    });
  }

  giveCoupon(memberId: string, c: ParkingCoupon): void {
    this.db.prepare('INSERT OR REPLACE INTO member_coupons (member_id, coupon_id, title, hours) VALUES (?, ?, ?, ?)').run(memberId, c.couponId, JSON.stringify(c.title), c.hours);
  }
}
