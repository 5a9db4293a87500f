// Taking a restaurant queue ticket: party size, then how to be told (the signed-in member, a mobile number typed on
// the keypad, or neither), then HQ's ticket: the number large, people ahead, the wait, the QR to follow it, and
// whether it printed. One requestId per attempt, kept for retries, so a double tap or a retry never makes two
// tickets. Nothing is invented: without HQ the screen says no ticket was taken.
import { useState } from 'react';
import type { LocalizedText } from '../../../contracts/catalog.ts';
import type { UiLanguage } from '../../../contracts/config.ts';
import type { MemberHome } from '../../../contracts/members.ts';
import { sizeClassFor, type QueueStoreView, type QueueTakeResult } from '../../../contracts/queue.ts';
import { call } from '../api/client.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { localized } from '../i18n/translate.ts';
import { PhoneKeypad } from './PhoneKeypad.tsx';
import { CLASS_KEY, useQueueText } from './queueStrings.ts';
import { TicketQr } from './TicketQr.tsx';
import './queue.css';

export type QueueTarget = { storeId: string; name: LocalizedText };

type Props = {
  target: QueueTarget;
  view: QueueStoreView | null;
  member: MemberHome | null;
  onOpenScan: () => void;
  onClose: () => void;
  onLanguage: (language: UiLanguage) => void;
};

type Phase = { kind: 'form' } | { kind: 'taking' } | { kind: 'done'; result: QueueTakeResult } | { kind: 'failed' };

const SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export function QueueScreen({ target, view, member, onOpenScan, onClose, onLanguage }: Props) {
  const qt = useQueueText();
  const lang = useLanguage();
  const name = localized(target.name, lang);
  const [partySize, setPartySize] = useState<number | null>(null);
  const [phone, setPhone] = useState('');
  const [requestId, setRequestId] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });

  const phoneOk = phone === '' || /^1[3-9]\d{9}$/.test(phone);
  // A new choice is a new attempt (a new requestId); a retry of the same choice keeps its id.
  const choose = (size: number) => { setPartySize(size); setRequestId(null); };
  const typePhone = (digits: string) => { setPhone(digits); setRequestId(null); };

  const submit = () => {
    if (partySize === null || !phoneOk || phase.kind === 'taking') return;
    const id = requestId ?? crypto.randomUUID();
    setRequestId(id);
    setPhase({ kind: 'taking' });
    call('queue.take', {
      storeId: target.storeId, partySize, requestId: id,
      ...(phone ? { phone } : {}), ...(member ? { memberSession: member.memberSession } : {}),
    }).then(
      (result) => {
        setPhase({ kind: 'done', result });
        // The number is with HQ now; the screen forgets it.
        if (result.status === 'issued') setPhone('');
      },
      (err: unknown) => { console.warn('atrium: queue ticket failed', (err as Error).message); setPhase({ kind: 'failed' }); },
    );
  };

  const issued = phase.kind === 'done' && phase.result.status === 'issued' ? phase.result : null;

  return (
    <div className="queue-screen" data-testid="queue-screen">
      <header className="queue-header">
        <button type="button" className="queue-header__back" onClick={onClose} data-testid="queue-back">
          <span aria-hidden="true">‹</span> {qt('back')}
        </button>
        <h1 className="queue-header__title">{qt('takeTicketAt', { name })}</h1>
        <LanguageSwitch onLanguage={onLanguage} />
      </header>
      <main className={`queue-body${issued ? '' : ' queue-body--form'}`}>
        {issued
          ? <TicketView result={issued} name={name} onDone={onClose} />
          : (
            <>
              {/* Who and how many, then how to be told: one column in portrait, side by side in landscape (queue.css). */}
              <div className="queue-form__party">
                {view?.state === 'live' && (
                  <ul className="queue-classes" data-testid="queue-classes">
                    {view.classes.filter((c) => c.tables > 0).map((c) => (
                      <li key={c.sizeClass}>
                        {qt('classLine', { table: qt(CLASS_KEY[c.sizeClass]), tables: c.tables, n: c.waiting, minutes: c.estimatedWaitMin })}
                        {c.nowCalling && <strong className="queue-classes__calling"> · {qt('nowCalling', { number: c.nowCalling })}</strong>}
                      </li>
                    ))}
                  </ul>
                )}
                <section className="queue-step">
                  <h2>{qt('partySize')}</h2>
                  <div className="queue-sizes">
                    {SIZES.map((n) => (
                      <button key={n} type="button" className={`queue-size${partySize === n ? ' queue-size--on' : ''}`} onClick={() => choose(n)} aria-pressed={partySize === n} data-testid={`queue-size-${n}`}>
                        {qt('people', { n: n === 12 ? '12+' : n })}
                      </button>
                    ))}
                  </div>
                  {partySize !== null && <p className="queue-step__note" data-testid="queue-size-class">{qt(CLASS_KEY[sizeClassFor(partySize)])}</p>}
                </section>
              </div>
              <div className="queue-form__contact">
                {partySize !== null && (
                  <section className="queue-step">
                    <h2>{qt('contact')}</h2>
                    {member
                      ? <p className="queue-member" data-testid="queue-member">{qt('asMember', { name: member.member.maskedName })}</p>
                      : <button type="button" className="queue-member-sign-in" onClick={onOpenScan} data-testid="queue-member-sign-in">{qt('memberSignIn')}</button>}
                    <p className="queue-step__note">{qt('phoneHint')}</p>
                    <PhoneKeypad digits={phone} onChange={typePhone} />
                  </section>
                )}
                {phase.kind === 'done' && <p className="queue-problem" role="alert" data-testid="queue-problem">{problemText(phase.result, qt)}</p>}
                {phase.kind === 'failed' && <p className="queue-problem" role="alert" data-testid="queue-problem">{qt('failed')}</p>}
                <button
                  type="button"
                  className="queue-submit"
                  disabled={partySize === null || !phoneOk || phase.kind === 'taking'}
                  onClick={submit}
                  data-testid="queue-submit"
                >
                  {phase.kind === 'taking' ? qt('taking') : phase.kind === 'done' || phase.kind === 'failed' ? qt('tryAgain') : phone ? qt('getTicket') : qt('withoutPhone')}
                </button>
              </div>
            </>
          )}
      </main>
    </div>
  );
}

