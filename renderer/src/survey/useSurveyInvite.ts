// The survey to invite this shopper to, on the guide home or in the member home: the first survey.list answers for
// the place (HQ's targeting and the one-response rule are the agent's). Asked again when the place, the member or the
// session changes; none when the agent cannot say (the entry simply does not show).
import { useEffect, useState } from 'react';
import type { SurveyPlace, SurveySummary } from '../../../contracts/survey.ts';
import { call } from '../api/client.ts';

export function useSurveyInvite(place: SurveyPlace | null, memberSession: string | null, refreshKey: number): SurveySummary | null {
  const [found, setFound] = useState<SurveySummary | null>(null);
  useEffect(() => {
    if (place === null) return undefined;
    let live = true;
    call('survey.list', { place, ...(memberSession ? { memberSession } : {}) }).then(
      (r) => { if (live) setFound(r.surveys[0] ?? null); },
      () => { if (live) setFound(null); },
    );
    return () => { live = false; };
  }, [place, memberSession, refreshKey]);
  return place === null ? null : found;
}
