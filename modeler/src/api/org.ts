// Organisation and catalogs: read once per session, they change rarely.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useAuth } from '../auth/AuthProvider';
import type { EventCategory, OrgUnit, ProcessSummary, User } from './types';

const LONG = 5 * 60_000;

export function useOrgUnits() {
  return useQuery({ queryKey: ['org-units'], queryFn: () => api<OrgUnit[]>('/org-units'), staleTime: LONG });
}

/** A lookup from org unit id to its name, falling back to the id while loading. */
export function useOrgName(): (id: string | null | undefined) => string {
  const { data } = useOrgUnits();
  return (id) => (id ? data?.find((u) => u.id === id)?.name ?? id : '—');
}

export function useEventCategories() {
  return useQuery({ queryKey: ['catalog', 'event-categories'], queryFn: () => api<EventCategory[]>('/catalogs/event-categories'), staleTime: LONG });
}

export function useProcesses() {
  return useQuery({ queryKey: ['processes'], queryFn: () => api<ProcessSummary[]>('/processes'), staleTime: LONG });
}

/** The staff directory; members of the public (applicants) may not read it, so it is not asked for them. */
export function useUsers() {
  const { user } = useAuth();
  const staff = !!user && user.roles.some((r) => r !== 'applicant');
  return useQuery({ queryKey: ['users'], queryFn: () => api<User[]>('/users'), staleTime: LONG, enabled: staff });
}

/** A lookup from user id to "name", falling back to the id (users of other units may be hidden). */
export function useUserName(): (id: string) => string {
  const { data } = useUsers();
  return (id) => data?.find((u) => u.id === id)?.name ?? id;
}

export function useCatalog(name: 'matters' | 'licence-items') {
  return useQuery({ queryKey: ['catalog', name], queryFn: () => api<Array<{ code: string; name: string }>>(`/catalogs/${name}`), staleTime: LONG });
}
