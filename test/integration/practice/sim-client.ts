/** A bare fetch client for simulator tests: real HTTP on loopback, nothing mocked. */
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../main/core/practice/simulator';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface SimClient {
  sim: RunningSimulator;
  accessToken: string;
  api(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Reply<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  query(text: string): Promise<Reply<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  token(fields: Record<string, string>, basic?: string): Promise<Reply>;
  close(): Promise<void>;
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export async function startClient(options: SimulatorOptions = {}): Promise<SimClient> {
  const sim = await startSimulator(options);
  const token = async (fields: Record<string, string>, basic = basicAuth(sim.clientId, sim.clientSecret)): Promise<Reply> => {
    const res = await fetch(sim.tokenUrl, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(fields),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  const first = await token({ grant_type: 'refresh_token', refresh_token: sim.refreshToken });
  const client: SimClient = {
    sim,
    accessToken: String(first.body.access_token),
    async api(method, path, body, tokenOverride) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await fetch(`${sim.baseUrl}/v3/company/${sim.realmId}/${path}${sep}minorversion=75`, {
        method,
        headers: {
          authorization: `Bearer ${tokenOverride ?? client.accessToken}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
    },
    query(text) {
      return client.api('GET', `query?query=${encodeURIComponent(text)}`);
    },
    token,
    close: () => sim.close(),
  };
  return client;
}

/** Seeded account Id by account number (the seed's chart of accounts). */
export function accountId(sim: RunningSimulator, acctNum: string): string {
  const a = sim.list('Account').find((x) => x.AcctNum === acctNum);
  if (!a) throw new Error(`no seeded account ${acctNum}`);
  return String(a.Id);
}

export function idOf(sim: RunningSimulator, entity: string, field: string, value: string): string {
  const o = sim.list(entity).find((x) => x[field] === value);
  if (!o) throw new Error(`no seeded ${entity} with ${field}=${value}`);
  return String(o.Id);
}

export function jeLine(posting: 'Debit' | 'Credit', amount: number, account: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Amount: amount, DetailType: 'JournalEntryLineDetail', JournalEntryLineDetail: { PostingType: posting, AccountRef: { value: account }, ...extra } };
}
