import { afterEach } from 'vitest';
import type { Environment } from '../../main/core/environment';
import { openLedger, type Ledger } from '../../main/core/ledger';
import { makeTempDir } from './temp-dir';

/**
 * A real ledger file in a fresh folder, closed and removed after the test. Call it at module level
 * to get the opener (it registers its afterEach once).
 */
export function tempLedgers(prefix = 'porqbo-ledger-'): (environment?: Environment) => Ledger {
  const open: { ledger: Ledger; remove: () => void }[] = [];
  afterEach(() => {
    for (const o of open.splice(0)) {
      o.ledger.close();
      o.remove();
    }
  });
  return (environment = 'sandbox') => {
    const dir = makeTempDir(prefix);
    const ledger = openLedger(dir.path, environment);
    open.push({ ledger, remove: dir.remove });
    return ledger;
  };
}