function problemText(result: QueueTakeResult, qt: ReturnType<typeof useQueueText>): string {
  if (result.status === 'unavailable') return qt('notTaken');
  if (result.status === 'refused') return qt(result.reason === 'closed' ? 'refusedClosed' : result.reason === 'no_tables' ? 'refusedNoTables' : 'refusedOther');
  return '';
}

function TicketView({ result, name, onDone }: { result: Extract<QueueTakeResult, { status: 'issued' }>; name: string; onDone: () => void }) {
  const qt = useQueueText();
  const { ticket, print } = result;
  return (
    <section className="queue-ticket" data-testid="queue-ticket" data-number={ticket.number} data-print={print.state}>
      {/* The number and what it means, with the QR under it in portrait and beside it in landscape (queue.css). */}
      <div className="queue-ticket__main">
        <p className="queue-ticket__restaurant">{name}</p>
        <p className="queue-ticket__label">{qt('yourNumber')}</p>
        <p className="queue-ticket__number" data-testid="queue-ticket-number">{ticket.number}</p>
        <p className="queue-ticket__meta">{qt(CLASS_KEY[ticket.sizeClass])} · {qt('ahead', { n: ticket.ahead })}</p>
        <p className="queue-ticket__meta">{qt('waitRange', { lo: ticket.waitMin[0], hi: ticket.waitMin[1] })}</p>
      </div>
      <TicketQr url={ticket.followUrl} label={qt('scanToFollow')} />
      <div className="queue-ticket__end">
        {print.state === 'printed' && <p className="queue-ticket__print" data-testid="queue-print">{qt('printed')}</p>}
        {print.state === 'unavailable' && <p className="queue-ticket__print queue-ticket__print--off" role="status" data-testid="queue-print">{qt('printerUnavailable')}</p>}
        <button type="button" className="queue-submit" onClick={onDone} data-testid="queue-done">{qt('done')}</button>
      </div>
    </section>
  );
}
