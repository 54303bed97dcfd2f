/**
 * Sandbox data can never reach the production company: production must be connected to a company
 * other than the sandbox's (and the other way round), and an environment's ledger rows only ever go
 * to that environment's own connection. Checked before every run and before every job is sent.
 */
import { AppError } from '../app-error';
import { profileOf } from '../environment-profile';
import type { Environment } from '../environment';
import { readConnectionRecord } from '../connection/connection-record';

export class RealmGuardError extends AppError {
  constructor(message: string) {
    super('refused', message);
    this.name = 'RealmGuardError';
  }
}

/** A plain sentence when `realmId` must not be used for `environment`; null when it is fine. */
export function realmProblem(dataDir: string, environment: Environment, realmId: string): string | null {
  if (!profileOf(environment).pinsRealm) return null;
  const other: Environment = environment === 'production' ? 'sandbox' : 'production';
  let otherRealm: string | null = null;
  try {
    otherRealm = readConnectionRecord(dataDir, other)?.realmId ?? null;
  } catch {
    otherRealm = null; // a damaged record of the other environment cannot vouch for anything
  }
  if (otherRealm === realmId) {
    return environment === 'production'
      ? `Production is connected to company ${realmId}, the same company as the sandbox. Sandbox data must never reach production: connect production to your real QuickBooks company (a different Realm ID).`
      : `The sandbox is connected to company ${realmId}, which is the production company. Connect the sandbox to a QuickBooks sandbox company instead.`;
  }
  return null;
}

export function assertRealmAllowed(dataDir: string, environment: Environment, realmId: string): void {
  const problem = realmProblem(dataDir, environment, realmId);
  if (problem) throw new RealmGuardError(problem);
}

/** A ledger row belongs to one environment; refuse to send one through another environment's connection. */
export function assertSameEnvironment(rowEnvironment: string, connectionEnvironment: Environment): void {
  if (rowEnvironment !== connectionEnvironment) {
    throw new RealmGuardError(`An export made for ${rowEnvironment} was about to be sent to ${connectionEnvironment}; refused.`);
  }
}
