// Feedback (意见反馈): a category (or a store from the directory), a 1–5 rating, text typed on the on-screen keyboard
// (pinyin with candidates, or English), an optional contact (the signed-in member, or a phone number shown masked),
// then the ticket at once (TicketPanel). The draft and the phone number live in this screen's state only: leaving it
// (back, idle, attract) unmounts it and they are gone. The keyboard is its own chunk (LazyOnScreenKeyboard).
import { useState } from 'react';
import type { UiLanguage } from '../../../contracts/config.ts';
import { FEEDBACK_CATEGORIES, FEEDBACK_TEXT_MAX } from '../../../contracts/feedback.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { LazyOnScreenKeyboard } from '../ui/keyboard/LazyOnScreenKeyboard.tsx';
import { CATEGORY_KEY, charCount, draftProblems, maskPhone, useFeedbackText, type DraftProblem, type FeedbackDraft } from './feedbackStrings.ts';
import { StorePicker } from './StorePicker.tsx';
import { TicketPanel } from './TicketPanel.tsx';
import { useFeedbackSubmit } from './useFeedbackSubmit.ts';
import './feedback.css';

type Props = {
  member: { memberSession: string; name: string } | null;
  onOpenScan: () => void;
  onClose: () => void;
  onLanguage: (language: UiLanguage) => void;
};

const EMPTY: FeedbackDraft = { category: null, storeId: null, rating: 0, text: '', contact: 'none', phone: '' };

