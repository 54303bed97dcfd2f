/**
 * The practice QBO simulator: a loopback HTTP server that speaks Intuit OAuth and the QBO v3 API
 * subset the app uses, for practice mode and for every integration test. See startSimulator().
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomInt } from 'node:crypto';
import { CompanyStore, clone, type StoreSnapshot } from './company-store';
import { EntityOperations, canonicalEntity } from './entity-operations';
import { DEFAULT_KNOBS, type FaultKnobs } from './fault-knobs';
import { DEFAULT_PROFILE, profileKnobs, type ProfileName } from './profiles';
import { DEFAULT_LIMITS, RealmLimiter, type SimulatorLimits } from './rate-limiter';
import { OAuthState, type OAuthSnapshot, type TokenResponse } from './oauth-state';
import { RequestReplay, type ReplayEntry } from './request-replay';
import { createPrng } from './prng';
import { seedCompany, PRACTICE_COMPANY_NAME } from './seed-company';
import { emptyStats, type SimulatorStats } from './stats';
import { createRequestHandler } from './server';
import { createStateSaver, loadStateFile, secretDigest } from './state-file';
import { AUTHORIZE_PATH, REVOKE_PATH, TOKEN_PATH } from './oauth-routes';

export type { FaultKnobs } from './fault-knobs';
export { PROFILE_NAMES, SIMULATOR_PROFILES, profileKnobs, type ProfileName } from './profiles';
export type { SimulatorLimits } from './rate-limiter';
export type { SimulatorStats } from './stats';
export type { TokenResponse } from './oauth-state';

export interface SimulatorOptions {
  port?: number;
  realmId?: string;
  limits?: Partial<SimulatorLimits>;
  /** A named behaviour profile (profiles.ts; default 'intuit-docs'); an unknown name throws. */
  profile?: ProfileName;
  /** Knobs over the profile's (explicit knobs win). */
  knobs?: Partial<FaultKnobs>;
  /** Seeds the fault-injection PRNG (5xx and dropped connections repeat exactly). */
  seed?: number;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** How long a rotated-out refresh token keeps working (default 24 h, as Intuit). */
  refreshGraceSeconds?: number;
  /** A connection's absolute lifetime, however often refreshed (default 5 years, as Intuit). */
  grantHardTtlSeconds?: number;
  clientId?: string;
  clientSecret?: string;
  /** Keep the company, tokens and requestid memory in this JSON file across restarts. */
  stateFile?: string;
  /** Clock for token expiry and timestamps (tests); defaults to Date.now. */
  now?: () => number;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT; the client calls `${baseUrl}/v3/company/${realmId}/...` */
  baseUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  authorizeUrl: string;
  realmId: string;
  clientId: string;
  clientSecret: string;
  /** A valid refresh token of a fresh grant (what the OAuth Playground hands out). */
  refreshToken: string;
  companyName: string;
  /** The profile the simulator started with, or last switched to with useProfile(). */
  readonly profile: ProfileName;
  knobs: FaultKnobs;
  limits: SimulatorLimits;
  /** Sets every knob the profile decides (the uncertain points), live; other knobs stay. */
  useProfile(name: ProfileName): void;
  stats(): SimulatorStats;
  /** Every stored object of an entity (copies), inactive ones included. */
  list(entity: string): Record<string, unknown>[];
  /** The next n API requests fail with `status` (default 503) before doing anything. */
  failNext(n: number, status?: number): void;
  /** A fresh grant's tokens, as if someone had just connected (tests). */
  issueTokens(): TokenResponse;
  close(): Promise<void>;
}

interface StateFileV1 {
  version: 1;
  realmId: string;
  clientId: string;
  /** Only in files written before secrets were kept out; read once, never written again. */
  clientSecret?: string;
  /** Digests of the client secrets issued so far (the secrets themselves are never written). */
  clientSecretDigests?: string[];
  store: StoreSnapshot;
  oauth: OAuthSnapshot;
  replay: Record<string, ReplayEntry>;
}

/**
 * Each new practice company gets its own realm (kept in its state file), as each real QBO company does:
 * keychain entries are keyed by environment and realm, so two companies never share credentials.
 */
