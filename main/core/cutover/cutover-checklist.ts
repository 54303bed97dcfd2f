/**
 * The live-cutover checklist: every go-live step as a check the app verifies itself where it can, and a
 * confirmation where only a person can know. Pure: the runtime gathers the facts, this decides.
 *
 * Until the checks marked `gate` pass, production documents are held (cutover-gate.ts); the first time
 * they pass, everything held is released and sent exactly once, and production stays live after that.
 */
import { CUTOVER_HOLD_PREFIX } from '../ledger/outbox';
import type { ExportMode } from '../ledger/env-settings';
import type { CompanySettings } from '../qbo/company-settings';
import { COMPANY_CHECK_IDS, companyPreflightRows } from './company-preflight';

export type CheckState = 'ok' | 'todo' | 'warning' | 'confirmed' | 'unconfirmed';

export interface CheckItem {
  id: CutoverCheckId;
  label: string;
  state: CheckState;
  /** What is wrong or what to do, in plain words. */
  detail: string;
  /** Verified by the app (true) or confirmed by a person (false). */
  automatic: boolean;
  /** Production documents stay held until this passes. */
  gate: boolean;
}

export const CUTOVER_CHECK_IDS = [
  'credentials',
  'realm',
  'exportFormat',
  'mode',
  'classes',
  ...COMPANY_CHECK_IDS,
  'mapping',
  'sandboxExport',
  'syncServices',
  'porProductionSetup',
  'porSandboxDeactivated',
] as const;
export type CutoverCheckId = (typeof CUTOVER_CHECK_IDS)[number];

/** Confirmations only a person can give. */
export const PERSON_CHECKS = ['porProductionSetup', 'porSandboxDeactivated'] as const satisfies readonly CutoverCheckId[];
export type PersonCheckId = (typeof PERSON_CHECKS)[number];

export interface CutoverFacts {
  connection: { state: 'not-connected' | 'connected' | 'reconnect-needed'; companyName: string | null; realmId: string | null; message: string };
  /** From realm-guard: null when production's realm is fine. */
  realmProblem: string | null;
  sandboxRealmId: string | null;
  storesApiQbo: number;
  storesTotal: number;
  mode: ExportMode | null;
  transactionModeConfirmed: boolean;
  /** Store classes QBO does not have yet (the app creates them on the first export). */
  missingClasses: string[];
  /** Stores without a class. */
  storesWithoutClass: number[];
  mapping: { unmapped: number; inactive: number; missing: number; accountsKnown: boolean; checked: number; examples: string[] };
  sandboxPosted: number;
  syncServicesOn: boolean;
  confirmations: Partial<Record<PersonCheckId, boolean>>;
  /** When production went live (the gate opened), or null. */
  liveSince: string | null;
  /** The company's settings as last read from Preferences (connect or the engine), or null. */
  company: CompanySettings | null;
}

export interface CutoverChecklist {
  items: CheckItem[];
  /** True when production may send (the gate checks pass, or it already went live). */
  readyToSend: boolean;
  liveSince: string | null;
  /** Why production documents are held, or null. */
  holdReason: string | null;
}