export function FeedbackScreen({ member, onOpenScan, onClose, onLanguage }: Props) {
  const ft = useFeedbackText();
  const lang = useLanguage();
  const [draft, setDraft] = useState<FeedbackDraft>(() => ({ ...EMPTY, contact: member ? 'member' : 'none' }));
  const [typing, setTyping] = useState<'text' | 'phone'>('text');
  const [tried, setTried] = useState(false);
  const { state, send } = useFeedbackSubmit();
  const set = (patch: Partial<FeedbackDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const problems = draftProblems(draft);
  const count = charCount(draft.text.trim());
  // Problems show once the shopper tried to send; the length limit shows as soon as it is passed.
  const shown = (field: DraftProblem['field']) => problems.find((p) => p.field === field && (tried || p.key === 'tooLong'))
    // The keyboard stops at the limit; saying so is the message for a full field.
    ?? (field === 'text' && count >= FEEDBACK_TEXT_MAX ? { field, key: 'atLimit' as const, values: { max: FEEDBACK_TEXT_MAX } } : undefined);
  const problemText = (p: DraftProblem | undefined) => (p ? ft(p.key, p.values) : null);

  const submit = () => {
    setTried(true);
    if (problems.length || !draft.category) return;
    send({
      category: draft.category, storeId: draft.category === 'store' ? draft.storeId : null, rating: draft.rating, text: draft.text, language: lang,
      contact: draft.contact === 'phone' ? { kind: 'phone', phone: draft.phone } : draft.contact === 'member' && member ? { kind: 'member', memberSession: member.memberSession } : { kind: 'none' },
      ...(member ? { memberSession: member.memberSession } : {}),
    });
  };

  return (
    <div className="feedback-screen" data-testid="feedback-screen">
      <header className="feedback-header">
        <button type="button" className="feedback-header__back" onClick={onClose} data-testid="feedback-back">
          <span aria-hidden="true">‹</span> {ft('back')}
        </button>
        <h1 className="feedback-header__title">{ft('title')}</h1>
        <LanguageSwitch onLanguage={onLanguage} />
      </header>
      {state.status === 'done' ? (
        <main className="feedback-body"><TicketPanel result={state.result} onDone={onClose} /></main>
      ) : (
        <main className="feedback-body">
          <section className="feedback-part">
            <h2>{ft('category')}</h2>
            <div className="feedback-chips" role="group">
              {FEEDBACK_CATEGORIES.map((c) => (
                <button key={c} type="button" className={`feedback-chip${draft.category === c ? ' feedback-chip--on' : ''}`} aria-pressed={draft.category === c} onClick={() => set({ category: c })} data-testid={`feedback-category-${c}`}>
                  {ft(CATEGORY_KEY[c])}
                </button>
              ))}
            </div>
            <Problem text={problemText(shown('category'))} />
            {draft.category === 'store' && (
              <>
                <h3>{ft('pickStore')}</h3>
                <StorePicker selected={draft.storeId} onPick={(storeId) => set({ storeId })} />
                <Problem text={problemText(shown('storeId'))} />
              </>
            )}
          </section>
          <section className="feedback-part feedback-part--row">
            <h2>{ft('rating')}</h2>
            <div className="feedback-stars" role="radiogroup" aria-label={ft('rating')}>
              {[1, 2, 3, 4, 5].map((n) => (
                <button key={n} type="button" role="radio" aria-checked={draft.rating === n} aria-label={ft('stars', { n })} className={`feedback-star${n <= draft.rating ? ' feedback-star--on' : ''}`} onClick={() => set({ rating: n })} data-testid={`feedback-star-${n}`}>★</button>
              ))}
            </div>
            <Problem text={problemText(shown('rating'))} />
          </section>
          <section className="feedback-part">
            <div className="feedback-text__head">
              <h2>{ft('text')}</h2>
              <span className={`feedback-counter${count > FEEDBACK_TEXT_MAX ? ' feedback-counter--over' : ''}`} data-testid="feedback-counter">{ft('counter', { n: count, max: FEEDBACK_TEXT_MAX })}</span>
            </div>
            {/* Not a <textarea>: the system keyboard must not open on a kiosk; the on-screen keyboard types here. */}
            <div role="textbox" aria-multiline="true" tabIndex={0} className={`feedback-text${typing === 'text' ? ' feedback-text--active' : ''}`} onClick={() => setTyping('text')} data-testid="feedback-text">
              {draft.text ? <span data-testid="feedback-text-value">{draft.text}</span> : <span className="feedback-text__placeholder">{ft('textPlaceholder')}</span>}
              {typing === 'text' && <span className="feedback-caret" aria-hidden="true" />}
            </div>
            <Problem text={problemText(shown('text'))} testId="feedback-text-problem" />
          </section>
          <section className="feedback-part">
            <h2>{ft('contact')}</h2>
            <div className="feedback-chips" role="radiogroup">
              <ContactChip on={draft.contact === 'none'} onPick={() => set({ contact: 'none' })} id="none">{ft('contactNone')}</ContactChip>
              {member
                ? <ContactChip on={draft.contact === 'member'} onPick={() => set({ contact: 'member' })} id="member">{ft('contactMember', { name: member.name })}</ContactChip>
                : <button type="button" className="feedback-chip" onClick={onOpenScan} data-testid="feedback-sign-in">{ft('signIn')}</button>}
              <ContactChip on={draft.contact === 'phone'} onPick={() => { set({ contact: 'phone' }); setTyping('phone'); }} id="phone">{ft('contactPhone')}</ContactChip>
            </div>
            {draft.contact === 'phone' && (
              <>
                <button type="button" className={`feedback-phone${typing === 'phone' ? ' feedback-text--active' : ''}`} onClick={() => setTyping('phone')} data-testid="feedback-phone">
                  {draft.phone ? maskPhone(draft.phone) : '1__ ____ ____'}
                </button>
                <p className="feedback-note">{ft('phoneNote')}</p>
                <Problem text={problemText(shown('phone'))} testId="feedback-phone-problem" />
              </>
            )}
          </section>
          <div className="feedback-keyboard">
            {typing === 'phone' && draft.contact === 'phone'
              ? <LazyOnScreenKeyboard key="phone" mode="phone" lang={lang === 'en' ? 'en' : 'zh'} value={draft.phone} maxLength={11} onChange={(phone) => set({ phone })} />
              : <LazyOnScreenKeyboard key="text" lang={lang === 'en' ? 'en' : 'zh'} value={draft.text} maxLength={FEEDBACK_TEXT_MAX} onChange={(text) => set({ text })} />}
          </div>
          {state.status === 'failed' && <p className="feedback-problem" role="alert" data-testid="feedback-failed">{ft('failed', { reason: state.reason })}</p>}
          <button type="button" className="feedback-button" disabled={state.status === 'sending'} onClick={submit} data-testid="feedback-submit">
            {state.status === 'sending' ? ft('sending') : ft('submit')}
          </button>
        </main>
      )}
    </div>
  );
}

function Problem({ text, testId }: { text: string | null; testId?: string }) {
  return text ? <p className="feedback-problem" role="alert" data-testid={testId}>{text}</p> : null;
}

function ContactChip({ on, onPick, id, children }: { on: boolean; onPick: () => void; id: string; children: React.ReactNode }) {
  return (
    <button type="button" role="radio" aria-checked={on} className={`feedback-chip${on ? ' feedback-chip--on' : ''}`} onClick={onPick} data-testid={`feedback-contact-${id}`}>
      {children}
    </button>
  );
}
