// The one logger (common/node/log.ts) that the agent, the shells and the HQ simulator write through: the line
// shape supervisors and tools parse, levels, child components, errors, redaction of secrets and member data, and
// the destinations built on it (the shell's raw forwarding, the HQ simulator's console and ring sinks).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger, recordSink, REDACTED, type LogRecord } from '../../../common/node/log.ts';
import { consoleLog, ringLog } from '../../../hq-sim/src/log.ts';
import { createShellLogger } from '../../../shell/core/log.ts';

function capture(level: Parameters<typeof createLogger>[0] = 'info', component = 'agent') {
  const lines: string[] = [];
  const log = createLogger(level, component, (l) => lines.push(l));
  return { log, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

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

  it('keeps the shape tools read: ts, level, component, msg, then the fields, on one line', () => {
    const { log, lines } = capture();
    log.always('agent ready', { port: 41234 });
    expect(lines[0]).toMatch(/^\{"ts":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","level":"info","component":"agent","msg":"agent ready","port":41234\}\n$/);
    expect(lines[0]).toContain('"msg":"agent ready","port":41234');
  });

  it('prints each level as a word and filters below the logger’s level; always() prints at any level', () => {
    const debug = capture('debug');
    for (const level of ['debug', 'info', 'warn', 'error'] as const) debug.log[level](level);
    expect(debug.records().map((r) => [r.level, r.msg])).toEqual([['debug', 'debug'], ['info', 'info'], ['warn', 'warn'], ['error', 'error']]);

    const quiet = capture('error');
    quiet.log.debug('no');
    quiet.log.info('no');
    quiet.log.warn('no');
    quiet.log.error('yes');
    quiet.log.always('agent ready', { port: 1 });
    expect(quiet.records().map((r) => [r.level, r.msg])).toEqual([['error', 'yes'], ['info', 'agent ready']]);
  });

  it('child components nest with dots and keep the parent’s level and destination', () => {
    const { log, records } = capture('warn');
    const sync = log.child('sync');
    sync.info('hidden');
    sync.child('outbox').warn('slow drain');
    log.error('top');
    expect(records().map((r) => r.component)).toEqual(['agent.sync.outbox', 'agent']);
  });

  it('serialises errors with name, message and stack wherever they are in the fields', () => {
    const { log, records } = capture();
    const err = new TypeError('bad input');
    log.error('failed', { err, nested: { cause: err }, list: [err] });
    const rec = records()[0]!;
    const plain = { name: 'TypeError', message: 'bad input', stack: expect.stringContaining('TypeError: bad input') };
    expect(rec).toMatchObject({ err: plain, nested: { cause: plain }, list: [plain] });
  });

  it('never prints a secret or a member’s card number, at the top level or nested', () => {
    const { log, lines, records } = capture();
    const secret = 'sk-7f3a9c1e-only-in-memory';
    const card = '6200123456789012';
    log.info('claim', {
      secret, token: secret, pin: '4321', pinHash: 'scrypt$abc', cardNumber: card, phone: '13800138000', plate: '粤B12345',
      authorization: `Bearer ${secret}`,
      member: { cardNumber: card, card, tier: 'gold', session: { secret } },
      headers: { authorization: `Bearer ${secret}` },
      count: 3,
    });
    const text = lines.join('');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(card);
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('4321');
    const rec = records()[0]!;
    expect(rec).toMatchObject({ secret: REDACTED, token: REDACTED, cardNumber: REDACTED, member: { cardNumber: REDACTED, card: REDACTED, tier: 'gold', session: { secret: REDACTED } }, count: 3 });
  });

  it('leaves the caller’s objects as they were (redaction works on the line, not the data)', () => {
    const { log } = capture();
    const member = { cardNumber: '6200123456789012', tier: 'gold' };
    log.info('member', { member });
    expect(member).toEqual({ cardNumber: '6200123456789012', tier: 'gold' });
  });

  it('writes to stdout synchronously by default: a line logged right before process.exit() is out', () => {
    const logModule = fileURLToPath(new URL('../../../common/node/log.ts', import.meta.url));
    const script = `import { createLogger } from ${JSON.stringify(logModule)}; const log = createLogger('info', 'agent'); for (let i = 0; i < 200; i++) log.info('line', { i, pad: 'x'.repeat(200) }); log.always('last'); process.exit(3);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(3);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(201);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ level: 'info', component: 'agent', msg: 'last' });
  });
});

describe('destinations of the one logger', () => {
  it('recordSink hands over parsed records', () => {
    const records: LogRecord[] = [];
    createLogger('info', 'hq', recordSink((r) => records.push(r))).warn('device offline', { deviceId: 'kiosk-a', token: 'x' });
    expect(records).toEqual([{ ts: expect.any(String), level: 'warn', component: 'hq', msg: 'device offline', fields: { deviceId: 'kiosk-a', token: REDACTED } }]);
  });

  it('the shell logger prints every level and forwards the agent’s own lines untouched', () => {
    const lines: string[] = [];
    const log = createShellLogger('electron', (l) => lines.push(l));
    log.debug('shortcut refused', { reason: 'reload' });
    const agentLine = '{"ts":"t","level":"info","component":"agent","msg":"agent ready","port":1}';
    log.raw(agentLine);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'debug', component: 'electron', msg: 'shortcut refused' });
    expect(lines[1]).toBe(`${agentLine}\n`);
  });

  it('the HQ simulator prints readable lines and keeps a ring of recent ones, through the same logger', () => {
    const printed: string[] = [];
    const log = consoleLog((l) => printed.push(l));
    log.info('published catalog', { version: 7, secret: 'hq-password' });
    expect(printed).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d info {2}published catalog \{"version":7,"secret":"\[redacted\]"\}$/)]);

    const ring = ringLog(2);
    ring.info('one');
    ring.warn('two');
    ring.error('three', { code: 5 });
    expect(ring.lines().map((l) => [l.level, l.msg, l.fields])).toEqual([['warn', 'two', undefined], ['error', 'three', { code: 5 }]]);
  });
});
