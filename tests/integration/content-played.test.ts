// Proof of play through the local API: the page reports an item it showed, the agent writes a `content.played`
// event to its SQLite outbox (so HQ gets it, offline or not) and refuses a report that does not fit the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentPlayed } from '../../contracts/content.ts';
import { startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { queryDb } from '../support/sqlite-read.ts';

let agent: AgentProcess;
const played = {
  campaignId: 'cp-winter', creativeId: 'cr-winter-portrait', sha256: 'a'.repeat(64), display: { role: 'guide', orientation: 'portrait' },
  startedAt: '2026-12-07T10:00:00.000Z', durationMs: 7000, outcome: 'completed', detail: null,
};

describe('content.played', () => {
  beforeAll(async () => {
    agent = await startAgentProcess();
  });
  afterAll(async () => {
    await agent?.stop();
  });

  it('writes each report to the outbox as a content.played event', async () => {
    const r = await agent.call('content.played', played);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ recorded: true });
    const cut = await agent.call('content.played', { ...played, durationMs: 2100, outcome: 'cut' });
    expect(cut.status).toBe(200);
    const rows = queryDb<{ payload: string }>(agent.dataDir, "SELECT payload FROM outbox WHERE type = 'content.played' ORDER BY created_at, rowid");
    expect(rows.map((row) => ContentPlayed.parse(JSON.parse(row.payload)))).toEqual([played, { ...played, durationMs: 2100, outcome: 'cut' }]);
  });

  it('refuses a report that does not fit the contract and writes nothing', async () => {
    const before = queryDb<{ n: number }>(agent.dataDir, 'SELECT count(*) AS n FROM outbox')[0]!.n;
    const r = await agent.call('content.played', { ...played, outcome: 'skipped', sha256: 'not-a-hash' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_params');
    expect(queryDb<{ n: number }>(agent.dataDir, 'SELECT count(*) AS n FROM outbox')[0]!.n).toBe(before);
  });
});
