/** The three fully separate worlds the app can touch. Nothing is ever shared between them. */
export const ENVIRONMENTS = ['practice', 'sandbox', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export function isEnvironment(value: unknown): value is Environment {
  return typeof value === 'string' && (ENVIRONMENTS as readonly string[]).includes(value);
}

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  practice: 'Practice (simulated company)',
  sandbox: 'QuickBooks sandbox',
  production: 'QuickBooks production',
};
