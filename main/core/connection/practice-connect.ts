/**
 * Practice mode: the app starts the practice simulator in-process and connects the practice
 * environment to it with the credentials the simulator hands out, through the same paste path a
 * real company uses (refresh + CompanyInfo, keychain, connection record).
 */
import { simulatorEndpoints } from '../qbo/endpoints';
import type { ConnectionDeps } from './connection-deps';
import type { ConnectResult } from './establish-connection';
import { connectWithPastedCredentials } from './paste-connect';

/** What connectToPracticeSimulator needs from a running simulator (startSimulator()'s result). */
export interface PracticeSimulatorInfo {
  baseUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  authorizeUrl: string;
  realmId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export function connectToPracticeSimulator(sim: PracticeSimulatorInfo, deps: Omit<ConnectionDeps, 'endpoints'>): Promise<ConnectResult> {
  return connectWithPastedCredentials(
    'practice',
    { clientId: sim.clientId, clientSecret: sim.clientSecret, realmId: sim.realmId, refreshToken: sim.refreshToken },
    { ...deps, endpoints: simulatorEndpoints(sim) },
  );
}
