// `npm run hq -- survey list` and `npm run hq -- survey results ID`: HQ's surveys from a terminal. Both read HQ's
// store in its data folder (the same hq.db the running demo HQ writes responses to), so they need no broker or flags
// with `npm start` running.
import path from 'node:path';
import { UsageError, type CliOptions } from '../cli-args.ts';
import { renderTable } from '../fleet-table.ts';
import { openHqData } from '../hq-data.ts';
import { SURVEY_EVENT_TYPES } from '../../../contracts/events.ts';
import { SurveyStore } from './store.ts';
import { tallySurvey } from './results.ts';

const out = (line = '') => process.stdout.write(line + '\n');

export function surveyCli(o: CliOptions): number {
  const [verb, id, ...rest] = o.positional;
  if (verb === 'list' && id === undefined) return list(o);
  if (verb === 'results' && id && rest.length === 0) return results(o, id);
  throw new UsageError('survey needs `list` or `results ID`');
}

function targetingText(t: import('../../../contracts/survey.ts').SurveyTargeting): string {
  switch (t.kind) {
    case 'tier': return `tier ${t.tiers.join('/')}`;
    case 'segment': return `segment ${t.segments.join('/')}`;
    case 'afterClaim': return `after a claim${t.couponIds ? ` of ${t.couponIds.join('/')}` : ''}`;
    case 'attract': return `attract slot ${t.slot}`;
  }
}

function list(o: CliOptions): number {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  try {
    const store = new SurveyStore(data.store.db, o.mall);
    const set = store.latestSet();
    if (!set) {
      out('no surveys published yet (start the demo HQ once: it publishes two)');
      return 0;
    }
    const responses = store.responses();
    out(`survey set v${set.version}, published ${set.publishedAt}`);
    const rows = set.surveys.map((s) => {
      const mine = responses.filter((r) => r.surveyId === s.id);
      return [s.id, `v${s.version}`, `${s.title.zh} / ${s.title.en ?? ''}`, targetingText(s.targeting), `${s.rewardPoints}`, s.allowAnonymous ? 'yes' : 'no',
        `${s.validFrom.slice(0, 10)}..${s.validTo.slice(0, 10)}`, String(mine.filter((r) => r.status === 'confirmed').length), String(mine.filter((r) => r.status === 'rejected').length)];
    });
    for (const line of renderTable(['ID', 'VER', 'TITLE', 'TARGETING', 'POINTS', 'ANONYMOUS', 'RUNS', 'CONFIRMED', 'REJECTED'], rows)) out(line);
    const refused = data.store.events({ mallId: o.mall, type: SURVEY_EVENT_TYPES.refused, limit: 20 });
    if (refused.length) {
      out();
      out('refused by kiosks:');
      for (const e of refused) out(`  ${e.deviceId}: ${String(e.payload['reason'] ?? '')}`);
    }
    return 0;
  } finally {
    data.close();
  }
}

function results(o: CliOptions, id: string): number {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  try {
    const store = new SurveyStore(data.store.db, o.mall);
    const survey = store.latestSet()?.surveys.find((s) => s.id === id);
    if (!survey) {
      const known = store.latestSet()?.surveys.map((s) => s.id) ?? [];
      throw new Error(`no survey ${JSON.stringify(id)} at HQ${known.length ? ` (surveys: ${known.join(', ')})` : ''}`);
    }
    const all = store.responses(id);
    const confirmed = all.filter((r) => r.status === 'confirmed');
    out(`${survey.id} v${survey.version}: ${survey.title.zh} / ${survey.title.en ?? ''}`);
    out();
    for (const t of tallySurvey(survey, confirmed.map((r) => r.response.answers))) {
      out(`${t.name} (${t.type}, ${t.answered} answered)`);
      for (const l of t.lines) out(`  ${l}`);
    }
    out();
    for (const line of renderTable(['DECIDED', 'RESPONSE ID', 'DEVICE', 'MEMBER', 'STATUS', 'POINTS', 'REPEATS', 'DETAIL'], all.map((r) => [
      r.decidedAt, r.responseId, r.deviceId, r.memberId ?? '(anonymous)', r.status, String(r.points), String(r.repeats), r.detail ?? '',
    ]))) out(line);
    out();
    out(`survey results: ${all.length} responses, ${confirmed.length} confirmed, ${all.length - confirmed.length} rejected, ${confirmed.reduce((a, r) => a + r.points, 0)} points credited`);
    return 0;
  } finally {
    data.close();
  }
}
