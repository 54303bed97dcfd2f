/** The export-mode rule shared by the wizard (mode:set) and `por-qbo mode`, on a real ledger file. */
import { describe, expect, it } from 'vitest';
import { EXPORT_MODE_OPTIONS, chooseExportMode } from '../../../main/core/use-cases/export-mode';
import { EXPORT_MODES } from '../../../main/core/ledger/env-settings';
import { tempLedgers } from '../../helpers/temp-ledger';

const ledger = tempLedgers('porqbo-mode-');

describe('export mode', () => {
  it('offers each mode once, batch recommended', () => {
    expect(EXPORT_MODE_OPTIONS.map((o) => o.mode)).toEqual([...EXPORT_MODES]);
    expect(EXPORT_MODE_OPTIONS.filter((o) => o.recommended).map((o) => o.mode)).toEqual(['batch']);
  });

  it('transaction mode only with its consequences confirmed; the confirmation belongs to that one choice', () => {
    const l = ledger();
    expect(chooseExportMode(l, 'transaction', false)).toMatchObject({ refused: { code: 'confirmation-required' } });
    expect(l.settings.get('exportMode')).toBeUndefined();
    expect(chooseExportMode(l, 'transaction', true)).toBeNull();
    expect([l.settings.get('exportMode'), l.settings.get('transactionModeConfirmed')]).toEqual(['transaction', true]);
    expect(chooseExportMode(l, 'realtime', false)).toBeNull();
    expect([l.settings.get('exportMode'), l.settings.get('transactionModeConfirmed')]).toEqual(['realtime', false]);
  });
});
