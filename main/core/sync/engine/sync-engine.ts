/**
 * The sync engine: drains one environment's outbox into QBO, exactly once.
 *
 * - Throughput: up to `maxInFlight` sends at once (QBO allows 10 per realm). Fresh jobs leave in batch
 *   requests of up to 30 while the batch allowance (120/min) lasts, and as single creates on the
 *   remaining request allowance (500/min) when it does not. No read after a create: create answers
 *   feed the reference index directly.
 * - Exactly once without trusting QBO's promises (QBO.md): every create carries the ledger row's
 *   requestid and a marker (send-marker.ts), and is marked "may exist" before it leaves. A create whose
 *   outcome is unknown (no answer, 5xx, 429, 600, a crash) is never resent as is: QBO is searched first
 *   (look-before-resend.ts), what is found is linked, and the rest goes out under a new requestid, as
 *   does a retry after a definite refusal. A 6140 duplicate number is looked up and linked when it is
 *   our earlier success.
 * - Order: classes, customers and items (ensure jobs) go before the postings that need them; a posting
 *   whose reference is still being created waits for it.
 * - Faults: transient ones requeue with backoff, content ones fail the job with a plain fix, and an
 *   authentication loss or a stopped company ends the run with every job kept.
 */
import type { Environment } from '../../environment';
import { centsToDecimal, parseCents } from '../../money';
import { LedgerError, type JobError, type Ledger, type OutboxJob } from '../../ledger';
import type { Customer, Item, QboClass, WritableEntity } from '../../qbo/entities';
import type { BatchItem, BatchItemResult, QboClient } from '../../qbo/qbo-client';
import type { QboLogger } from '../../qbo/qbo-log';
import { silentLogger } from '../../qbo/qbo-log';
import { sleep } from '../../qbo/retry-policy';
import type { ReferenceCache } from '../../qbo/reference-cache';
import { classEnsureKey, customerEnsureKey, itemEnsureKey } from '../modes/idempotency-key';
import { customerDisplayNames, resolvePayload, type ExportJob, type ResolveProblem } from '../plan';
import { lookupEarlierSuccess, reactivateCustomer, reuseExistingEntry } from './earlier-success';
import { lookUpEarlierSends, type LookupTarget } from './look-before-resend';
import { CUSTOMER_NOTES_MAX, sendMarker, withMarker } from './send-marker';
import { QboFault, QboNetworkError, ReconnectNeededError, isClosedPeriod, isUncertainWriteOutcome } from '../../qbo/qbo-fault';
import { RequestIdError } from '../../qbo/request-id';
import { assertSameEnvironment } from '../../cutover/realm-guard';
import { adviseFault, type FaultAdvice } from './fault-advice';
import { ENSURE_KINDS, POSTING_KINDS, describeJob, exportJobOf } from './job-payload';
import { RefIndex, type ReferenceLists } from './ref-index';
import { TransportJournal, batchItemId, batchRequestId } from './transport-journal';
import { companySettingsOf, type CompanySettings } from '../../qbo/company-settings';
import { COMPANY_HOLD_PREFIX, classTrackingBlocks } from '../../cutover/company-preflight';
import { fitToCompany } from './company-fit';
import { keepCompanySettings } from '../../cutover/read-company-settings';
import type { CutoverChecklist } from '../../cutover/cutover-checklist';
import { applyCutoverGate, needsCutoverGate } from '../../cutover/cutover-gate';
import { engineLockProblem } from '../../env-lock';
import { APPROVAL_HOLD_REASON } from '../../ledger/file-registry';

export interface SyncEngineOptions {
  ledger: Ledger;
  environment: Environment;
  client: QboClient;
  references: ReferenceCache;
  /** Throws (with a message for people) when this client must not get this environment's jobs. */
  guard?: () => void;
  /**
   * Production's go-live checklist. Until production went live, a production ledger's drain sends
   * nothing unless this says ready (then production goes live here, cutover-gate.ts); without it, nothing.
   */
  cutoverChecklist?: () => CutoverChecklist;
  maxInFlight?: number;
  batchSize?: number;
  /** Lease on claimed jobs; generous, because a throttled request may take minutes. */
  leaseMs?: number;
  /** Delay before a job requeued after a transient failure may run again (attempt counts from 1). */
  retryDelayMs?: (attempt: number) => number;
  /** How long a posting waits for the class/customer/item being created for it. */
  dependencyWaitMs?: number;
  /** Within one drain, jobs due sooner than this are waited for instead of ending the drain. */
  shortWaitMs?: number;
  now?: () => number;
  log?: QboLogger;
  random?: () => number;
}

export interface DrainProgress {
  done: number;
  total: number;
}

export type DrainStop = { reason: 'reconnect' | 'stop' | 'guard' | 'aborted'; message: string; fix: string | null };

export interface DrainResult {
  /** Created in QBO by this drain. */
  posted: number;
  /** Found already in QBO (existing list entries, a 6140 earlier success) and linked. */
  linked: number;
  /** Netted to zero: recorded as sent without calling QBO. */
  skipped: number;
  /** Need a person (mapping, closed period, ...). */
  failed: number;
  /** Requeued after a transient failure (throttle, 5xx, network). */
  retried: number;
  /** Postings put back to wait for a class/customer/item still being created. */
  deferred: number;
  /** Held because the company's settings refuse them (class tracking off); released when they change. */
  held: number;
  stopped: DrainStop | null;
  /** The earliest time a requeued job becomes due (epoch ms), if any. */
  nextDueAt: number | null;
  /** The last failure explained, for the status line. */
  lastFailure: FaultAdvice | null;
}

export interface DrainOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DrainProgress) => void;
}

interface Prepared {
  row: OutboxJob;
  job: ExportJob;
  entity: WritableEntity;
  body: object;
}

