/**
 * Fault injection and behaviour knobs for tests and benchmarks. Every field can be changed while the
 * simulator runs (`sim.knobs.X = ...`); the next request sees the new value.
 *
 * Faults to inject:
 * - latencyMs                 added to every API request (held while in flight, so it also exercises the concurrency cap).
 * - serverErrorRate           share of API requests answered 500 SystemFault before doing anything (0..1, seeded PRNG).
 * - dropConnectionRate        share of write requests whose socket is destroyed AFTER the write was committed (0..1).
 * - expireAccessTokens        every access token counts as expired (401) until switched off.
 * - failNext / failNextStatus the next N API requests fail with that HTTP status before doing anything.
 * - closingDate               books closed through this date (YYYY-MM-DD); see closedBooksFault.
 * - subscriptionEnded         writes fault 6190.
 *
 * Where real QBO is unverified or reported to differ (shared/spec/QBO.md, last section), one knob each:
 * - requestIdReplay           what a repeated `requestid` (single, or batch requestid + bId) does:
 *     'original'    (docs) the original successful answer, nothing done again; a faulted request runs again.
 *     'ignored'     requestid is not looked at: every request runs again (duplicates).
 *     'fault6000'   singles as 'original'; a batch whose requestid was seen before answers EVERY item
 *                   with Fault 6000 "A business validation error ..." (HTTP 200) and does nothing
 *                   (quickbooks-ruby PR #344).
 *     'fault600'    any repeated requestid (single or batch, faulted first time or not) is answered
 *                   HTTP 400 ValidationFault 600 "Duplicate Request ID" and does nothing.
 *     'cacheFaults' as 'original', but a faulted request's fault is remembered too and answered again,
 *                   even after its cause was fixed (e.g. the closing date moved).
 *   The memory (successes and faults, per single requestid, per batch requestid + bId and per batch
 *   requestid) is kept in every mode and in the state file, so the mode can be switched at any time.
 * - duplicateDocNumberCheck   company preference "warn on duplicate transaction numbers": 6140 on a
 *                             duplicate DocNumber when on; off, duplicates are stored.
 * - journalTotalAmtZero       JournalEntry.TotalAmt is 0 in every answer (create, update, read, query,
 *                             batch, CDC, replays), as Intuit documents. The stored sum is kept.
 * - customerAcctNumDropped    Customer.AcctNum is not stored on create/update and never returned (QBO
 *                             Online's Customer has no AcctNum); seeded customers lose it in answers and
 *                             queries too while on.
 * - closedBooksFault          how a create/update/delete/void of a transaction dated on/before
 *                             closingDate is refused (HTTP 400, Message "Account Period Closed, Cannot
 *                             Update Through Services API" in each case):
 *     '6210'  (today) code 6210, Detail names the closing date.
 *     '6200'  code 6200, Detail names the closing date.
 *     '5010'  code 5010 with a stale-object Detail that does not mention "closed" (a real report):
 *             a client that classifies by detail text, or by code alone, gets it wrong.
 * - undoRefusal               delete/void of a transaction answered 400 fault 800 "Object cannot be deleted":
 *     'never'   (docs) never.
 *     'linked'  when another stored transaction's Line[].LinkedTxn points at it (a Payment applied
 *               to the Invoice, a Deposit of the Payment ...).
 *     'always'  every transaction delete/void.
 *   Deleting or voiding an object that does not exist (or was already deleted) is 610 "Object Not Found"
 *   in every mode.
 * - retryAfterOn429           429 answers carry a Retry-After header (true) or none (false).
 * - perSecondCap              at most N API requests per second per realm, else 429 (QBO sandbox: 10/s);
 *                             0 = off. The "second" is limits.windowMs / 60, so it scales with the minute.
 * - customTxnNumbers          company preference "custom transaction numbers". Off: every transaction
 *                             create ignores the DocNumber sent and gets the next system number for
 *                             its entity ("1001", "1002", ...), an update keeps the stored number, and
 *                             Preferences.SalesFormsPrefs.CustomTxnNumbers says false.
 * - inactiveNameSuffix        an inactive Customer is answered as "Name (deleted)", as QBO's UI shows it
 *                             (QBO.md: the API may do the same); queries see that name too.
 * - astHonoursTotalTax        with automated sales tax on, a TotalTax sent is kept (true, Intuit's docs);
 *                             false: AST recomputes anyway (the worst case: the app must notice).
 *
 * Company settings (shared/spec/QBO.md "Company preferences"), reported by Preferences and CompanyInfo
 * and enforced on writes (company-settings-rules.ts); the profiles leave them at the defaults:
 * - classTracking             'perLine' (default) | 'perTxn' | 'off'. Off: any ClassRef is refused (6000).
 *                             perTxn: a ClassRef on a sales-form line is refused; the header one is kept.
 *                             perLine: a sales form's header ClassRef is dropped (QBO keeps line classes).
 *                             Journal entry lines carry classes in both tracking modes.
 * - multiCurrency / homeCurrency  on: every transaction must carry CurrencyRef (2020 otherwise); one that
 *                             is not the home currency is refused (no exchange rates here).
 * - automatedSalesTax / astRatePercent  on: Invoice and CreditMemo tax is recomputed at the company
 *                             rate from the taxable lines unless TxnTaxDetail.TotalTax is given, and the
 *                             TxnTaxCodeRef sent is replaced (AST decides it).
 *
 * Named profiles (profiles.ts, `startSimulator({ profile })`, `por-qbo simulator --profile NAME`):
 * - intuit-docs (default)  DEFAULT_KNOBS: what Intuit documents (requestIdReplay 'original',
 *                          duplicateDocNumberCheck true, journalTotalAmtZero false, customerAcctNumDropped
 *                          false, closedBooksFault '6210', undoRefusal 'never', retryAfterOn429 true,
 *                          perSecondCap 0, customTxnNumbers true, inactiveNameSuffix false,
 *                          astHonoursTotalTax true).
 * - field-reports          the worst reported or plausible reading of every point at once:
 *                          requestIdReplay 'ignored', duplicateDocNumberCheck false, journalTotalAmtZero
 *                          true, customerAcctNumDropped true, closedBooksFault '5010', undoRefusal
 *                          'linked', retryAfterOn429 false, perSecondCap 10, inactiveNameSuffix true,
 *                          astHonoursTotalTax false (customTxnNumbers stays true:
 *                          it is a company setting, not QBO's behaviour).
 * - replay-ignored, replay-fault6000, replay-fault600, replay-cache-faults: intuit-docs with that one
 *                          requestIdReplay mode, for test matrices.
 */
