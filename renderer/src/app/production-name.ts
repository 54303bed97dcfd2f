import { useEffect, useState } from 'react';
import { bridge } from '../bridge/client';

/**
 * What a person types to switch to Production (its real books): the production company's name, or the
 * word "Production" before it is connected. The core checks the same (env:set refuses anything else).
 */
export function useProductionName(): string {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    void bridge()
      .invoke('dashboard:get', {})
      .then((d) => setName(d.environments.find((e) => e.environment === 'production')?.companyName ?? null))
      .catch(() => setName(null));
  }, []);
  return name ?? 'Production';
}

export function typedNameMatches(typed: string, expected: string): boolean {
  return typed.trim().toLowerCase() === expected.trim().toLowerCase();
}
