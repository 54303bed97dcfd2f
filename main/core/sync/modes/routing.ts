/**
 * Which rule carries each part of a document in each mode. A pure function of (document, mode), never of
 * timing or of what was sent: so a part can only ever belong to one job per mode, and the planner only has
 * to leave out what the ledger says was already sent.
 *
 *                     batch     realtime                 transaction
 *   glJournal         block     block                    block
 *   invoice (sale)    batch     realtime                 Invoice (or CreditMemo if negative)
 *   invoice (paid)    batch     realtime (same entry)    Payment applied to the invoice (batch if the invoice is negative)
 *   payment           batch     realtime                 portal/card: CreditMemo; counter: not sent
 *   creditMemo        batch     batch                    CreditMemo
 *   deposit (card)    batch     realtime                 batch
 *   deposit (bank)    batch     batch                    batch
 *   eodBatch          batch     batch                    batch
 */
import { documentKey } from '../../por/document-identity';
import type { PorDocument } from '../../por/model';
import type { ExportMode } from '../../ledger/env-settings';
import { hasPaidPart, paidPartKey } from './export-parts';
import type { PartName } from './postings';
import { isRealtimeDocument } from './realtime-mode';
import { isCreditMemoPayment } from './transaction-mode';
import { paidAtCloseAsPayments } from './paid-at-close';

export type PartPath = 'batch' | 'realtime' | 'transaction' | 'glJournal' | 'notExported';

export interface PartRoute {
  partKey: string;
  part: PartName;
  path: PartPath;
}

export function routeParts(doc: PorDocument, mode: ExportMode): PartRoute[] {
  const key = documentKey(doc);
  switch (doc.type) {
    case 'storeDayClosed':
      return [];
    case 'glJournal':
      return [{ partKey: key, part: 'whole', path: 'glJournal' }];
    case 'invoice': {
      const salePath: PartPath = mode === 'batch' ? 'batch' : mode === 'realtime' ? 'realtime' : 'transaction';
      const paidPath: PartPath = mode === 'realtime' ? 'realtime' : mode === 'transaction' && paidAtCloseAsPayments(doc) ? 'transaction' : 'batch';
      if (!hasPaidPart(doc)) return [{ partKey: key, part: mode === 'transaction' ? 'sale' : 'whole', path: salePath }];
      return [
        { partKey: key, part: 'sale', path: salePath },
        { partKey: paidPartKey(doc), part: 'paid', path: paidPath },
      ];
    }
    case 'payment':
      // POR's Real-Time GL posts payments in real time (POR.md, "Modes").
      if (mode !== 'transaction') return [{ partKey: key, part: 'whole', path: mode === 'realtime' ? 'realtime' : 'batch' }];
      return [{ partKey: key, part: 'whole', path: isCreditMemoPayment(doc) ? 'transaction' : 'notExported' }];
    case 'creditMemo':
      return [{ partKey: key, part: 'whole', path: mode === 'transaction' ? 'transaction' : 'batch' }];
    case 'deposit':
      return [{ partKey: key, part: 'whole', path: mode === 'realtime' && isRealtimeDocument(doc) ? 'realtime' : 'batch' }];
    case 'eodBatch':
      return [{ partKey: key, part: 'whole', path: 'batch' }];
  }
}
