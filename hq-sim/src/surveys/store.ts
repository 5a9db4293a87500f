// HQ's surveys in its own SQLite store (hq.db in HQ's data folder, beside claims): the survey sets it published (each
// version kept, so a response to an older version is checked against what the kiosk showed) and every response with
// HQ's decision, kept by responseId (a redelivered event gets the same result). The unique index is the one-response
// rule at HQ: one confirmed response per member per survey, whichever kiosk it came from. HqStore adds the confirmed
// points to a member's balance. The running demo HQ and `npm run hq -- survey ...` share the file.
import type Database from 'better-sqlite3';
import { splitSurveys, Survey, SurveyAnsweredPayload, SurveyResult } from '../../../contracts/survey.ts';
import type { SurveyDecision } from './decide.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS survey_sets (mall_id TEXT NOT NULL, version INTEGER NOT NULL, published_at TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (mall_id, version));
  CREATE TABLE IF NOT EXISTS survey_responses (
    response_id TEXT PRIMARY KEY, mall_id TEXT NOT NULL, device_id TEXT NOT NULL, survey_id TEXT NOT NULL, survey_version INTEGER NOT NULL,
    member_id TEXT, status TEXT NOT NULL, points INTEGER NOT NULL, detail TEXT, payload TEXT NOT NULL, result TEXT NOT NULL,
    decided_at TEXT NOT NULL, repeats INTEGER NOT NULL DEFAULT 0
  );
  CREATE UNIQUE INDEX IF NOT EXISTS survey_responses_one_per_member ON survey_responses (mall_id, survey_id, member_id)
    WHERE member_id IS NOT NULL AND status = 'confirmed';
`;

/** `raw`: the set as published (what kiosks get); `surveys`: those of it that pass the contract (what HQ decides on). */
export type SurveySet = { version: number; publishedAt: string; raw: unknown[]; surveys: Survey[] };
export type StoredResponse = {
  responseId: string; deviceId: string; surveyId: string; surveyVersion: number; memberId: string | null; status: 'confirmed' | 'rejected';
  points: number; detail: string | null; response: SurveyAnsweredPayload; result: SurveyResult; decidedAt: string; repeats: number;
};

type Row = { response_id: string; device_id: string; survey_id: string; survey_version: number; member_id: string | null; status: string; points: number; detail: string | null; payload: string; result: string; decided_at: string; repeats: number };

const fromRow = (r: Row): StoredResponse => ({
  responseId: r.response_id, deviceId: r.device_id, surveyId: r.survey_id, surveyVersion: r.survey_version, memberId: r.member_id,
  status: r.status === 'confirmed' ? 'confirmed' : 'rejected', points: r.points, detail: r.detail,
  response: SurveyAnsweredPayload.parse(JSON.parse(r.payload)), result: SurveyResult.parse(JSON.parse(r.result)), decidedAt: r.decided_at, repeats: r.repeats,
});

export class SurveyStore {
  private readonly db: Database.Database;
  private readonly mallId: string;

  constructor(db: Database.Database, mallId: string) {
    this.db = db;
    this.mallId = mallId;
    this.db.exec(SCHEMA);
  }

  /** The newest set HQ published, parsed again on read (what HQ publishes is what passes its own contract). */
  latestSet(): SurveySet | null {
    const row = this.db.prepare('SELECT version, published_at, doc FROM survey_sets WHERE mall_id = ? ORDER BY version DESC LIMIT 1').get(this.mallId) as { version: number; published_at: string; doc: string } | undefined;
    if (!row) return null;
    const raw = JSON.parse(row.doc) as unknown[];
    return { version: row.version, publishedAt: row.published_at, raw, surveys: splitSurveys(raw).surveys };
  }

  /**
   * Stores the next set version; returns it. Each survey is checked with the contract (a bad one throws with its
   * reason), unless `unchecked`: the simulator can then play an HQ that sends a malformed definition, to try kiosks.
   */
  publishSet(surveys: unknown[], now: Date, opts: { unchecked?: boolean } = {}): SurveySet {
    return this.db.transaction(() => {
      const version = (this.latestSet()?.version ?? 0) + 1;
      const raw = opts.unchecked ? surveys : surveys.map((s) => Survey.parse(s));
      this.db.prepare('INSERT INTO survey_sets (mall_id, version, published_at, doc) VALUES (?, ?, ?, ?)').run(this.mallId, version, now.toISOString(), JSON.stringify(raw));
      return { version, publishedAt: now.toISOString(), raw, surveys: splitSurveys(raw).surveys };
    }).immediate();
  }

  /** A survey at the version a kiosk answered, from any set HQ published. */
  surveyAt(id: string, version: number): Survey | null {
    const rows = this.db.prepare('SELECT doc FROM survey_sets WHERE mall_id = ? ORDER BY version DESC').all(this.mallId) as { doc: string }[];
    for (const r of rows) {
      const hit = splitSurveys(JSON.parse(r.doc) as unknown[]).surveys.find((s) => s.id === id && s.version === version);
      if (hit) return hit;
    }
    return null;
  }

  response(responseId: string): StoredResponse | null {
    const r = this.db.prepare('SELECT * FROM survey_responses WHERE response_id = ? AND mall_id = ?').get(responseId, this.mallId) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  hasConfirmed(surveyId: string, memberId: string): boolean {
    return Boolean(this.db.prepare("SELECT 1 FROM survey_responses WHERE mall_id = ? AND survey_id = ? AND member_id = ? AND status = 'confirmed'").get(this.mallId, surveyId, memberId));
  }

  /** Records a decided response (in the caller's transaction); the unique index refuses a second confirmed one. */
  record(deviceId: string, r: SurveyAnsweredPayload, d: SurveyDecision, result: SurveyResult): void {
    this.db.prepare(
      `INSERT INTO survey_responses (response_id, mall_id, device_id, survey_id, survey_version, member_id, status, points, detail, payload, result, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.responseId, this.mallId, deviceId, r.surveyId, r.surveyVersion, r.memberId, d.status, d.status === 'confirmed' ? d.points : 0,
      d.status === 'rejected' ? d.detail : null, JSON.stringify(r), JSON.stringify(result), result.ts);
  }

  countRepeat(responseId: string): void {
    this.db.prepare('UPDATE survey_responses SET repeats = repeats + 1 WHERE response_id = ?').run(responseId);
  }

  /** Every response to a survey, oldest first. */
  responses(surveyId?: string): StoredResponse[] {
    const rows = (surveyId
      ? this.db.prepare('SELECT * FROM survey_responses WHERE mall_id = ? AND survey_id = ? ORDER BY decided_at, response_id').all(this.mallId, surveyId)
      : this.db.prepare('SELECT * FROM survey_responses WHERE mall_id = ? ORDER BY decided_at, response_id').all(this.mallId)) as Row[];
    return rows.map(fromRow);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