export function evaluateCutover(f: CutoverFacts): CutoverChecklist {
  const items: CheckItem[] = [];
  const push = (id: CutoverCheckId, label: string, state: CheckState, detail: string, automatic = true, gate = false) =>
    items.push({ id, label, state, detail, automatic, gate });

  push(
    'credentials',
    'Production credentials are valid',
    f.connection.state === 'connected' ? 'ok' : 'todo',
    f.connection.state === 'connected' ? `Connected to ${f.connection.companyName ?? 'the company'}.` : f.connection.message,
    true,
    true,
  );
  const realmOk = f.connection.realmId !== null && f.realmProblem === null;
  push(
    'realm',
    'Production is the real company, not the sandbox',
    realmOk ? 'ok' : 'todo',
    f.realmProblem ??
      (f.connection.realmId ? `Realm ${f.connection.realmId}${f.sandboxRealmId ? ` (sandbox: ${f.sandboxRealmId})` : ''}.` : 'Connect production first.'),
    true,
    true,
  );
  push(
    'exportFormat',
    'API-QBO is selected for the stores',
    f.storesApiQbo > 0 ? 'ok' : 'todo',
    f.storesApiQbo > 0
      ? `${f.storesApiQbo} of ${f.storesTotal} store(s) export with API-QBO.`
      : 'Set the export format of at least one store to API-QBO (Stores).',
    true,
    true,
  );
  const modeOk = f.mode !== null && (f.mode !== 'transaction' || f.transactionModeConfirmed);
  push(
    'mode',
    'Export mode is chosen',
    modeOk ? 'ok' : 'todo',
    f.mode === null
      ? 'Choose Batch, Real-time or Transaction mode.'
      : f.mode === 'transaction' && !f.transactionModeConfirmed
        ? 'Transaction mode needs its consequences confirmed first.'
        : `${f.mode === 'batch' ? 'Batch' : f.mode === 'realtime' ? 'Real-time' : 'Transaction'} mode.`,
    true,
    true,
  );
  push(
    'classes',
    'Store classes exist in QuickBooks',
    f.storesWithoutClass.length > 0 ? 'todo' : f.missingClasses.length > 0 ? 'warning' : 'ok',
    f.storesWithoutClass.length > 0
      ? `Store(s) ${f.storesWithoutClass.join(', ')} have no class (Parent:Sub).`
      : f.missingClasses.length > 0
        ? `Not in QuickBooks yet, created on the first export: ${f.missingClasses.join(', ')}.`
        : 'Every store class exists.',
    true,
    false,
  );
  const storesWithClass = f.storesTotal - f.storesWithoutClass.length;
  for (const row of companyPreflightRows(f.company, { storesWithClass, mode: f.mode })) push(row.id, row.label, row.state, row.detail, true, row.gate);
  const m = f.mapping;
  const mappingOk = m.unmapped === 0 && m.inactive === 0 && m.missing === 0;
  push(
    'mapping',
    'Every POR account is mapped to an active QuickBooks account',
    mappingOk ? (m.accountsKnown ? 'ok' : 'warning') : 'todo',
    mappingOk
      ? m.checked === 0
        ? 'No production documents yet: nothing to map so far.'
        : m.accountsKnown
          ? `${m.checked} POR account(s) mapped.`
          : "Mapped; QuickBooks' account list was not loaded to check activity."
      : `${[m.unmapped && `${m.unmapped} unmapped`, m.inactive && `${m.inactive} inactive`, m.missing && `${m.missing} missing in QuickBooks`].filter(Boolean).join(', ')}${m.examples.length ? `: ${m.examples.join('; ')}` : ''}.`,
    true,
    true,
  );
  push(
    'sandboxExport',
    'A sandbox export succeeded',
    f.sandboxPosted > 0 ? 'ok' : 'warning',
    f.sandboxPosted > 0 ? `${f.sandboxPosted} export(s) reached the sandbox company.` : 'Rehearse in the sandbox first: run at least one export there.',
    true,
    false,
  );
  push(
    'syncServices',
    'Accounting Sync Services are on',
    f.syncServicesOn ? 'ok' : 'warning',
    f.syncServicesOn ? 'The scheduler runs.' : 'Turn Accounting Sync Services on so exports go out by themselves.',
    true,
    false,
  );
  push(
    'porProductionSetup',
    'POR production exports with API-QBO to this company',
    f.confirmations.porProductionSetup ? 'confirmed' : 'unconfirmed',
    'In POR production: export format API-QBO and the same export mode for every store.',
    false,
    false,
  );
  push(
    'porSandboxDeactivated',
    'The POR sandbox is deactivated',
    f.confirmations.porSandboxDeactivated ? 'confirmed' : 'unconfirmed',
    'Deactivate the POR sandbox at go-live, so nothing new is produced there.',
    false,
    false,
  );

  const blocking = items.filter((i) => i.gate && i.state !== 'ok');
  const readyToSend = f.liveSince !== null || blocking.length === 0;
  return {
    items,
    readyToSend,
    liveSince: f.liveSince,
    holdReason: readyToSend ? null : `${CUTOVER_HOLD_PREFIX} ${blocking.map((i) => i.label.toLowerCase()).join('; ')}`,
  };
}

/** Every held job whose reason starts with this is a cutover hold (released together at go-live). */
export { CUTOVER_HOLD_PREFIX };
