// What the kiosk shows for a queuing restaurant (edge-agent/src/queue/status-view.ts): live figures only when HQ is
// reachable and its status is fresh; otherwise the reason, never made-up figures. And HQ's message parsed on receipt.
import { describe, expect, it } from 'vitest';
import { QueueStatusMessage, QUEUE_STATUS_MAX_AGE_SEC } from '../../../contracts/queue.ts';
import { receive } from '../../../common/mqtt-receive.ts';
import { DOWNSTREAM_ROUTES, topics } from '../../../contracts/mqtt.ts';
import { queueViews } from '../../../edge-agent/src/queue/status-view.ts';

const now = new Date('2026-12-08T02:00:00.000Z');
const ago = (sec: number) => new Date(now.getTime() - sec * 1000).toISOString();
const classes = [{ sizeClass: 'small' as const, tables: 10, waiting: 3, nowCalling: 'A012', estimatedWaitMin: 26 }];
const message = (publishedAt: string): QueueStatusMessage => ({ mallId: 'demo-mall', publishedAt, stores: [{ storeId: 's-hotpot', open: true, classes }] });

describe('queue views', () => {
  it('live when online and fresh', () => {
    expect(queueViews({ storeIds: ['s-hotpot'], latest: message(ago(30)), online: true, now })).toEqual([
      { storeId: 's-hotpot', state: 'live', open: true, classes, asOf: ago(30) },
    ]);
  });
  it.each([
    ['offline', message(ago(5)), false, 'offline'],
    ['older than the bound', message(ago(QUEUE_STATUS_MAX_AGE_SEC + 1)), true, 'stale'],
    ['far in the future (a wrong clock)', message(ago(-QUEUE_STATUS_MAX_AGE_SEC - 60)), true, 'stale'],
    ['never received', null, true, 'no_status'],
  ] as const)('%s: unavailable (%s)', (_what, latest, online, reason) => {
    expect(queueViews({ storeIds: ['s-hotpot'], latest, online, now })).toEqual([{ storeId: 's-hotpot', state: 'unavailable', reason }]);
  });
  it('a queuing store HQ sent nothing for: no_status', () => {
    expect(queueViews({ storeIds: ['s-bbq'], latest: message(ago(1)), online: true, now })[0]).toEqual({ storeId: 's-bbq', state: 'unavailable', reason: 'no_status' });
  });
});

describe('HQ`s queue status on receipt', () => {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  it('parses a valid message on catalog/queue', () => {
    const r = receive(DOWNSTREAM_ROUTES, topics.queueStatus('demo-mall'), json(message(ago(1))));
    expect(r).toMatchObject({ kind: 'message', route: 'queueStatus', data: { stores: [{ storeId: 's-hotpot' }] } });
  });
  it.each([
    ['a bad ticket number', { ...message(ago(1)), stores: [{ storeId: 's-hotpot', open: true, classes: [{ ...classes[0], nowCalling: 'Z9' }] }] }],
    ['a negative count', { ...message(ago(1)), stores: [{ storeId: 's-hotpot', open: true, classes: [{ ...classes[0], waiting: -1 }] }] }],
    ['no timestamp', { mallId: 'demo-mall', stores: [] }],
  ])('refuses %s with the field named', (_what, payload) => {
    const r = receive(DOWNSTREAM_ROUTES, topics.queueStatus('demo-mall'), json(payload));
    expect(r.kind).toBe('refused');
    expect((r as { reason: string }).reason).toMatch(/^wrong schema: \S+/);
  });
});
