// "A store picked from the directory": every store of the kiosk's directory as a big button, floor by floor.
import { useEffect, useState } from 'react';
import type { DirectoryStore } from '../../../contracts/api.ts';
import { call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized } from '../i18n/translate.ts';

export function StorePicker({ selected, onPick }: { selected: string | null; onPick: (storeId: string) => void }) {
  const lang = useLanguage();
  const reportFailure = useReportFailure();
  const [stores, setStores] = useState<DirectoryStore[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    call('stores.search', { query: '', category: null, floor: null }).then(
      (r) => { if (!cancelled) setStores(r.stores); },
      (err: unknown) => { if (!cancelled && !reportFailure(err)) setStores([]); },
    );
    return () => { cancelled = true; };
  }, [reportFailure]);
  if (stores === null) return <div className="feedback-stores feedback-stores--loading" />;
  return (
    <div className="feedback-stores" data-testid="feedback-stores">
      {stores.map((s) => (
        <button
          key={s.id}
          type="button"
          className={`feedback-chip feedback-chip--store${selected === s.id ? ' feedback-chip--on' : ''}`}
          aria-pressed={selected === s.id}
          onClick={() => onPick(s.id)}
          data-testid={`feedback-store-${s.id}`}
        >
          <span>{localized(s.name, lang)}</span>
          <small>{s.floor} {s.unit}</small>
        </button>
      ))}
    </div>
  );
}
