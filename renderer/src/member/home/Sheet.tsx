// A centred modal card over the member home (confirmations, results, redemption codes).
import type { ReactNode } from 'react';

export function Sheet({ title, testId, onBackdrop, children }: { title: string; testId: string; onBackdrop?: () => void; children: ReactNode }) {
  return (
    <div className="sheet__backdrop" onClick={onBackdrop}>
      <div className="sheet" role="dialog" aria-modal="true" aria-label={title} data-testid={testId} onClick={(e) => e.stopPropagation()}>
        <h2 className="sheet__title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
