// A big search field for a finger and an on-screen keyboard, with a clear button that is always a real target.
import { useId } from 'react';
import { useTranslate } from '../i18n/LanguageContext.tsx';
import { CloseIcon, SearchIcon } from '../ui/icons.tsx';
import { MAX_QUERY_LENGTH } from './directoryFilters.ts';

export function SearchField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const tr = useTranslate();
  const id = useId();
  return (
    <div className="search-field">
      <label htmlFor={id} className="visually-hidden">{tr('searchLabel')}</label>
      <SearchIcon className="search-field__icon" />
      <input
        id={id}
        className="search-field__input"
        type="search"
        inputMode="search"
        enterKeyHint="search"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={MAX_QUERY_LENGTH}
        placeholder={tr('searchPlaceholder')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid="search-input"
      />
      {value !== '' && (
        <button type="button" className="search-field__clear" aria-label={tr('clearSearch')} onClick={() => onChange('')} data-testid="search-clear">
          <CloseIcon />
        </button>
      )}
    </div>
  );
}
