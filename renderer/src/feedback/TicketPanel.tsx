// The answer to a sent feedback: the ticket number, big, the QR to follow it, and the promise in plain words with
// the due times (24 h for a reply, 72 h for a solution).
import type { FeedbackSubmitResult } from '../../../contracts/feedback.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
// The queue's ticket QR (a lower folder): the same follow-link QR, drawn the same way.
import { TicketQr } from '../queue/TicketQr.tsx';
import { useFeedbackText } from './feedbackStrings.ts';

export function TicketPanel({ result, onDone }: { result: FeedbackSubmitResult; onDone: () => void }) {
  const ft = useFeedbackText();
  const lang = useLanguage();
  const when = new Intl.DateTimeFormat(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (
    <section className="feedback-ticket" data-testid="feedback-ticket" aria-live="polite">
      <h2 className="feedback-ticket__title">{ft('ticketTitle')}</h2>
      <p className="feedback-ticket__label">{ft('ticketNumber')}</p>
      <p className="feedback-ticket__number" data-testid="feedback-ticket-number">{result.ticket}</p>
      <p className="feedback-ticket__promise" data-testid="feedback-promise">{ft('promise')}</p>
      <p className="feedback-ticket__due">{ft('dueTimes', { reply: when.format(new Date(result.replyDueAt)), resolve: when.format(new Date(result.resolveDueAt)) })}</p>
      {result.followUrl ? <TicketQr url={result.followUrl} label={ft('followQr')} /> : <p className="feedback-ticket__desk">{ft('followDesk')}</p>}
      {result.contact !== 'none' && <p className="feedback-ticket__contact">{ft(result.contact === 'member' ? 'replyToMember' : 'replyToPhone')}</p>}
      <button type="button" className="feedback-button" onClick={onDone} data-testid="feedback-done">{ft('done')}</button>
    </section>
  );
}
