// The attract playlist: "All" (every running campaign, by priority) or the campaigns staff tap, in the order they
// tap them. The choices are the campaigns running now (promotions.list with everything: true) plus any listed one
// that is not running (shown so it can be removed).
import { useEffect, useState } from 'react';
import type { PromotionCard } from '../../../../contracts/api.ts';
import type { SettingRule } from '../../../../contracts/staff.ts';
import { call } from '../../api/client.ts';
import { localized } from '../../i18n/translate.ts';
import { checkSetting, type ControlProps } from '../settingsForm.ts';
import { st } from '../staffStrings.ts';

export function PlaylistControl({ field, rule, value, lang, busy, onCheck, onSubmit }: ControlProps<Extract<SettingRule, { kind: 'list' }>, string[] | null | undefined>) {
  const [campaigns, setCampaigns] = useState<PromotionCard[]>([]);
  useEffect(() => {
    call('promotions.list', { limit: 50, everything: true }).then((r) => setCampaigns(r.promotions), (err: unknown) => console.warn('atrium: campaigns for the playlist', err));
  }, []);
  const key = JSON.stringify(value ?? null);
  const [draft, setDraft] = useState<string[] | null>(value ?? null);
  // A new value from the agent replaces the draft (adjusted during render, React's pattern for state that follows a prop).
  const [draftFor, setDraftFor] = useState(key);
  if (draftFor !== key) {
    setDraftFor(key);
    setDraft(value ?? null);
  }

  const set = (next: string[] | null) => {
    setDraft(next);
    onCheck(next === null ? null : checkSetting(field, next, lang));
  };
  const toggle = (id: string) => {
    const list = draft ?? [];
    const next = list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
    set(next);
  };
  const running = new Set(campaigns.map((c) => c.campaignId));
  const choices = [...campaigns.map((c) => ({ id: c.campaignId, title: localized(c.title, lang) })), ...(draft ?? []).filter((id) => !running.has(id)).map((id) => ({ id, title: `${id} ${st(lang, 'playlistNotRunning')}` }))];
  const unchanged = JSON.stringify(draft) === key;

  return (
    <div className="setting__object">
      <div className="staff-segments" role="group">
        <button type="button" className="staff-segments__item" aria-pressed={draft === null} data-testid={`setting-${field}-all`} onClick={() => set(null)}>{st(lang, 'playlistAll')}</button>
        <button type="button" className="staff-segments__item" aria-pressed={draft !== null} data-testid={`setting-${field}-pick`} onClick={() => { if (draft === null) set([]); }}>{st(lang, 'playlistPick')}</button>
      </div>
      {draft !== null && (
        <>
          <p className="setting__help">{st(lang, 'playlistHint')} ({rule.minItems}–{rule.maxItems})</p>
          <ol className="playlist">
            {choices.map((c) => {
              const at = draft.indexOf(c.id);
              return (
                <li key={c.id}>
                  <button type="button" className="playlist__item" aria-pressed={at >= 0} data-testid={`setting-${field}-item-${c.id}`} data-order={at >= 0 ? at + 1 : ''} onClick={() => toggle(c.id)}>
                    <span className="playlist__order">{at >= 0 ? at + 1 : ''}</span>
                    <span className="playlist__title">{c.title}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
      <button type="button" className="staff-button staff-button--primary setting__save" data-testid={`setting-${field}-save`} disabled={busy || unchanged}
        onClick={() => onSubmit(draft)}>{st(lang, 'save')}</button>
    </div>
  );
}
