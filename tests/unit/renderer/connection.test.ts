import { describe, expect, it } from 'vitest';
import { nextSlideIndex } from '../../../renderer/src/attract/rotation.ts';
import { backoffDelay } from '../../../contracts/backoff.ts';
import { bootstrapChanged, connectionAfterFailure, isAgentDown, isNotPaired, reconnectBackoff, type Bootstrap } from '../../../renderer/src/api/connectionState.ts';
import { signalsAskForReload } from '../../../renderer/src/feeds/reloadSignals.ts';

describe('connection after a failure', () => {
  it('a missing or rejected secret means "not paired": retrying cannot help', () => {
    expect(connectionAfterFailure('not_paired', 'no code', 1, 0)).toEqual({ kind: 'not-paired', reason: 'no code' });
    expect(connectionAfterFailure('unauthorized', 'wrong secret', 3, 0).kind).toBe('not-paired');
    expect(isNotPaired('unauthorized')).toBe(true);
    expect(isNotPaired('network')).toBe(false);
  });

  it('anything else means "unavailable", retried after the backoff for that attempt', () => {
    expect(connectionAfterFailure('network', 'refused', 1, 10_000, () => 0.5)).toEqual({ kind: 'unavailable', attempt: 1, retryAt: 11_000, reason: 'refused' });
    expect(connectionAfterFailure('bad_response', 'odd', 3, 10_000, () => 0.5)).toMatchObject({ kind: 'unavailable', retryAt: 14_000 });
  });

  it('only a network failure takes the whole screen down from the middle of a session', () => {
    expect(isAgentDown('network')).toBe(true);
    expect(isAgentDown('invalid_params')).toBe(false);
  });

  it('notices when the bootstrap answer changes', () => {
    const boot: Bootstrap = {
      mall: { id: 'm', name: { zh: '星河广场' } }, device: { id: 'd', role: 'guide' },
      display: { role: 'guide', orientation: 'auto', language: 'zh-CN', idleTimeoutSec: 60, attractIntervalSec: 7, camera: true, expressionMode: 'opt-in', mapBearingDeg: 0, routeShareUrl: 'https://mp.atrium.example/route', proofOfPlay: 'each' },
      catalogVersion: 1, floors: ['1F'],
    };
    expect(bootstrapChanged(boot, structuredClone(boot))).toBe(false);
    expect(bootstrapChanged(boot, { ...boot, catalogVersion: 2 })).toBe(true);
    expect(bootstrapChanged(boot, { ...boot, display: { ...boot.display, idleTimeoutSec: 30 } })).toBe(true);
  });
});

describe('reconnect backoff', () => {
  it.each([
    [1, 1_000], [2, 2_000], [3, 4_000], [4, 8_000], [5, 16_000], [6, 30_000], [50, 30_000],
  ])('attempt %i waits %i ms without jitter', (attempt, expected) => {
    expect(backoffDelay(attempt, reconnectBackoff, () => 0.5)).toBe(expected);
  });

  it('jitter spreads the delay by ±25% and never passes the cap', () => {
    expect(backoffDelay(3, reconnectBackoff, () => 0)).toBe(3_000);
    expect(backoffDelay(3, reconnectBackoff, () => 0.999999)).toBe(5_000);
    expect(backoffDelay(20, reconnectBackoff, () => 0.999999)).toBeLessThanOrEqual(30_000);
  });
});

describe('reload signals', () => {
  const base = { reloadSeq: 2, configVersion: 7 };
  it.each([
    [null, base, false],
    [base, base, false],
    [base, { reloadSeq: 3, configVersion: 7 }, true],
    [base, { reloadSeq: 2, configVersion: 8 }, true],
    [base, { reloadSeq: 2, configVersion: 6 }, true],
    [base, { reloadSeq: 0, configVersion: 7 }, false],
  ] as const)('baseline %j, latest %j: reload %s', (baseline, latest, expected) => {
    expect(signalsAskForReload(baseline, latest)).toBe(expected);
  });
});

describe('attract rotation', () => {
  it.each([[0, 3, 1], [2, 3, 0], [0, 1, 0], [0, 0, 0], [5, 0, 0]])('after %i of %i comes %i', (index, count, next) => {
    expect(nextSlideIndex(index, count)).toBe(next);
  });
});
