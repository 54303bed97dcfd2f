/**
 * Ensure jobs: find-or-create the classes, customers and items the postings refer to, each once per
 * environment (stable keys), each with its own outbox row and requestid, so a retried create can't make a
 * second customer. Posting jobs list them in dependsOn; a class depends on its parent class.
 */
import type { Environment } from '../../environment';
import type { ClassDraft, CustomerDraft, CustomerSym, ItemDraft, ItemSym, JobPayload } from '../modes/draft-types';
import type { ExportJob } from '../modes/export-job';
import { classEnsureKey, customerEnsureKey, itemEnsureKey } from '../modes/idempotency-key';
import { cmp, customerIdentity } from '../modes/netting';
import { itemIdentity, itemName, referencesOf } from '../modes/references';
import { usableEmail } from '../modes/customer-identity';

function ensureJob(idempotencyKey: string, payload: JobPayload, store: number | null, dependsOn: string[]): ExportJob {
  return {
    idempotencyKey,
    kind: payload.entity,
    path: 'ensure',
    store,
    businessDate: null,
    txnDate: null,
    documentKeys: [],
    covers: [],
    payload,
    totals: { debits: 0, credits: 0 },
    preview: [],
    dependsOn,
    nothingToPost: false,
    notes: [],
  };
}

/** `A:B:C` -> [`A`, `A:B`, `A:B:C`]. */
export function classChain(fullyQualifiedName: string): string[] {
  const parts = fullyQualifiedName.split(':').map((p) => p.trim());
  return parts.map((_, i) => parts.slice(0, i + 1).join(':'));
}

/** Returns the ensure jobs and the posting jobs with their dependsOn filled in. */
export function addEnsureJobs(environment: Environment, postings: readonly ExportJob[]): ExportJob[] {
  const classes = new Map<string, ExportJob>();
  const customers = new Map<string, ExportJob>();
  const items = new Map<string, ExportJob>();

  const ensureClass = (fqn: string): string => {
    let parentKey: string | null = null;
    let key = '';
    for (const name of classChain(fqn)) {
      key = classEnsureKey(environment, name);
      if (!classes.has(name)) {
        const segments = name.split(':');
        const draft: ClassDraft = {
          entity: 'Class',
          fullyQualifiedName: name,
          name: segments[segments.length - 1]!,
          parent: segments.length > 1 ? segments.slice(0, -1).join(':') : null,
        };
        classes.set(name, ensureJob(key, draft, null, parentKey ? [parentKey] : []));
      }
      parentKey = key;
    }
    return key;
  };
  const ensureCustomer = (c: CustomerSym): string => {
    const key = customerEnsureKey(environment, c);
    if (!customers.has(customerIdentity(c))) {
      const draft: CustomerDraft = { entity: 'Customer', customer: c };
      const job = ensureJob(key, draft, null, []);
      // QBO refuses the whole customer over a bad address (QBO.md): it is left out, and the job says so.
      if (c.email && !usableEmail(c.email)) {
        job.notes = [
          `The email "${c.email}" of POR customer ${c.number !== null ? `#${c.number}` : `"${c.name ?? ''}"`} is not a valid address (it needs "@" and "."), so the customer is created without it. Correct it in POR or QuickBooks.`,
        ];
      }
      customers.set(customerIdentity(c), job);
    }
    return customers.get(customerIdentity(c))!.idempotencyKey;
  };
  const ensureItem = (i: ItemSym): string => {
    const key = itemEnsureKey(environment, i);
    if (!items.has(itemIdentity(i))) {
      const draft: ItemDraft = { entity: 'Item', item: i, name: itemName(i) };
      items.set(itemIdentity(i), ensureJob(key, draft, i.store, []));
    }
    return key;
  };

  const withDeps = postings.map((job) => {
    if (job.nothingToPost) return job;
    const refs = referencesOf(job.payload);
    const deps = new Set<string>();
    for (const c of refs.classes) deps.add(ensureClass(c));
    for (const c of refs.customers) deps.add(ensureCustomer(c));
    for (const i of refs.items) deps.add(ensureItem(i));
    return { ...job, dependsOn: [...deps].sort() };
  });

  const depth = (j: ExportJob): number => (j.payload.entity === 'Class' ? j.payload.fullyQualifiedName.split(':').length : 0);
  const ordered = [
    ...[...classes.values()].sort((a, b) => depth(a) - depth(b) || cmp(a.idempotencyKey, b.idempotencyKey)),
    ...[...customers.values()].sort((a, b) => cmp(a.idempotencyKey, b.idempotencyKey)),
    ...[...items.values()].sort((a, b) => cmp(a.idempotencyKey, b.idempotencyKey)),
  ];
  return [...ordered, ...withDeps];
}
