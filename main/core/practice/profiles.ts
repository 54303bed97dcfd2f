/**
 * Named behaviour profiles of the practice simulator: one setting of every knob where real QBO is
 * unverified or reported to differ from Intuit's docs (shared/spec/QBO.md, last section). The engine
 * must be correct under each of them. Knob meanings: fault-knobs.ts.
 */
import { DEFAULT_KNOBS, type FaultKnobs } from './fault-knobs';

export const PROFILE_NAMES = ['intuit-docs', 'field-reports', 'replay-ignored', 'replay-fault6000', 'replay-fault600', 'replay-cache-faults'] as const;

export type ProfileName = (typeof PROFILE_NAMES)[number];

export const DEFAULT_PROFILE: ProfileName = 'intuit-docs';

/** The knobs a profile decides: one per uncertain point. Everything else (latency, faults ...) stays as given. */
const PROFILE_KEYS = [
  'requestIdReplay',
  'duplicateDocNumberCheck',
  'journalTotalAmtZero',
  'customerAcctNumDropped',
  'closedBooksFault',
  'undoRefusal',
  'retryAfterOn429',
  'perSecondCap',
  'customTxnNumbers',
  'inactiveNameSuffix',
  'astHonoursTotalTax',
] as const satisfies readonly (keyof FaultKnobs)[];

export type ProfileKnobs = Pick<FaultKnobs, (typeof PROFILE_KEYS)[number]>;

export interface SimulatorProfile {
  /** One line for --help and logs. */
  description: string;
  knobs: ProfileKnobs;
}

/** Intuit's documented behaviour is the simulator's default: the profile's knobs as DEFAULT_KNOBS has them. */
const INTUIT_DOCS = Object.fromEntries(PROFILE_KEYS.map((key) => [key, DEFAULT_KNOBS[key]])) as ProfileKnobs;

export const SIMULATOR_PROFILES: Readonly<Record<ProfileName, Readonly<SimulatorProfile>>> = {
  'intuit-docs': {
    description: 'QBO as Intuit documents it (the default)',
    knobs: INTUIT_DOCS,
  },
  'field-reports': {
    description:
      'worst reported reading of every uncertain point: requestid ignored, no 6140, JournalEntry TotalAmt 0, no Customer.AcctNum, closed books 5010, 800 on linked undo, no Retry-After, 10 req/s, inactive customers named "(deleted)", AST recomputes a given tax',
    knobs: {
      ...INTUIT_DOCS,
      requestIdReplay: 'ignored',
      duplicateDocNumberCheck: false,
      journalTotalAmtZero: true,
      customerAcctNumDropped: true,
      closedBooksFault: '5010',
      undoRefusal: 'linked',
      retryAfterOn429: false,
      perSecondCap: 10,
      inactiveNameSuffix: true,
      astHonoursTotalTax: false,
    },
  },
  'replay-ignored': {
    description: 'intuit-docs, but a repeated requestid runs again (duplicates)',
    knobs: { ...INTUIT_DOCS, requestIdReplay: 'ignored' },
  },
  'replay-fault6000': {
    description: 'intuit-docs, but a repeated batch requestid answers every item with fault 6000 and does nothing',
    knobs: { ...INTUIT_DOCS, requestIdReplay: 'fault6000' },
  },
  'replay-fault600': {
    description: 'intuit-docs, but any repeated requestid is refused with 400 fault 600 "Duplicate Request ID"',
    knobs: { ...INTUIT_DOCS, requestIdReplay: 'fault600' },
  },
  'replay-cache-faults': {
    description: 'intuit-docs, but a repeated requestid also gets its first fault again, even after the cause is fixed',
    knobs: { ...INTUIT_DOCS, requestIdReplay: 'cacheFaults' },
  },
};

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/** A profile's knob values (a fresh copy); throws for a name that is not a profile. */
export function profileKnobs(name: string): Partial<FaultKnobs> {
  if (!isProfileName(name)) {
    throw new Error(`Unknown simulator profile "${name}"; valid profiles: ${PROFILE_NAMES.join(', ')}`);
  }
  return { ...SIMULATOR_PROFILES[name].knobs };
}

/** "  name   description" lines, for usage text. */
export function describeProfiles(indent = '  '): string {
  const width = Math.max(...PROFILE_NAMES.map((n) => n.length));
  return PROFILE_NAMES.map((n) => `${indent}${n.padEnd(width)}  ${SIMULATOR_PROFILES[n].description}`).join('\n');
}
