/** The sync modes' public surface: plan, resolve, totals, and what transaction mode costs. */
export { planExports } from './plan-exports';
export type { ExportPlan, HeldItem, HoldReason, NotExportedItem, PlanContext, PlanInput, StoreExportConfig } from './plan-types';
export { resolvePayload } from './resolve-payload';
export type { AccountLookupRef, LookupRef, ProblemCode, RefLookups, ResolveProblem, ResolveResult, ResolvedBody } from './resolve-payload';
export { porAccountTotals, sumJobTotals } from './reconciliation-totals';
export type { AccountTotalRow, PorTotals } from './reconciliation-totals';
export { classChain } from './ensure-jobs';
export type { ExportJob } from '../modes/export-job';
export type { CoveredPart } from '../modes/export-parts';
export { documentKeyOfPart, exportPartKeys, paidPartKey } from '../modes/export-parts';
export type * from '../modes/draft-types';
export { customerDisplayNames, itemName, referencesOf } from '../modes/references';
export { TRANSACTION_MODE_CONSEQUENCES } from '../modes/transaction-mode-consequences';
