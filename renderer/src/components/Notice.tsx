import type { ReactNode } from 'react';

/** Inline message: errors are announced to screen readers, the rest is polite. */
export function Notice({ kind, children }: { kind: 'error' | 'warning' | 'info' | 'success'; children: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function ActionError({ error }: { error: string | null }) {
  return error ? <Notice kind="error">{error}</Notice> : null;
}
