// The kiosk's feedback tables on a real SQLite file: a ticket and its outbox event in one transaction, numbers that
// never repeat (also after rows are deleted and the file is reopened), HQ's updates applied once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackSubmittedPayload } from '../../../contracts/feedback.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { applyFeedbackUpdate, memberTickets, writeTicket } from '../../../edge-agent/src/feedback/store.ts';
import { freshDataDir } from '../../support/agent-process.ts';

const NOW = new Date('2026-03-14T09:30:00.000Z');
let dir: string;
let db: Db;

const payload = (ticket: string, memberId: string | null = null): FeedbackSubmittedPayload => ({
  ticket, category: 'parking', storeId: null, rating: 2, text: '车位难找 🚗', language: 'zh-CN', memberId, memberTier: memberId ? 'gold' : null,
  contact: null, submittedAt: NOW.toISOString(),
});
const outbox = () => (db.prepare('SELECT type, payload FROM outbox ORDER BY seq').all() as { type: string; payload: string }[])
  .map((r) => ({ type: r.type, ticket: (JSON.parse(r.payload) as { ticket?: string }).ticket }));

beforeEach(() => {
  dir = freshDataDir();
  db = openDatabase(dir);
});
afterEach(() => db.close());

describe('feedback tickets on the kiosk', () => {
  it('writes the ticket and its outbox event together, numbered on', () => {
    expect(writeTicket(db, '1F', (t) => payload(t), NOW)).toBe('FB-1F-0001');
    expect(writeTicket(db, '1F', (t) => payload(t, 'M1002'), NOW)).toBe('FB-1F-0002');
    expect(outbox().filter((r) => r.type === 'feedback.submitted').map((r) => r.ticket)).toEqual(['FB-1F-0001', 'FB-1F-0002']);
  });

  it('a payload that does not fit its schema writes nothing and uses no number', () => {
    expect(() => writeTicket(db, '1F', (t) => ({ ...payload(t), rating: 9 }), NOW)).toThrow();
    expect(outbox().filter((r) => r.type === 'feedback.submitted')).toEqual([]);
    expect(writeTicket(db, '1F', (t) => payload(t), NOW)).toBe('FB-1F-0001');
  });

  it('never gives a number twice, after deletes and a reopen', () => {
    writeTicket(db, '1F', (t) => payload(t), NOW);
    writeTicket(db, '1F', (t) => payload(t), NOW);
    db.prepare('DELETE FROM feedback_tickets').run();
    db.close();
    db = openDatabase(dir);
    expect(writeTicket(db, '1F', (t) => payload(t), NOW)).toBe('FB-1F-0003');
  });

  it('applies HQ`s reply and resolution once, and keeps text only for a member`s ticket', () => {
    const anon = writeTicket(db, '1F', (t) => payload(t), NOW);
    const mine = writeTicket(db, '1F', (t) => payload(t, 'M1002'), NOW);
    expect((db.prepare('SELECT text FROM feedback_tickets WHERE ticket = ?').get(anon) as { text: string | null }).text).toBeNull();
    const reply = { updateId: 'fu_00000001', ticket: mine, kind: 'reply' as const, text: '已安排 arranged', at: NOW.toISOString() };
    expect(applyFeedbackUpdate(db, reply, NOW)).toBe('applied');
    expect(applyFeedbackUpdate(db, reply, NOW)).toBe('repeated');
    expect(applyFeedbackUpdate(db, { ...reply, ticket: 'FB-1F-9999', updateId: 'fu_00000002' }, NOW)).toBe('unknown');
    expect(applyFeedbackUpdate(db, { ...reply, updateId: 'fu_00000003', kind: 'resolve', text: 'done' }, NOW)).toBe('applied');
    // A late reply does not reopen a resolved ticket.
    expect(applyFeedbackUpdate(db, { ...reply, updateId: 'fu_00000004', text: 'late' }, NOW)).toBe('applied');
    const [t] = memberTickets(db, 'M1002');
    expect(t).toMatchObject({ ticket: mine, status: 'resolved', text: '车位难找 🚗' });
    expect(t!.updates.map((u) => u.kind)).toEqual(['reply', 'resolve', 'reply']);
    expect(memberTickets(db, 'M9999')).toEqual([]);
  });
});

describe('HQ`s feedback desk', () => {
  it('keeps a number a reset kiosk gives again as a new ticket, and a resent event once', async () => {
    const { FeedbackStore } = await import('../../../hq-sim/src/feedback/store.ts');
    const store = new FeedbackStore(freshDataDir('atrium-hq-feedback-'));
    try {
      const first = payload('FB-1F-0001');
      expect(store.record('kiosk-1', first, { phone: null, problem: null }, NOW)).toBe('new');
      expect(store.record('kiosk-1', first, { phone: null, problem: null }, NOW)).toBe('repeat');
      const again = { ...payload('FB-1F-0001'), text: 'after a reset', submittedAt: new Date(NOW.getTime() + 60_000).toISOString() };
      expect(store.record('kiosk-1', again, { phone: null, problem: null }, NOW)).toBe('reissued');
      const both = store.byTicket('FB-1F-0001');
      expect(both.map((t) => t.text)).toEqual(['after a reset', '车位难找 🚗']);
      store.addUpdate(both[0]!, { updateId: 'fu_00000009', kind: 'resolve', text: 'done', at: NOW });
      expect(store.byTicket('FB-1F-0001').map((t) => t.resolvedAt !== null)).toEqual([true, false]);
    } finally {
      store.close();
    }
  });
});
