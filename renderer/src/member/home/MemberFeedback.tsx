// The member's feedback in their home: a way to give feedback, and their tickets from this kiosk with HQ's replies
// and resolutions (feedback.mine, asked again every 15 s while the home shows, so a reply appears without a tap).
import { useEffect, useState } from 'react';
import type { MemberFeedbackTicket } from '../../../../contracts/feedback.ts';
import { call } from '../../api/client.ts';
import { useLanguage } from '../../i18n/LanguageContext.tsx';
import type { Bilingual } from '../../i18n/strings.ts';
import { pick } from '../../i18n/translate.ts';

const POLL_MS = 15_000;

const words = {
  title: { 'zh-CN': '我的反馈', en: 'My feedback' },
  give: { 'zh-CN': '意见反馈', en: 'Give feedback' },
  none: { 'zh-CN': '在这台屏幕上还没有反馈', en: 'No feedback from this screen yet' },
  open: { 'zh-CN': '处理中 · 24 小时内回复', en: 'Open · reply within 24 h' },
  replied: { 'zh-CN': '已回复', en: 'Replied' },
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
  reply: { 'zh-CN': '客服回复', en: 'Reply' },
  resolve: { 'zh-CN': '处理结果', en: 'Solution' },
} as const satisfies Record<string, Bilingual>;

export function MemberFeedback({ memberSession, onGive }: { memberSession: string; onGive?: () => void }) {
  const lang = useLanguage();
  const w = (k: keyof typeof words) => pick(words[k], lang);
  const [tickets, setTickets] = useState<MemberFeedbackTicket[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = () => call('feedback.mine', { memberSession }).then(
      (r) => { if (!cancelled) setTickets(r.tickets); },
      // A gone session is the member home's to handle (its own refresh signs the member out); this list just stays.
      () => {},
    );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => { cancelled = true; clearInterval(timer); };
  }, [memberSession]);
  const when = new Intl.DateTimeFormat(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

  return (
    <section className="member-section member-feedback" data-testid="member-feedback">
      <div className="member-feedback__head">
        <h2 className="section-title">{w('title')}</h2>
        {onGive && <button type="button" className="member-feedback__give" onClick={onGive} data-testid="member-feedback-give">✎ {w('give')}</button>}
      </div>
      {tickets !== null && tickets.length === 0 && <p className="member-section__empty">{w('none')}</p>}
      {tickets !== null && tickets.length > 0 && (
        <ul className="member-feedback__list">
          {tickets.map((t) => (
            <li key={t.ticket} className="member-feedback__item" data-testid="member-feedback-ticket" data-status={t.status}>
              <p className="member-feedback__line">
                <strong>{t.ticket}</strong>
                <span className={`member-feedback__status member-feedback__status--${t.status}`}>{w(t.status)}</span>
                <span className="member-feedback__when">{when.format(new Date(t.submittedAt))}</span>
              </p>
              <p className="member-feedback__text">{t.text}</p>
              {t.updates.map((u, i) => (
                <p key={i} className="member-feedback__update" data-testid="member-feedback-update">
                  <b>{w(u.kind)}</b> {u.text}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