export type RequestIdReplayMode = 'original' | 'ignored' | 'fault6000' | 'fault600' | 'cacheFaults';
export type ClosedBooksFault = '6210' | '6200' | '5010';
export type UndoRefusal = 'never' | 'linked' | 'always';
export type ClassTracking = 'off' | 'perTxn' | 'perLine';

export const REQUEST_ID_REPLAY_MODES: readonly RequestIdReplayMode[] = ['original', 'ignored', 'fault6000', 'fault600', 'cacheFaults'];

export interface FaultKnobs {
  /** Added to every API request (held while in flight, so it also exercises the concurrency cap). */
  latencyMs: number;
  /** Share of API requests answered 500 SystemFault before doing anything (0..1, seeded PRNG). */
  serverErrorRate: number;
  /** Share of write requests whose socket is destroyed AFTER the write was committed (0..1). */
  dropConnectionRate: number;
  /** Every access token counts as expired (401) until switched off. */
  expireAccessTokens: boolean;
  /** The next N API requests fail with failNextStatus before doing anything. */
  failNext: number;
  failNextStatus: number;
  /** Books closed through this date (YYYY-MM-DD): transactions on or before it are refused (closedBooksFault). */
  closingDate: string | null;
  /** Company preference "warn on duplicate transaction numbers": 6140 on duplicate DocNumber. */
  duplicateDocNumberCheck: boolean;
  /** Subscription ended: writes fault 6190. */
  subscriptionEnded: boolean;
  /** What a repeated requestid does (see the header comment). */
  requestIdReplay: RequestIdReplayMode;
  /** JournalEntry.TotalAmt is 0 in every answer. */
  journalTotalAmtZero: boolean;
  /** Customer.AcctNum is neither stored nor returned. */
  customerAcctNumDropped: boolean;
  /** The fault code for a change dated in closed books: 6210, 6200 or 5010. */
  closedBooksFault: ClosedBooksFault;
  /** When delete/void of a transaction is refused with 800 "Object cannot be deleted". */
  undoRefusal: UndoRefusal;
  /** 429 answers carry Retry-After. */
  retryAfterOn429: boolean;
  /** At most N API requests per (scaled) second per realm; 0 = no cap. */
  perSecondCap: number;
  /** Company allows custom transaction numbers; off: DocNumber is system-generated. */
  customTxnNumbers: boolean;
  /** Inactive customers are answered as "Name (deleted)". */
  inactiveNameSuffix: boolean;
  /** AST keeps a TotalTax that is sent (false: recomputes anyway). */
  astHonoursTotalTax: boolean;
  /** Company preference: class tracking off, one class per transaction, or one per line. */
  classTracking: ClassTracking;
  /** Company preference: multicurrency (CurrencyRef required on transactions). */
  multiCurrency: boolean;
  /** The company's home currency code (CompanyInfo, Preferences.CurrencyPrefs). */
  homeCurrency: string;
  /** Automated sales tax: recompute tax unless TotalTax is given. */
  automatedSalesTax: boolean;
  /** The rate AST applies to taxable lines, in percent (e.g. 9.5). */
  astRatePercent: number;
}

export const DEFAULT_KNOBS: FaultKnobs = {
  latencyMs: 0,
  serverErrorRate: 0,
  dropConnectionRate: 0,
  expireAccessTokens: false,
  failNext: 0,
  failNextStatus: 503,
  closingDate: null,
  duplicateDocNumberCheck: true,
  subscriptionEnded: false,
  requestIdReplay: 'original',
  journalTotalAmtZero: false,
  customerAcctNumDropped: false,
  closedBooksFault: '6210',
  undoRefusal: 'never',
  retryAfterOn429: true,
  perSecondCap: 0,
  customTxnNumbers: true,
  inactiveNameSuffix: false,
  astHonoursTotalTax: true,
  classTracking: 'perLine',
  multiCurrency: false,
  homeCurrency: 'USD',
  automatedSalesTax: false,
  astRatePercent: 9.5,
};
