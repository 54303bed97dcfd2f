import { z } from 'zod';
import { EnvironmentSchema } from './common';

/** What the UI may know about a connection: never a token, secret or client id. */
export const ConnectionInfoSchema = z.object({
  environment: EnvironmentSchema,
  connected: z.boolean(),
  realmId: z.string().nullable(),
  companyName: z.string().nullable(),
  method: z.enum(['paste', 'sign-in', 'practice']).nullable(),
  connectedAt: z.string().nullable(),
  reconnectNeeded: z.boolean(),
  /** When the refresh token stops working unless the app refreshes it before then. */
  refreshTokenExpiresAt: z.string().nullable(),
  warning: z.string().nullable(),
});

/** Which ways of connecting this environment allows, and why (Intuit's redirect rules). */
export const ConnectOptionsSchema = z.object({
  environment: EnvironmentSchema,
  practice: z.boolean(),
  paste: z.object({ allowed: z.boolean(), note: z.string() }),
  signIn: z.object({
    allowed: z.boolean(),
    note: z.string(),
    /** The redirect URI to register in the Intuit app (null when sign-in is not allowed here). */
    redirectUri: z.string().nullable(),
  }),
});

const trimmed = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is too long`)
    .regex(/^[^\s]+$/, `${label} must not contain spaces`);

/** The four values POR users copy from Intuit's OAuth Playground. Sent to main once; never returned. */
export const PasteCredentialsSchema = z
  .object({
    clientId: trimmed('Client ID', 200),
    clientSecret: trimmed('Client Secret', 200),
    realmId: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z_-]{1,64}$/, 'Realm ID is the company number from Intuit (digits)'),
    refreshToken: trimmed('Refresh Token', 2000),
  })
  .strict();

export const SignInRequestSchema = z.object({ clientId: trimmed('Client ID', 200), clientSecret: trimmed('Client Secret', 200) }).strict();

export const ConnectionViewSchema = z.object({ info: ConnectionInfoSchema, options: ConnectOptionsSchema });

export type ConnectionInfo = z.output<typeof ConnectionInfoSchema>;
export type ConnectOptions = z.output<typeof ConnectOptionsSchema>;
export type ConnectionView = z.output<typeof ConnectionViewSchema>;
export type PasteCredentials = z.output<typeof PasteCredentialsSchema>;
