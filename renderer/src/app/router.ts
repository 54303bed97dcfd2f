import { useCallback, useEffect, useState } from 'react';

export const ROUTES = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'setup', label: 'Setup' },
  { id: 'exports', label: 'Exports' },
  { id: 'history', label: 'History' },
  { id: 'reconcile', label: 'Reconciliation' },
  { id: 'cutover', label: 'Go-live checklist' },
  { id: 'inbox', label: 'POR data' },
  { id: 'settings', label: 'Settings' },
] as const;
export type RouteId = (typeof ROUTES)[number]['id'];

function parse(hash: string): { route: RouteId; param: string | null } {
  const [id, param] = hash.replace(/^#\/?/, '').split('/');
  const route = ROUTES.find((r) => r.id === id)?.id ?? 'dashboard';
  return { route, param: param ? decodeURIComponent(param) : null };
}

/** Hash routing: no server, works under app:// and the harness alike, and Back works. */
export function useRoute() {
  const [state, setState] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onHash = () => setState(parse(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((route: RouteId, param?: string) => {
    window.location.hash = `#/${route}${param ? `/${encodeURIComponent(param)}` : ''}`;
  }, []);
  return { ...state, go };
}

export function hrefFor(route: RouteId, param?: string): string {
  return `#/${route}${param ? `/${encodeURIComponent(param)}` : ''}`;
}