const newRealmId = (): string => `9341${String(randomInt(1e6)).padStart(6, '0')}${String(randomInt(1e6)).padStart(6, '0')}`;

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const now = options.now ?? Date.now;
  const saved = options.stateFile ? loadStateFile<StateFileV1>(options.stateFile) : undefined;
  const usable = saved?.version === 1 && (!options.realmId || options.realmId === saved.realmId) ? saved : undefined;
  const realmId = usable?.realmId ?? options.realmId ?? newRealmId();
  const creds = {
    clientId: options.clientId ?? usable?.clientId ?? `ABpractice${randomBytes(15).toString('base64url')}`,
    // Alphanumeric like Intuit's own 40-character secrets (base64url could start with '-', which reads as a flag).
    // Re-issued at each start (the file keeps only digests); secrets issued before keep working.
    clientSecret: options.clientSecret ?? usable?.clientSecret ?? randomBytes(20).toString('hex'),
  };
  const secretDigests = [
    ...(usable?.clientSecretDigests ?? []),
    ...(usable?.clientSecret ? [secretDigest(usable.clientSecret)] : []),
    secretDigest(creds.clientSecret),
  ]
    .filter((d, i, all) => all.indexOf(d) === i)
    .slice(-20);

  let persist = (): void => {};
  let flushState = async (): Promise<void> => {};
  const onChange = (): void => persist();
  let profile: ProfileName = options.profile ?? DEFAULT_PROFILE;
  const knobs: FaultKnobs = { ...DEFAULT_KNOBS, ...profileKnobs(profile), ...options.knobs };
  const limits: SimulatorLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const store = new CompanyStore(now, onChange);
  const ctx = { store, settings: knobs, now };
  const ops = new EntityOperations(ctx);
  const replay = new RequestReplay(onChange);
  const oauth = new OAuthState(
    realmId,
    {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 8_726_400,
      refreshGraceSeconds: options.refreshGraceSeconds ?? 86_400,
      codeTtlSeconds: 300,
      grantHardTtlSeconds: options.grantHardTtlSeconds ?? 5 * 365 * 86_400,
    },
    now,
    onChange,
  );
  if (usable) {
    store.restore(usable.store);
    oauth.restore(usable.oauth);
    replay.restore(usable.replay);
  } else {
    seedCompany(store, ops, realmId);
  }
  if (options.stateFile) {
    const saver = createStateSaver(options.stateFile, (): StateFileV1 => ({
      version: 1,
      realmId,
      clientId: creds.clientId,
      clientSecretDigests: secretDigests,
      store: store.snapshot(),
      oauth: oauth.snapshot(),
      replay: replay.snapshot(),
    }));
    persist = () => saver.schedule();
    flushState = () => saver.flush();
  }
  const initial = oauth.newGrant();
  persist();

  const stats = emptyStats();
  const limiter = new RealmLimiter(limits, now);
  const server = createServer(
    createRequestHandler({
      core: { ops, store, replay, stats, knobs },
      knobs,
      oauth,
      creds: { ...creds, secretDigests: new Set(secretDigests) },
      limiter,
      realmId,
      random: createPrng(options.seed ?? 1),
      now,
    }),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    tokenUrl: `${baseUrl}${TOKEN_PATH}`,
    revokeUrl: `${baseUrl}${REVOKE_PATH}`,
    authorizeUrl: `${baseUrl}${AUTHORIZE_PATH}`,
    realmId,
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
    refreshToken: initial.refresh_token,
    companyName: String(store.get('CompanyInfo', '1')?.CompanyName ?? PRACTICE_COMPANY_NAME),
    get profile() {
      return profile;
    },
    knobs,
    limits,
    useProfile(name) {
      Object.assign(knobs, profileKnobs(name));
      profile = name;
    },
    stats: () => ({ ...clone(stats), maxInFlight: limiter.maxInFlight }),
    list: (entity) => clone(store.all(canonicalEntity(entity) ?? entity)),
    failNext(n, status = 503) {
      knobs.failNext = n;
      knobs.failNextStatus = status;
    },
    issueTokens: () => oauth.newGrant(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await flushState();
    },
  };
}
