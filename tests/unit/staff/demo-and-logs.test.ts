// The agent's demo staff match the HQ simulator's (same people, PINs and cards, so either side's demo PIN works),
// the demo seed gives a fresh kiosk staff who can sign in, and diagnostics log lines lose member data.
import { describe, expect, it } from 'vitest';
import { StaffCredential } from '../../../contracts/mqtt.ts';
import { openDatabase } from '../../../edge-agent/src/db/open.ts';
import { seedDemoIfEmpty } from '../../../edge-agent/src/demo/seed.ts';
import { createLogger } from '../../../common/node/log.ts';
import { cardHash } from '../../../common/node/card-hash.ts';
import { cardSalt } from '../../../edge-agent/src/members/cards.ts';
import { DEMO_STAFF } from '../../../edge-agent/src/staff/demo-staff.ts';
import { LogRing, recordingLogger, scrubbedEntries } from '../../../edge-agent/src/staff/log-ring.ts';
import { verifyPin } from '../../../common/node/pin-hash.ts';
import { DEMO_STAFF as HQ_DEMO_STAFF } from '../../../hq-sim/src/demo-people.ts';
import { freshDataDir } from '../../support/agent-process.ts';

describe('demo staff', () => {
  it('are the HQ simulator\'s demo staff', () => {
    expect(DEMO_STAFF).toEqual(HQ_DEMO_STAFF);
  });

  it('are seeded with a fresh demo kiosk: valid credentials, PINs that verify, cards under the demo salt', async () => {
    const db = openDatabase(freshDataDir('atrium-demo-staff-'));
    try {
      seedDemoIfEmpty(db, createLogger('error', 'test', () => {}));
      const creds = (db.prepare('SELECT doc FROM staff ORDER BY staff_id').all() as { doc: string }[]).map((r) => StaffCredential.parse(JSON.parse(r.doc)));
      expect(creds.map((c) => c.staffId)).toEqual(['mgr-zhao', 'staff-li', 'tech-chen']);
      const salt = cardSalt(db)!;
      for (const s of DEMO_STAFF) {
        const c = creds.find((x) => x.staffId === s.staffId)!;
        expect(await verifyPin(s.pin, c.pinHash)).toBe(true);
        expect(c.cardHash).toBe(s.cardNumber ? cardHash(salt, s.cardNumber) : null);
      }
      // Seeding again changes nothing.
      const before = db.prepare('SELECT doc FROM staff ORDER BY staff_id').all();
      seedDemoIfEmpty(db, createLogger('error', 'test', () => {}));
      expect(db.prepare('SELECT doc FROM staff ORDER BY staff_id').all()).toEqual(before);
    } finally {
      db.close();
    }
  });
});

describe('log lines for diagnostics', () => {
  it('keep recent records of every component and drop member-looking fields and long numbers', () => {
    const printed: string[] = [];
    const ring = new LogRing(3);
    const log = recordingLogger(createLogger('info', 'agent', (l) => printed.push(l)), ring);
    log.debug('not kept');
    log.info('one');
    log.child('members').info('member identified', { memberId: 'M1003', memberSession: 'abc', source: 'wedge', ref: 'x1' });
    log.child('sync').warn('card 6200000000001003 looked up', { cardHash: 'ff', detail: 'phone 13800138000', attempt: 2 });
    log.error('last');
    expect(printed).toHaveLength(4);
    const entries = scrubbedEntries(ring);
    expect(entries.map((e) => `${e.component}:${e.msg}`)).toEqual(['agent.members:member identified', 'agent.sync:card [16 digits] looked up', 'agent:last']);
    expect(entries[0]!.fields).toEqual({ memberId: '[removed]', memberSession: '[removed]', source: 'wedge', ref: '[removed]' });
    expect(entries[1]!.fields).toEqual({ cardHash: '[removed]', detail: 'phone [11 digits]', attempt: 2 });
  });
});
