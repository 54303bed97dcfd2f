/** The ledger's public surface: open it, then use its parts (documents, outbox, history, ...). */
export { openLedger, ledgerPath, Ledger, LEDGER_FILE_NAME, type OpenLedgerOptions } from './ledger';
export { LedgerError } from './ledger-context';
export { LedgerSchemaError } from './migrate';
export { LATEST_SCHEMA_VERSION } from './migrations';
export type { RecordOutcome, StoredDocument, DocumentStatus, RevisionDecision, DocumentFilter } from './document-store';
export type { OutboxJob, JobStatus, JobKind, JobError, EnqueueInput, ClaimOptions, JobFilter } from './outbox';
export type { HistoryEntry, HistoryFilter, HistoryInput, HistorySubject, Page, PageRequest } from './history-log';
export type { QuarantineEntry } from './quarantine';
export type { ImportedFile, FileOutcome } from './file-registry';
export type { AccountMapping, MappingInput, MappingValidation, MappingSource } from './account-mappings';
export type { StoreSettings, StoreSettingsInput, ExportFormat } from './store-settings';
export { EXPORT_MODES, type ExportMode, type KnownEnvSettings } from './env-settings';
export type { ReferenceEntity, ReferenceSnapshot } from './reference-cache';
export type { PorTotal, PorTotalsFilter } from './reconciliation-queries';
export { documentPostings, UNNAMED_RECEIVABLE, type Posting } from '../por/document-postings';
export { deriveRequestId } from './request-id';
