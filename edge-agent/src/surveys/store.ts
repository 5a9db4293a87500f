// Surveys on the kiosk (SQLite, migration 8): the last good set HQ published, and the responses given here with HQ's
// word on each. A response row is written with its outbox event in one transaction (service.ts).
import { Survey, SurveyResponseState, type SurveyResult, type SurveysMessage } from '../../../contracts/survey.ts';
import type { Db } from '../db/open.ts';
import { meta, setMeta } from '../db/meta.ts';

const VERSION_KEY = 'surveys.version';

export type SurveysOutcome = 'applied' | 'stale';

/** Replaces the survey set with HQ's newer one (the refused ones are left out); an older or equal version changes nothing. */
export function applySurveys(db: Db, msg: SurveysMessage, now: Date): SurveysOutcome {
  return db.transaction((): SurveysOutcome => {
    const held = Number(meta(db, VERSION_KEY) ?? 0);
    if (msg.version <= held) return 'stale';
    db.prepare('DELETE FROM surveys').run();
    const add = db.prepare('INSERT INTO surveys (id, version, doc, received_at) VALUES (?, ?, ?, ?)');
    for (const s of msg.surveys) add.run(s.id, s.version, JSON.stringify(s), now.toISOString());
    setMeta(db, VERSION_KEY, String(msg.version));
    return 'applied';
  })();
}

/** Stored docs are parsed again on read; one that no longer parses (an older agent's) is skipped, not shown. */
export function storedSurveys(db: Db): Survey[] {
  const rows = db.prepare('SELECT doc FROM surveys ORDER BY id').all() as { doc: string }[];
  return rows.flatMap((r) => {
    const p = Survey.safeParse(JSON.parse(r.doc));
    return p.success ? [p.data] : [];
  });
}

export function storedSurvey(db: Db, id: string): Survey | null {
  return storedSurveys(db).find((s) => s.id === id) ?? null;
}

type Row = { response_id: string; survey_id: string; survey_version: number; member_id: string | null; status: string; points_awarded: number; points_balance: number | null; detail: string | null };

const toState = (r: Row): SurveyResponseState & { memberId: string | null; surveyVersion: number } => ({
  ...SurveyResponseState.parse({ responseId: r.response_id, surveyId: r.survey_id, status: r.status, pointsAwarded: r.points_awarded, pointsBalance: r.points_balance, detail: r.detail }),
  memberId: r.member_id, surveyVersion: r.survey_version,
});

export function responseById(db: Db, responseId: string) {
  const r = db.prepare('SELECT * FROM survey_responses WHERE response_id = ?').get(responseId) as Row | undefined;
  return r ? toState(r) : null;
}

/** The member's response to a survey on this kiosk (whatever HQ said of it), or null. */
export function responseOfMember(db: Db, surveyId: string, memberId: string) {
  const r = db.prepare('SELECT * FROM survey_responses WHERE survey_id = ? AND member_id = ?').get(surveyId, memberId) as Row | undefined;
  return r ? toState(r) : null;
}

export function answeredByMember(db: Db, memberId: string): Set<string> {
  const rows = db.prepare('SELECT survey_id FROM survey_responses WHERE member_id = ?').all(memberId) as { survey_id: string }[];
  return new Set(rows.map((r) => r.survey_id));
}

/** Inserts a pending response; the caller provides the transaction (with the outbox event). */
export function insertResponse(db: Db, r: { responseId: string; surveyId: string; surveyVersion: number; memberId: string | null; answeredAt: string }): void {
  db.prepare(
    `INSERT INTO survey_responses (response_id, survey_id, survey_version, member_id, status, answered_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
  ).run(r.responseId, r.surveyId, r.surveyVersion, r.memberId, r.answeredAt, r.answeredAt);
}

export type ResultOutcome = 'applied' | 'repeated' | 'conflict' | 'unknown';

/** HQ's word on a pending response, applied once; a repeat or a late different word changes nothing. */
export function applySurveyResult(db: Db, r: SurveyResult, now: Date): ResultOutcome {
  const row = responseById(db, r.responseId);
  if (!row || row.surveyId !== r.surveyId) return 'unknown';
  if (row.status !== 'pending') return row.status === r.status ? 'repeated' : 'conflict';
  db.prepare('UPDATE survey_responses SET status = ?, points_awarded = ?, points_balance = ?, detail = ?, updated_at = ? WHERE response_id = ?')
    .run(r.status, r.status === 'confirmed' ? r.pointsAwarded : 0, r.pointsBalance, r.detail, now.toISOString(), r.responseId);
  return 'applied';
}
