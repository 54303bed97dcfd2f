import { useEffect, useState } from 'react';
import type { ExportPreview } from '../../../preload/contract';
import { invoke, useAction } from '../bridge/hooks';
import { day, money, plural, storeLabel } from '../lib/format';
import { ConfirmDialog } from './ConfirmDialog';
import { ActionError, Notice } from './Notice';
import { useExportRun } from './use-export-run';

export interface DayRange {
  from: string;
  to: string;
  store: number | null;
}

/** What a range holds that QuickBooks does not: entries undone there, and entries never sent. */
export function sendable(preview: ExportPreview): { undone: number; undoneCents: number; fresh: number; freshCents: number } {
  // An undone entry whose day was sent again since sits beside its repost: not to send twice.
  const live = new Set(preview.entries.filter((e) => e.existing !== 'undone' && e.existing !== 'cancelled').map((e) => `${e.store}|${e.txnDate}|${e.entity}`));
  const undone = preview.entries.filter((e) => e.existing === 'undone' && !live.has(`${e.store}|${e.txnDate}|${e.entity}`));
  const fresh = preview.entries.filter((e) => e.existing === 'new');
  return {
    undone: undone.length,
    undoneCents: undone.reduce((n, e) => n + e.debitCents, 0),
    fresh: fresh.length,
    freshCents: fresh.reduce((n, e) => n + e.debitCents, 0),
  };
}

export function describeRange(r: DayRange): string {
  return `${storeLabel(r.store)}, ${r.from === r.to ? day(r.from) : `${day(r.from)} – ${day(r.to)}`}`;
}

/**
 * "Send again": undone or never-sent days of a range go to QuickBooks after one look at how many, how much
 * and where. Undone entries are planned afresh from current POR data; nothing is posted twice.
 */
export function SendDaysDialog({ range, onClose }: { range: DayRange; onClose: (sent: boolean) => void }) {
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const run = useExportRun();
  useEffect(() => {
    const scope =
      range.from === range.to && range.store !== null
        ? ({ kind: 'storeDay', store: range.store, date: range.from } as const)
        : ({ kind: 'range', ...range } as const);
    void action.run('preview', () => invoke('exports:preview', { scope })).then((p) => p && setPreview(p));
  }, [range.from, range.to, range.store]);
  const s = preview ? sendable(preview) : null;
  const total = s ? s.undone + s.fresh : 0;
  const blocked = !!preview && s!.undone === 0 && !preview.canPost;
  const send = async () => {
    if (!s) return;
    if (s.undone > 0) {
      const r = await action.run('send', () => invoke('exports:resend-undone', { ...range, confirmed: true }));
      if (r) setDone(r.message);
    } else {
      const scope = { kind: 'range', ...range } as const;
      await run.start(scope);
    }
  };
  const finished = done ?? (run.progress?.finished ? run.progress.message : null);
  return (
    <ConfirmDialog
      title={`Send ${describeRange(range)} to QuickBooks?`}
      confirmLabel={finished ? 'Close' : !s ? 'Loading…' : total ? `Send ${plural(total, 'entry', 'entries')}` : 'Nothing to send'}
      disabled={!finished && (!s || total === 0 || blocked || run.running)}
      busy={action.busy === 'send'}
      onCancel={() => onClose(!!finished)}
      onConfirm={() => (finished ? onClose(true) : void send())}
    >
      {s ? (
        <div data-testid="send-days-summary">
          {s.undone ? (
            <p>
              <strong>{plural(s.undone, 'entry was', 'entries were')} undone</strong> in QuickBooks (debits {money(s.undoneCents)}). They are built again from
              POR's current data and mapping, and posted once.
            </p>
          ) : null}
          {s.fresh ? (
            <p>
              <strong>{plural(s.fresh, 'entry has', 'entries have')} never been sent</strong> (debits {money(s.freshCents)}).
            </p>
          ) : null}
          {total === 0 ? <p>QuickBooks already has everything of these days: nothing to send.</p> : null}
          {blocked && preview!.problems.length ? (
            <Notice kind="error">
              <ul className="plain-list">
                {preview!.problems.map((p) => (
                  <li key={p.message}>
                    {p.message}
                    {p.fix ? ` ${p.fix}` : ''}
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
        </div>
      ) : (
        <p className="muted">Working out what these days hold…</p>
      )}
      {run.progress && !run.progress.finished ? <p role="status">{run.progress.message}</p> : null}
      {finished ? <Notice kind="success">{finished}</Notice> : null}
      <ActionError error={action.error ?? run.error} />
    </ConfirmDialog>
  );
}
