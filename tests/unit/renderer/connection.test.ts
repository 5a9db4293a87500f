import { describe, expect, it } from 'vitest';
import { nextSlideIndex } from '../../../renderer/src/attract/rotation.ts';
import { bootstrapChanged, connectionAfterFailure, isAgentDown, isNotPaired, type Bootstrap } from '../../../renderer/src/app/connectionState.ts';

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
      display: { role: 'guide', orientation: 'auto', language: 'zh-CN', idleTimeoutSec: 60, attractIntervalSec: 7 },
      catalogVersion: 1, floors: ['1F'],
    };
    expect(bootstrapChanged(boot, structuredClone(boot))).toBe(false);
    expect(bootstrapChanged(boot, { ...boot, catalogVersion: 2 })).toBe(true);
    expect(bootstrapChanged(boot, { ...boot, display: { ...boot.display, idleTimeoutSec: 30 } })).toBe(true);
  });
});

describe('attract rotation', () => {
  it.each([[0, 3, 1], [2, 3, 0], [0, 1, 0], [0, 0, 0], [5, 0, 0]])('after %i of %i comes %i', (index, count, next) => {
    expect(nextSlideIndex(index, count)).toBe(next);
  });
});