interface Unit {
  /**
   * reactivate: a sparse update making an inactive customer active again before it is used.
   * lookup: jobs whose earlier request may have run, searched for in QBO before any resend.
   */
  transport: 'single' | 'batch' | 'reactivate' | 'lookup';
  batchRequestId: string | null;
  members: Prepared[];
  bIds: Map<number, string>;
  ensure: boolean;
  lookups?: LookupTarget[];
}

/** What a failed attempt says about QBO: it refused (nothing created) or it may have run. */
type SentOutcome = 'refused' | 'unknown';

const WAITING_CODES = new Set<ResolveProblem['code']>(['missingClass', 'missingParentClass', 'missingCustomer', 'missingItem', 'missingInvoice']);

export class SyncEngine {
  private readonly ledger: Ledger;
  private readonly client: QboClient;
  private readonly journal: TransportJournal;
  private readonly maxInFlight: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly now: () => number;
  private readonly log: QboLogger;
  private readonly random: () => number;
  private index: RefIndex | null = null;
  private referencesStale = false;
  private running: Promise<DrainResult> | null = null;
  /** Jobs the last claim put back to wait for a dependency in flight. */
  private deferredInClaim = 0;
  /** Mapped account ids already looked for in QBO (a deleted one must not cost a read every run). */
  private readonly accountsLookedFor = new Set<string>();
  /** Customer names being created right now (two new customers with one name must not collide). */
  private readonly pendingNames = new Set<string>();
  /** The company's settings (read from Preferences once, when first needed; again while they hold jobs). */
  private companyRead: Promise<CompanySettings | null> | null = null;
  /** This drain's answer of companyRead (claims are synchronous). */
  private company: CompanySettings | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.ledger = options.ledger;
    this.client = options.client;
    this.journal = new TransportJournal(options.ledger);
    this.maxInFlight = options.maxInFlight ?? options.client.limiter.limits.maxInFlight;
    this.batchSize = Math.min(30, options.batchSize ?? 30);
    this.leaseMs = options.leaseMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? silentLogger;
    this.random = options.random ?? Math.random;
  }

  /** True while a drain runs. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Forget the reference index: the next drain reloads QBO's lists (after a 610/2500, a reconnect). */
  invalidateReferences(): void {
    this.referencesStale = true;
  }

  /** Drains every runnable job; concurrent callers share the one drain in progress. */
  drain(options: DrainOptions = {}): Promise<DrainResult> {
    if (!this.running) {
      // Waits inside the QBO layer (a limiter paused by Retry-After) use unref'd timers; while work is
      // in progress the process must not quietly exit as if it were done (the CLI would say "ok").
      const keepAlive = setInterval(() => {}, 60_000);
      this.running = this.drainOnce(options).finally(() => {
        clearInterval(keepAlive);
        this.pendingNames.clear();
        this.running = null;
      });
    }
    return this.running;
  }

  private async drainOnce(options: DrainOptions): Promise<DrainResult> {
    const result: DrainResult = {
      posted: 0,
      linked: 0,
      skipped: 0,
      failed: 0,
      retried: 0,
      deferred: 0,
      held: 0,
      stopped: null,
      nextDueAt: null,
      lastFailure: null,
    };
    try {
      this.options.guard?.();
    } catch (err) {
      result.stopped = { reason: 'guard', message: err instanceof Error ? err.message : String(err), fix: null };
      return result;
    }
    // One sender per environment: the app and por-qbo never post beside each other (env-lock.ts).
    const otherSender = engineLockProblem(this.ledger.path, this.ledger.environment);
    if (otherSender) {
      result.stopped = { reason: 'guard', message: otherSender, fix: 'Let it finish (or use Sync now there); nothing is lost.' };
      return result;
    }
    const notLive = this.goLiveRefusal();
    if (notLive) {
      result.stopped = { reason: 'guard', message: notLive, fix: 'Finish the go-live checklist (Go live); held exports are sent once, when it passes.' };
      return result;
    }
    // Production with "approve before posting": what came in a file nobody approved yet waits (held).
    const unapproved = this.ledger.files.queuedJobsAwaitingApproval();
    if (unapproved.length) this.ledger.transaction(() => unapproved.forEach((id) => this.ledger.outbox.hold(id, APPROVAL_HOLD_REASON)));
    if (this.ledger.outbox.counts().held > 0) await this.releaseCompanyHolds();
    const counts = this.ledger.outbox.counts();
    const progress: DrainProgress = { done: 0, total: counts.queued };
    if (counts.queued === 0) return this.finish(result);
    try {
      await this.loadReferences();
    } catch (err) {
      const advice = adviseFault(err, { what: 'the QuickBooks reference lists' });
      result.lastFailure = advice;
      if (advice.action === 'reconnect' || advice.action === 'stop') result.stopped = { reason: advice.action, message: advice.message, fix: advice.fix };
      else result.retried = counts.queued;
      return this.finish(result);
    }
    // What connect (or this engine) read last; read now only when nothing has been.
    this.company = this.ledger.settings.get('companySettings') ?? (await this.companySettings());

    const inflight = new Set<Promise<void>>();
    let ensureInFlight = 0;
    let exhausted = false;
    let throttled = false;
    let waits = 0;
    const report = () => options.onProgress?.({ ...progress, total: Math.max(progress.total, progress.done) });

    while (true) {
      while (!result.stopped && !options.signal?.aborted && !exhausted && inflight.size < this.maxInFlight) {
        const allowance = this.allowance();
        if (allowance === 'none') {
          throttled = true;
          break;
        }
        let units = this.claimUnits(true, result, progress, allowance);
        let ensure = true;
        if (units === null) {
          if (ensureInFlight > 0) break; // postings wait until their references exist
          ensure = false;
          units = this.claimUnits(false, result, progress, allowance);
        }
        if (units === null) {
          exhausted = true;
          break;
        }
        report();
        if (units.length === 0 && this.deferredInClaim > 0 && inflight.size > 0) {
          // Everything claimed waits for something in flight: claim again once that finishes.
          exhausted = true;
          break;
        }
        for (const unit of units) {
          if (ensure) ensureInFlight++;
          const p: Promise<void> = this.send(unit, result, progress)
            .catch((err: unknown) => this.crashed(unit, err, result))
            .finally(() => {
              if (ensure) ensureInFlight--;
              inflight.delete(p);
              report();
            });
          inflight.add(p);
        }
      }
      if (throttled) {
        // The realm's allowance is used up: wait until a slot frees (a completion, or time passing).
        throttled = false;
        const poll = Math.max(5, Math.ceil(this.client.limiter.limits.windowMs / this.client.limiter.limits.maxPerWindow));
        await Promise.race([...inflight, sleep(poll)]);
        continue;
      }
      if (inflight.size === 0) {
        // Jobs due in a moment (a posting waiting for its customer, a short retry) are worth waiting for.
        const wait = this.shortWait(result, options, waits++);
        if (wait === null) break;
        try {
          await sleep(wait, options.signal);
        } catch {
          break; // paused
        }
        exhausted = false;
        continue;
      }
      await Promise.race(inflight);
      // Something finished: more may be runnable now (postings waiting for a customer, new jobs).
      exhausted = false;
    }
    if (options.signal?.aborted && !result.stopped) result.stopped = { reason: 'aborted', message: 'Sync was paused or stopped.', fix: null };
    return this.finish(result);
  }

  private shortWait(result: DrainResult, options: DrainOptions, waits: number): number | null {
    if (result.stopped || options.signal?.aborted || waits >= 200) return null;
    const due = this.ledger.outbox.nextDueAt();
    if (!due) return null;
    const wait = Date.parse(due) - this.now();
    return wait <= (this.options.shortWaitMs ?? 3_000) ? Math.max(0, wait) + 5 : null;
  }

  private finish(result: DrainResult): DrainResult {
    // What this run created (customers, classes, items) is saved for the next start.
    this.options.references.flush();
    const due = this.ledger.outbox.nextDueAt();
    result.nextDueAt = due ? Date.parse(due) : null;
    return result;
  }

  /**
   * A fresh index per run from the reference cache: the cache follows every create and update this app
   * makes (an account created for a mapping fix is there at once) and is only re-read from QBO after a
   * 610/2500; building the index from memory costs no request.
   */
  private async loadReferences(): Promise<void> {
    const refs = this.options.references;
    // After a 610/2500 the saved copy may be what is wrong: ask QBO itself.
    if (this.referencesStale) await refs.reload();
    else await refs.ensureLoaded();
    // A mapping to an account the saved list does not know (created in QBO since): read the list once.
    let accounts = await refs.list('Account');
    const known = new Set(accounts.map((a) => a.Id));
    const unknown = this.ledger.mappings
      .list()
      .map((m) => m.qboAccountId)
      .filter((id) => !known.has(id) && !this.accountsLookedFor.has(id));
    if (unknown.length > 0) {
      for (const id of unknown) this.accountsLookedFor.add(id);
      await refs.reload('Account');
      accounts = await refs.list('Account');
    }
    const lists: ReferenceLists = {
      Account: accounts,
      Class: await refs.list('Class'),
      Item: await refs.list('Item'),
      Customer: await refs.list('Customer'),
      TaxCode: await refs.list('TaxCode'),
    };
    this.index = new RefIndex(this.ledger, lists);
    this.referencesStale = false;
  }

  private learnFromEnsureJob(index: RefIndex, row: OutboxJob): void {
    if (!row.qboId || !(ENSURE_KINDS as readonly string[]).includes(row.kind)) return;
    const job = exportJobOf(row);
    if (!job) return;
    const p = job.payload;
    if (p.entity === 'Class' && !index.classFor(p.fullyQualifiedName)) {
      index.add('Class', { Id: row.qboId, Name: p.name, FullyQualifiedName: p.fullyQualifiedName, Active: true });
    } else if (p.entity === 'Customer') {
      if (p.customer.number !== null) index.linkCustomer(p.customer.number, row.qboId);
      if (!index.customerById(row.qboId)) {
        const [displayName] = customerDisplayNames(p.customer);
        index.add('Customer', { Id: row.qboId, DisplayName: displayName, Active: true });
      }
    } else if (p.entity === 'Item' && !index.itemFor(p.item)) {
      index.add('Item', { Id: row.qboId, Name: p.name, Type: 'Service', Active: true });
    }
  }

  /**
   * Claims the next jobs and turns them into send units, in one ledger transaction: resolves each
   * payload, settles the ones that need no request (existing entries, nothing to post, unmapped
   * accounts), and records how the rest will travel before anything leaves. Null when nothing is runnable.
   */
  private claimUnits(ensure: boolean, result: DrainResult, progress: DrainProgress, allowance: 'batch' | 'single'): Unit[] | null {
    this.deferredInClaim = 0;
    const batchOpen = allowance === 'batch';
    const limit = batchOpen ? this.batchSize : 1;
    return this.ledger.transaction(() => {
      const kinds = [...(ensure ? ENSURE_KINDS : POSTING_KINDS)];
      // Jobs whose last request may have run come first, together: one lookup covers up to a batch of them.
      const unconfirmed = this.ledger.outbox.claim({ limit: this.batchSize, kinds, leaseMs: this.leaseMs, unconfirmedOnly: true });
      const rows = unconfirmed.length > 0 ? unconfirmed : this.ledger.outbox.claim({ limit, kinds, leaseMs: this.leaseMs });
      if (rows.length === 0) return null;
      const fresh: Prepared[] = [];
      const lookups: LookupTarget[] = [];
      const reactivate: Prepared[] = [];
      for (const row of rows) {
        try {
          this.prepareRow(row, result, progress, fresh, lookups, reactivate);
        } catch (err) {
          // A bug must not wedge the queue: this job fails visibly, the others go on.
          const message = err instanceof Error ? err.message : String(err);
          this.log({ level: 'error', event: 'sync.prepare-crashed', message, jobId: row.id });
          this.failJob(
            row,
            { message: `The app could not prepare this export: ${message}`, fix: 'Report this with the history entry; retry after updating the app.' },
            result,
            progress,
          );
        }
      }
      const units: Unit[] = [];
      for (const p of reactivate) units.push({ transport: 'reactivate', batchRequestId: null, members: [p], bIds: new Map(), ensure });
      if (lookups.length > 0) units.push({ transport: 'lookup', batchRequestId: null, members: [], bIds: new Map(), ensure, lookups });
      // Until a definite answer, each of these may exist in QBO (written before anything leaves).
      this.ledger.outbox.markSent(fresh.map((p) => p.row.id));
      if (fresh.length === 1 || !batchOpen) {
        for (const p of fresh) {
          this.journal.recordSingle(p.row);
          units.push(this.singleUnit(p, ensure));
        }
      } else if (fresh.length > 1) {
        for (let i = 0; i < fresh.length; i += this.batchSize) {
          const members = fresh.slice(i, i + this.batchSize);
          const id = batchRequestId(members.map((m) => m.row));
          const bIds = new Map(members.map((m) => [m.row.id, batchItemId(m.row)]));
          this.journal.recordBatch(
            members.map((m) => m.row),
            id,
            bIds,
          );
          units.push({ transport: 'batch', batchRequestId: id, members, bIds, ensure });
        }
      }
      return units;
    });
  }

  private prepareRow(row: OutboxJob, result: DrainResult, progress: DrainProgress, fresh: Prepared[], lookups: LookupTarget[], reactivate: Prepared[]): void {
    const index = this.index!;
    // A row of another environment never leaves through this connection (throws: the job fails visibly).
    assertSameEnvironment(row.environment, this.options.environment);
    const job = exportJobOf(row);
    if (!job) {
      this.failJob(row, { message: `Export job ${row.id} was not made by this version of the app and cannot be sent.`, fix: 'Cancel it.' }, result, progress);
      return;
    }
    const resolved = resolvePayload(job, index);
    const marker = sendMarker(this.ledger.id, row.idempotencyKey);
    if (row.unconfirmedSend) {
      // Its last request may have run: look in QBO before anything else (even if it now resolves otherwise).
      lookups.push({ id: row.id, job, marker, body: 'body' in resolved ? resolved.body : null });
      return;
    }
    if ('existing' in resolved) {
      // Taken at once, before the reactivation or link completes: a namesake in the same claim must not get it too.
      if (job.payload.entity === 'Customer' && job.payload.customer.number !== null) index.linkCustomer(job.payload.customer.number, resolved.existing.value);
      const customer = job.payload.entity === 'Customer' ? index.customerById(resolved.existing.value) : undefined;
      if (customer?.Active === false && customer.Id) {
        // A returning customer QBO has made inactive: invoices to it would fault 610.
        reactivate.push({ row, job, entity: 'Customer', body: { Id: customer.Id, SyncToken: customer.SyncToken ?? '0', Active: true } });
        return;
      }
      this.completeJob(row, { qboId: resolved.existing.value }, result, progress, 'linked');
      return;
    }
    if ('nothingToPost' in resolved) {
      this.completeJob(row, { qboId: '' }, result, progress, 'skipped');
      return;
    }
    if ('problems' in resolved) {
      this.unresolved(row, job, resolved.problems, result, progress);
      return;
    }
    const fit = fitToCompany(resolved.entity, resolved.body, this.company);
    if ('hold' in fit) {
      // Nothing was sent: it waits for the company's setting, not for a retry.
      this.ledger.outbox.holdClaimed(row.id, fit.hold);
      result.held++;
      progress.done++;
      return;
    }
    if (resolved.entity === 'Customer' && job.payload.entity === 'Customer') this.chooseCustomerName(resolved.body, job.payload.customer);
    fresh.push({ row, job, entity: resolved.entity, body: markBody(resolved.entity, fit.body, marker) });
  }

  /**
   * A new customer's display name: POR's name, unless QBO (or a create in flight) already uses it for
   * another customer; then the second form ("Name (number)") at once, instead of a 6240 round trip.
   */
  private chooseCustomerName(body: Customer, customer: { number: string | null; name: string | null; email: string | null }): void {
    const [first, second] = customerDisplayNames(customer);
    // A name QBO holds is taken: had it been this customer's, resolve would have linked it.
    const taken = (name: string) => this.pendingNames.has(name.toLowerCase()) || this.index!.customerNamed(name) !== undefined;
    if (taken(first) && !taken(second)) body.DisplayName = second;
    this.pendingNames.add(body.DisplayName.toLowerCase());
  }

  private singleUnit(p: Prepared, ensure: boolean): Unit {
    return { transport: 'single', batchRequestId: null, members: [p], bIds: new Map(), ensure };
  }

  /**
   * What the realm's allowance lets us start now. A batch slot carries 30 creates and a plain one only
   * one, so plain creates never take the slots batches need: they use what the batch allowance leaves
   * (500 - 120 per minute at QBO's limits). 'none': wait for a slot to free up.
   */
  private allowance(): 'batch' | 'single' | 'none' {
    const stats = this.client.limiter.stats();
    const limits = this.client.limiter.limits;
    if (stats.windowCount >= limits.maxPerWindow) return 'none';
    if (stats.batchWindowCount < limits.maxBatchPerWindow) return 'batch';
    return stats.windowCount - stats.batchWindowCount < limits.maxPerWindow - limits.maxBatchPerWindow ? 'single' : 'none';
  }

  private unresolved(row: OutboxJob, job: ExportJob, problems: ResolveProblem[], result: DrainResult, progress: DrainProgress): void {
    const waitingFor = problems.every((p) => WAITING_CODES.has(p.code)) ? this.pendingDependency(job, problems) : null;
    if (waitingFor?.state === 'held' && waitingFor.holdReason?.startsWith(COMPANY_HOLD_PREFIX)) {
      // Its class waits for the company's settings: so does it, released together when they change.
      this.ledger.outbox.holdClaimed(row.id, waitingFor.holdReason);
      result.held++;
      progress.done++;
      return;
    }
    if (waitingFor?.state === 'pending' || waitingFor?.state === 'held') {
      result.deferred++;
      this.deferredInClaim++;
      // Due again once what it waits for can have finished: at once when that is in flight (the drain
      // claims it after the unit completes), or when a requeued dependency is due (no spinning claims).
      const wait = waitingFor.state === 'held' ? 60_000 : (this.options.dependencyWaitMs ?? 0);
      const due = Math.max(this.now() + wait, waitingFor.dueAt ?? 0);
      this.ledger.outbox.defer(row.id, `Waiting for ${waitingFor.what} to be created in QuickBooks first.`, new Date(due));
      return;
    }
    const message =
      waitingFor?.state === 'failed'
        ? `${describeJob(job, row)} needs ${waitingFor.what}, which could not be created: ${waitingFor.error}`
        : problems.map((p) => p.message).join(' ');
    const fix =
      waitingFor?.state === 'failed'
        ? 'Fix the problem with it (see its own entry in the history), then retry both.'
        : problems.map((p) => p.message).join(' ');
    const classProblem =
      waitingFor?.state !== 'failed' && problems.some((p) => p.code === 'missingClass' || p.code === 'inactiveClass' || p.code === 'missingParentClass');
    this.failJob(row, { message: message.slice(0, 2000), fix: fix.slice(0, 2000), kind: classProblem ? 'classes' : 'mapping' }, result, progress);
  }

  /** For references still missing: is their ensure job on its way (pending), failed, or absent? */
  private pendingDependency(
    job: ExportJob,
    problems: ResolveProblem[],
  ): { state: 'pending' | 'held' | 'failed' | 'absent'; what: string; error?: string; dueAt?: number; holdReason?: string } {
    const env = this.options.environment;
    for (const p of problems) {
      const key =
        p.jobKey !== undefined
          ? p.jobKey
          : p.className !== undefined
            ? classEnsureKey(env, p.code === 'missingParentClass' && job.payload.entity === 'Class' ? (job.payload.parent ?? p.className) : p.className)
            : p.customer
              ? customerEnsureKey(env, p.customer)
              : p.item
                ? itemEnsureKey(env, p.item)
                : null;
      const what =
        p.jobKey !== undefined
          ? 'its invoice'
          : p.className !== undefined
            ? `class "${p.className}"`
            : p.customer
              ? `customer ${p.customer.name ?? p.customer.number ?? ''}`
              : p.item
                ? `the item for ${p.item.kind} lines`
                : 'a reference';
      const dep = key ? this.ledger.outbox.getByKey(key) : null;
      if (!dep) return { state: 'absent', what };
      if (dep.status === 'failed' || dep.status === 'cancelled') return { state: 'failed', what, error: dep.lastError?.message ?? dep.status };
      if (dep.status === 'posted' && dep.qboId) {
        this.learnFromEnsureJob(this.index!, dep);
        return { state: 'pending', what };
      }
      if (dep.status === 'held') return { state: 'held', what, ...(dep.holdReason ? { holdReason: dep.holdReason } : {}) };
      // A posting waiting for another posting (a payment for its invoice) sits out a second (a few round trips):
      // both are claimed side by side, and coming back at once it took half of every batch, deferred again.
      const settle = p.jobKey !== undefined ? this.now() + this.client.limiter.limits.windowMs / 60 : 0;
      if (dep.status === 'queued') return { state: 'pending', what, dueAt: Math.max(settle, Date.parse(dep.nextAttemptAt)) };
      if (dep.status === 'inFlight') return { state: 'pending', what, ...(settle ? { dueAt: settle } : {}) };
    }
    return { state: 'absent', what: 'a reference' };
  }

  private async send(unit: Unit, result: DrainResult, progress: DrainProgress): Promise<void> {
    if (unit.transport === 'reactivate') return this.reactivate(unit.members[0]!, result, progress);
    if (unit.transport === 'lookup') return this.lookBeforeResend(unit.lookups ?? [], result, progress);
    if (unit.transport === 'single') {
      const m = unit.members[0]!;
      try {
        const value = (await this.client.create(m.entity, m.body as never, { requestId: m.row.requestId })) as unknown as Record<string, unknown>;
        this.ledger.transaction(() => this.created(m, value, result, progress));
      } catch (err) {
        await this.handleItemFault(m, err, result, progress, false);
      }
      return;
    }
    const items: BatchItem[] = unit.members.map((m) => ({ bId: unit.bIds.get(m.row.id)!, operation: 'create', entity: m.entity, body: m.body }));
    let results: BatchItemResult[];
    try {
      results = await this.client.batch(items, { requestId: unit.batchRequestId! });
    } catch (err) {
      this.wholeUnitFailed(unit, err, result, progress);
      return;
    }
    const faulted: { m: Prepared; fault: unknown }[] = [];
    this.ledger.transaction(() => {
      unit.members.forEach((m, i) => {
        const r = results[i]!;
        if (r.ok && r.value) this.created(m, r.value, result, progress);
        else if (!r.ok) faulted.push({ m, fault: r.fault });
        else faulted.push({ m, fault: new Error('QuickBooks answered the batch item without the created object') });
      });
    });
    await Promise.all(faulted.map((f) => this.handleItemFault(f.m, f.fault, result, progress, true)));
  }

  /**
   * Jobs whose last request may have run: what QBO holds is linked, the rest goes back to the queue under
   * a new requestid (sent by the next claim). One query per entity covers the whole group.
   */
  private async lookBeforeResend(targets: LookupTarget[], result: DrainResult, progress: DrainProgress): Promise<void> {
    let answers: Map<number, Record<string, unknown> | null>;
    try {
      answers = await lookUpEarlierSends(this.client, targets, { docNumbersKept: await this.companyKeepsDocNumbers() });
    } catch (err) {
      const advice = adviseFault(err, { what: `the check of ${targets.length} earlier ${targets.length === 1 ? 'send' : 'sends'} in QuickBooks` });
      if (advice.action === 'reconnect' || advice.action === 'stop') result.stopped ??= { reason: advice.action, message: advice.message, fix: advice.fix };
      const rows = targets.map((t) => this.ledger.outbox.get(t.id)).filter((r): r is OutboxJob => r?.status === 'inFlight');
      return this.requeue(rows, advice, result, undefined, 'unknown');
    }
    this.ledger.transaction(() => {
      for (const t of targets) {
        const row = this.ledger.outbox.get(t.id);
        if (row?.status !== 'inFlight') continue;
        const found = answers.get(t.id);
        const entity = t.job.payload.entity as WritableEntity;
        if (found) {
          this.log({ level: 'info', event: 'sync.earlier-send-found', message: `${describeJob(t.job, row)} was already in QuickBooks; linked`, jobId: row.id });
          this.created({ row, job: t.job, entity, body: t.body ?? {} }, found, result, progress, 'linked');
        } else {
          this.ledger.outbox.confirmAbsent(row.id, 'searched QuickBooks');
          result.retried++;
        }
      }
    });
  }

  /**
   * The company's closing date, for a closed-books refusal that does not name it (5010 "Account Period
   * Closed" carries no date). One metered read, only on such a refusal; null if it cannot be read.
   */
  private async closingDate(): Promise<string | null> {
    try {
      return (await this.client.preferences()).AccountingInfoPrefs?.BookCloseDate ?? null;
    } catch {
      return null;
    }
  }

  /** Preferences say whether QBO keeps our DocNumbers; if they cannot be read, search by date (always works). */
  private async companyKeepsDocNumbers(): Promise<boolean> {
    return (await this.companySettings())?.customTxnNumbers ?? false;
  }

  /**
   * The company's settings: one Preferences read per engine (the preflight shows what it found, so it is
   * kept in the ledger). Null when they cannot be read: sent as today, asked again next time.
   */
  private companySettings(): Promise<CompanySettings | null> {
    this.companyRead ??= this.client.preferences().then(
      (prefs) => {
        return keepCompanySettings(this.ledger, companySettingsOf(prefs));
      },
      (err: unknown) => {
        this.companyRead = null;
        this.log({ level: 'warn', event: 'sync.preferences-unread', message: err instanceof Error ? err.message : String(err) });
        return null;
      },
    );
    return this.companyRead;
  }

  /**
   * The go-live gate, at the one point every posting path passes (resend, retry, post, replay, scheduler,
   * CLI): a production ledger that has not gone live sends nothing until the checklist is ready.
   */
  private goLiveRefusal(): string | null {
    if (!needsCutoverGate(this.ledger.environment) || this.ledger.outbox.isLive()) return null;
    const checklist = this.options.cutoverChecklist?.();
    if (!checklist) return 'Production has not gone live yet: nothing is sent to production before the go-live checklist passes.';
    if (!checklist.readyToSend)
      return `${checklist.holdReason ?? 'Production is not ready yet.'} Nothing is sent to production before the go-live checklist passes.`;
    applyCutoverGate(this.ledger, checklist);
    return null;
  }

  /** Jobs held for the company's settings go back to the queue once a fresh read says they fit. */
  private async releaseCompanyHolds(): Promise<void> {
    const ids = this.ledger.outbox.heldIdsByReason(COMPANY_HOLD_PREFIX);
    if (ids.length === 0) return;
    this.companyRead = null; // someone may have changed the setting since
    const settings = await this.companySettings();
    if (!settings || classTrackingBlocks(settings, 1)) return;
    this.ledger.transaction(() => {
      for (const id of ids) this.ledger.outbox.release(id);
    });
  }

  private async reactivate(m: Prepared, result: DrainResult, progress: DrainProgress): Promise<void> {
    const body = m.body as { Id: string; SyncToken: string };
    try {
      const value = await reactivateCustomer(this.client, body.Id, body.SyncToken);
      this.index!.add('Customer', value);
      this.ledger.transaction(() => this.completeJob(m.row, { qboId: body.Id, syncToken: value.SyncToken ?? null }, result, progress, 'linked'));
    } catch (err) {
      await this.handleItemFault(m, err, result, progress, false);
    }
  }

  private created(m: Prepared, value: Record<string, unknown>, result: DrainResult, progress: DrainProgress, how: 'posted' | 'linked' = 'posted'): void {
    const id = typeof value.Id === 'string' ? value.Id : String(value.Id ?? '');
    if (!id) throw new Error('QuickBooks answered a create without an Id');
    const changed = how === 'posted' ? totalChangedByQbo(m.job, value) : null;
    if (changed) {
      // It is in QBO, but not as POR's: a failed posting a person must look at (a retry looks it up first).
      this.log({ level: 'error', event: 'sync.total-changed', message: changed.message, jobId: m.row.id });
      this.failJob(m.row, { message: changed.message, fix: changed.fix, kind: 'qbo' }, result, progress, 'unknown');
      return;
    }
    if (m.entity === 'Class' || m.entity === 'Customer' || m.entity === 'Item') {
      this.index!.add(m.entity, value as unknown as QboClass | Customer | Item);
      // Found rather than created (no create answer went by the cache): the cache learns it here.
      if (how === 'linked') this.options.references.observe(m.entity, value);
    }
    this.completeJob(
      m.row,
      {
        qboId: id,
        syncToken: typeof value.SyncToken === 'string' ? value.SyncToken : null,
        docNumber: typeof value.DocNumber === 'string' ? value.DocNumber : null,
      },
      result,
      progress,
      how,
    );
  }

  /** One job's create failed (a batch item fault, or a single create's error). */
  private async handleItemFault(m: Prepared, err: unknown, result: DrainResult, progress: DrainProgress, inBatch: boolean): Promise<void> {
    const docNumber = 'docNumber' in m.job.payload ? m.job.payload.docNumber : null;
    const closingDate = isClosedPeriod(err) ? await this.closingDate() : null;
    const advice = adviseFault(err, { what: describeJob(m.job, m.row), txnDate: m.job.txnDate, docNumber, closingDate });
    this.log({
      level: advice.action === 'retry' ? 'warn' : 'error',
      event: 'sync.job-fault',
      message: advice.message,
      jobId: m.row.id,
      code: advice.qboCode,
      intuit_tid: advice.intuitTid,
      inBatch,
    });
    // It may have run: keep it marked, so it is looked up in QBO before it leaves again.
    if (sentOutcome(err) === 'unknown') return this.requeue([m.row], advice, result, undefined, 'unknown');
    try {
      switch (advice.action) {
        case 'retry':
          return this.requeue([m.row], advice, result, undefined, 'refused');
        case 'reconnect':
        case 'stop':
          result.stopped ??= { reason: advice.action, message: advice.message, fix: advice.fix };
          return this.requeue([m.row], advice, result, 0, 'refused');
        case 'lookupDocNumber': {
          const found = await lookupEarlierSuccess(this.client, m.entity, m.body, sendMarker(this.ledger.id, m.row.idempotencyKey));
          if (found) {
            this.ledger.transaction(() =>
              this.completeJob(m.row, { qboId: found.Id, syncToken: found.SyncToken ?? null, docNumber: found.DocNumber ?? null }, result, progress, 'linked'),
            );
            return;
          }
          return this.failAdvice(m.row, advice, result, progress, 'refused');
        }
        case 'reuseName': {
          const value = await reuseExistingEntry(this.client, m.job.payload, m.body, m.row.requestId, (c) =>
            this.index!.owners.mayUse(c, customerNumberOf(m.job), customerEmailOf(m.job)),
          );
          if (value) {
            this.ledger.transaction(() => this.created(m, value, result, progress, 'linked'));
            return;
          }
          return this.failAdvice(m.row, advice, result, progress, 'refused');
        }
        case 'refreshReferences':
          this.invalidateReferences();
          return this.failAdvice(m.row, advice, result, progress, 'refused');
        default:
          return this.failAdvice(m.row, advice, result, progress, 'refused');
      }
    } catch (lookupErr) {
      // The lookup (or the second-name create) failed: try the whole thing again later. A create under
      // a second name may have run, so the job is looked up before it leaves again.
      const again = adviseFault(lookupErr, { what: describeJob(m.job, m.row) });
      if (again.action === 'reconnect' || again.action === 'stop') result.stopped ??= { reason: again.action, message: again.message, fix: again.fix };
      this.requeue([m.row], again, result, undefined, advice.action === 'reuseName' ? 'unknown' : 'refused');
    }
  }

  private wholeUnitFailed(unit: Unit, err: unknown, result: DrainResult, progress: DrainProgress): void {
    const advice = adviseFault(err, { what: `a batch of ${unit.members.length}` });
    this.log({
      level: 'warn',
      event: 'sync.batch-failed',
      message: advice.message,
      code: advice.qboCode,
      intuit_tid: advice.intuitTid,
      size: unit.members.length,
    });
    const rows = unit.members.map((m) => m.row);
    const sent = sentOutcome(err);
    if (sent === 'unknown') {
      this.requeue(rows, advice, result, undefined, 'unknown');
    } else if (advice.action === 'reconnect' || advice.action === 'stop') {
      result.stopped ??= { reason: advice.action, message: advice.message, fix: advice.fix };
      this.requeue(rows, advice, result, 0, 'refused');
    } else if (advice.action === 'retry') {
      this.requeue(rows, advice, result, undefined, 'refused');
    } else {
      this.ledger.transaction(() => {
        for (const row of rows) this.failAdvice(row, advice, result, progress, 'refused');
      });
    }
  }

  /** A bug or an unexpected answer while handling a unit: keep the jobs, log, carry on with the rest. */
  private crashed(unit: Unit, err: unknown, result: DrainResult): void {
    const message = err instanceof Error ? err.message : String(err);
    this.log({ level: 'error', event: 'sync.unit-crashed', message });
    const advice: FaultAdvice = { action: 'retry', message: `Unexpected problem while sending: ${message}`, fix: null, qboCode: null, intuitTid: null };
    const ids = [...unit.members.map((m) => m.row.id), ...(unit.lookups ?? []).map((t) => t.id)];
    const inFlight = ids.map((id) => this.ledger.outbox.get(id)).filter((r): r is OutboxJob => r?.status === 'inFlight');
    // Whatever happened, a request may have left: look before resending.
    this.requeue(inFlight, advice, result, undefined, unit.transport === 'reactivate' ? undefined : 'unknown');
  }

  private requeue(rows: readonly OutboxJob[], advice: FaultAdvice, result: DrainResult, delayOverride?: number, sent?: SentOutcome): void {
    if (rows.length === 0) return;
    result.lastFailure = advice;
    // One delay for all: rows that failed together come back together (one lookup covers them all).
    const delay = delayOverride ?? this.retryDelay(Math.max(...rows.map((r) => r.attempts)));
    this.ledger.transaction(() => {
      for (const row of rows) {
        try {
          this.ledger.outbox.fail(row.id, toJobError(advice), new Date(this.now() + delay), sent);
          result.retried++;
        } catch (err) {
          if (!(err instanceof LedgerError)) throw err;
        }
      }
    });
  }

  private retryDelay(attempt: number): number {
    if (this.options.retryDelayMs) return this.options.retryDelayMs(attempt);
    const ceiling = Math.min(5 * 60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private failAdvice(row: OutboxJob, advice: FaultAdvice, result: DrainResult, progress: DrainProgress, sent?: SentOutcome): void {
    result.lastFailure = advice;
    this.failJob(row, toJobError(advice), result, progress, sent);
  }

  private failJob(row: OutboxJob, error: JobError, result: DrainResult, progress: DrainProgress, sent?: SentOutcome): void {
    try {
      this.ledger.outbox.fail(row.id, error, null, sent);
      result.failed++;
      progress.done++;
    } catch (err) {
      if (!(err instanceof LedgerError)) throw err;
    }
  }

  /** The ledger now says which QBO customer this POR customer is (the posted ensure job is the link). */
  private linkCustomer(row: OutboxJob, qboId: string): void {
    const job = exportJobOf(row);
    const number = job ? customerNumberOf(job) : null;
    if (number !== null) this.index?.linkCustomer(number, qboId);
  }

  private completeJob(
    row: OutboxJob,
    posted: { qboId: string; syncToken?: string | null; docNumber?: string | null },
    result: DrainResult,
    progress: DrainProgress,
    how: 'posted' | 'linked' | 'skipped',
  ): void {
    try {
      this.ledger.outbox.complete(row.id, posted);
      if (row.kind === 'Customer' && posted.qboId) this.linkCustomer(row, posted.qboId);
    } catch (err) {
      // Another process finished it first (its lease ran out while we waited): same requestid, same result.
      if (err instanceof LedgerError && this.ledger.outbox.get(row.id)?.status === 'posted') return;
      throw err;
    }
    result[how]++;
    progress.done++;
  }
}

/**
 * An invoice or credit memo whose total QBO answers differs from POR's (automated sales tax recomputed
 * the tax, or rounded it otherwise): described for the history, or null when the totals agree.
 */
function totalChangedByQbo(job: ExportJob, value: Record<string, unknown>): { message: string; fix: string } | null {
  const p = job.payload;
  if ((p.entity !== 'Invoice' && p.entity !== 'CreditMemo') || value.TotalAmt === undefined) return null;
  const qbo = parseCents(Number(value.TotalAmt).toFixed(2));
  if (qbo === p.total) return null;
  const what = `${p.entity === 'Invoice' ? 'Invoice' : 'Credit memo'} ${p.docNumber}`;
  const tax = (value.TxnTaxDetail as { TotalTax?: unknown } | undefined)?.TotalTax;
  return {
    message: `${what} reached QuickBooks (Id ${String(value.Id)}) with a total of ${centsToDecimal(qbo)}, but POR's total is ${centsToDecimal(p.total)}${tax !== undefined ? ` (QuickBooks tax ${Number(tax).toFixed(2)}, POR's ${centsToDecimal(p.totalTax)})` : ''}. QuickBooks changed the amount, most likely automated sales tax recalculating POR's tax.`,
    fix: `Delete ${what} in QuickBooks, make sure QuickBooks keeps the tax the app states (Taxes > Sales tax settings), then retry: the app checks QuickBooks first and sends it again only if it is gone.`,
  };
}

function customerNumberOf(job: ExportJob): string | null {
  return job.payload.entity === 'Customer' ? job.payload.customer.number : null;
}

function customerEmailOf(job: ExportJob): string | null {
  return job.payload.entity === 'Customer' ? job.payload.customer.email : null;
}

/** Whether a failed create may have run in QBO (then it is looked up before any resend). */
function sentOutcome(err: unknown): SentOutcome {
  if (isUncertainWriteOutcome(err)) return 'unknown';
  // A batch answer without this item, or without the created object: nothing says it did not run.
  if (err instanceof QboFault) return err.code === 'NoBatchResponse' ? 'unknown' : 'refused';
  // Refused before anything left: no connection could be made, authentication is gone, a bad requestid.
  if (err instanceof QboNetworkError || err instanceof ReconnectNeededError || err instanceof RequestIdError) return 'refused';
  return 'unknown';
}

/** The body with the job's marker in its note (transactions: PrivateNote; customers: Notes). */
function markBody(entity: WritableEntity, body: object, marker: string): object {
  if (entity === 'JournalEntry' || entity === 'Invoice' || entity === 'CreditMemo' || entity === 'Payment') {
    return { ...body, PrivateNote: withMarker((body as { PrivateNote?: string }).PrivateNote, marker) };
  }
  if (entity === 'Customer') return { ...body, Notes: withMarker((body as { Notes?: string }).Notes, marker, CUSTOMER_NOTES_MAX) };
  return body;
}

function toJobError(advice: FaultAdvice): JobError {
  const kind = advice.action === 'reconnect' ? 'not-connected' : advice.action === 'refreshReferences' ? 'mapping' : advice.qboCode ? 'qbo' : 'unavailable';
  return { message: advice.message, kind, qboCode: advice.qboCode, intuitTid: advice.intuitTid, fix: advice.fix };
}
