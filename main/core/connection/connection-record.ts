/**
 * The non-secret facts about an environment's QBO connection, one small JSON file per environment
 * (`<data folder>/connections/<env>.json`): realm, company name, when and how it was connected,
 * custom endpoints (practice/sandbox only) and a remembered "reconnect needed". Never a secret:
 * those live in the keychain only.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Environment } from '../environment';

export const ConnectionRecordSchema = z.object({
  environment: z.enum(['practice', 'sandbox', 'production']),
  realmId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/),
  companyName: z.string(),
  connectedAt: z.string(),
  method: z.enum(['paste', 'sign-in']),
  lastVerifiedAt: z.string().nullable(),
  endpoints: z.object({ apiBaseUrl: z.string(), tokenUrl: z.string(), revokeUrl: z.string(), authorizeUrl: z.string() }).partial().nullable(),
  reconnectNeeded: z.object({ since: z.string(), reason: z.string() }).nullable(),
});

export type ConnectionRecord = z.infer<typeof ConnectionRecordSchema>;

export function connectionRecordPath(dataDir: string, environment: Environment): string {
  return join(dataDir, 'connections', `${environment}.json`);
}

/** The environment's record, or null when never connected. A damaged file says so plainly. */
export function readConnectionRecord(dataDir: string, environment: Environment): ConnectionRecord | null {
  const path = connectionRecordPath(dataDir, environment);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path}: not valid JSON; connect again to rewrite it`);
  }
  const parsed = ConnectionRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: field "${issue?.path.join('.') || '?'}" ${issue?.message ?? 'is invalid'}; connect again to rewrite it`);
  }
  if (parsed.data.environment !== environment) throw new Error(`${path}: belongs to ${parsed.data.environment}, not ${environment}`);
  return parsed.data;
}

/** Written to a temp file and renamed, so a crash never leaves half a record. */
export function writeConnectionRecord(dataDir: string, record: ConnectionRecord): void {
  const checked = ConnectionRecordSchema.parse(record);
  const path = connectionRecordPath(dataDir, record.environment);
  mkdirSync(join(dataDir, 'connections'), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

export function updateConnectionRecord(dataDir: string, environment: Environment, patch: Partial<ConnectionRecord>): ConnectionRecord | null {
  const current = readConnectionRecord(dataDir, environment);
  if (!current) return null;
  const next = { ...current, ...patch, environment };
  writeConnectionRecord(dataDir, next);
  return next;
}

export function deleteConnectionRecord(dataDir: string, environment: Environment): void {
  rmSync(connectionRecordPath(dataDir, environment), { force: true });
}
