import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../common/node/log.ts';

describe('createLogger', () => {
  it('writes one JSON object per line, filtered by level, with the component path', () => {
    const lines: string[] = [];
    const log = createLogger('info', 'agent', (l) => lines.push(l));
    log.debug('hidden');
    log.child('db').warn('slow', { ms: 12, err: new Error('boom') });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    const rec = JSON.parse(lines[0]!);
    expect(rec).toMatchObject({ level: 'warn', component: 'agent.db', msg: 'slow', ms: 12, err: { name: 'Error', message: 'boom' } });
    expect(Date.parse(rec.ts)).not.toBeNaN();
  });
});
