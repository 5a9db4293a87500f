// Floor buttons, like a lift panel laid on its side: all floors, then the mall's floors from the bottom up.
import { useTranslate } from '../i18n/LanguageContext.tsx';

type Props = { floors: string[]; selected: string | null; onSelect: (floor: string | null) => void };

export function FloorFilter({ floors, selected, onSelect }: Props) {
  const tr = useTranslate();
  return (
    <div className="floors" role="group" aria-label={tr('floorsLabel')}>
      <span className="floors__label" aria-hidden="true">{tr('floorsLabel')}</span>
      <button type="button" className={selected === null ? 'floor floor--all floor--on' : 'floor floor--all'} aria-pressed={selected === null} onClick={() => onSelect(null)} data-testid="floor-all">
        {tr('allFloors')}
      </button>
      {floors.map((f) => (
        <button key={f} type="button" className={selected === f ? 'floor floor--on' : 'floor'} aria-pressed={selected === f} onClick={() => onSelect(selected === f ? null : f)} data-testid={`floor-${f}`}>
          {f}
        </button>
      ))}
    </div>
  );
}
