/**
 * What each environment is, in one place: the rest of the core asks the profile ("does it run its own
 * QuickBooks?", "does it write real books?") instead of testing the environment's name.
 */
import { ENVIRONMENT_LABELS, type Environment } from './environment';

export interface EnvironmentProfile {
  environment: Environment;
  label: string;
  /** QuickBooks is the practice simulator the app runs itself, its company kept in the data folder. */
  embeddedSimulator: boolean;
  /** Ways a person may connect: to the embedded company, by pasting an Intuit app's keys, by signing in. */
  connect: { embedded: boolean; paste: boolean; signIn: boolean };
  /** Writes a store's real books: held until the go-live checklist passes. */
  realBooks: boolean;
  /** The realm is checked against the other Intuit environment (a sandbox company must not be production's). */
  pinsRealm: boolean;
  /** Host of QuickBooks' web app, for "Open in QuickBooks" links; null where there is none. */
  webAppHost: string | null;
  /** The practice POR store (generated days, names for POR accounts) and test data may be used. */
  practiceStore: boolean;
  /** Generated test data may be written (practice and a test sandbox, never production). */
  testData: boolean;
}

const PROFILES: Record<Environment, EnvironmentProfile> = {
  practice: {
    environment: 'practice',
    label: ENVIRONMENT_LABELS.practice,
    embeddedSimulator: true,
    connect: { embedded: true, paste: false, signIn: false },
    realBooks: false,
    pinsRealm: false,
    webAppHost: null,
    practiceStore: true,
    testData: true,
  },
  sandbox: {
    environment: 'sandbox',
    label: ENVIRONMENT_LABELS.sandbox,
    embeddedSimulator: false,
    connect: { embedded: false, paste: true, signIn: true },
    realBooks: false,
    pinsRealm: true,
    webAppHost: 'https://app.sandbox.qbo.intuit.com',
    practiceStore: false,
    testData: true,
  },
  production: {
    environment: 'production',
    label: ENVIRONMENT_LABELS.production,
    embeddedSimulator: false,
    // Intuit requires https redirect URIs for production apps: pasting keys is the way (see sign-in-connect).
    connect: { embedded: false, paste: true, signIn: false },
    realBooks: true,
    pinsRealm: true,
    webAppHost: 'https://app.qbo.intuit.com',
    practiceStore: false,
    testData: false,
  },
};

export function profileOf(environment: Environment): EnvironmentProfile {
  return PROFILES[environment];
}
