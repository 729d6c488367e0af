// The administration endpoints (三员分立): the unit tree and accounts (admin), roles and resets (security_admin), the
// security log (audit_admin). Every change refreshes what it touched.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from './client';
import type { OrgUnit } from './types';

export interface AdminUser {
  id: string; username: string; name: string; roles: string[]; orgUnitId: string; active: boolean; mustChangePassword: boolean; totpEnrolled: boolean;
}

export interface SecurityEvent {
  seq: number; at: string; actor: { id: string; name: string } | null; event: string; target: { kind: string; id: string } | null;
  data: Record<string, unknown>; address: string | null; hash: string;
}

export function useAdminUsers() {
  return useQuery({ queryKey: ['admin-users'], queryFn: () => api<{ items: AdminUser[] }>('/admin/users') });
}

function useInvalidating<T, R>(fn: (body: T) => Promise<R>, keys: string[][]) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: async () => { for (const key of keys) await client.invalidateQueries({ queryKey: key }); } });
}

export const useCreateUnit = () => useInvalidating((body: { kind: OrgUnit['kind']; name: string; parentId: string; code?: string }) =>
  api<OrgUnit>('/org-units', { method: 'POST', body }), [['org-units']]);
export const useChangeUnit = () => useInvalidating(({ id, ...body }: { id: string; name?: string; parentId?: string; active?: boolean; code?: string }) =>
  api<OrgUnit>(`/org-units/${encodeURIComponent(id)}`, { method: 'PATCH', body }), [['org-units']]);
export const useCreateUser = () => useInvalidating((body: { username: string; name: string; orgUnitId: string; password: string }) =>
  api<AdminUser>('/users', { method: 'POST', body }), [['admin-users'], ['users']]);
export const useChangeUser = () => useInvalidating(({ id, ...body }: { id: string; name?: string; orgUnitId?: string; active?: boolean }) =>
  api<AdminUser & { tasksReturnedToPool: string[] }>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }), [['admin-users'], ['users']]);
export const useSetRoles = () => useInvalidating(({ id, roles }: { id: string; roles: string[] }) =>
  api<AdminUser>(`/users/${encodeURIComponent(id)}/roles`, { method: 'PUT', body: { roles } }), [['admin-users'], ['users']]);
export const useResetPassword = () => useInvalidating(({ id, password }: { id: string; password: string }) =>
  api<AdminUser>(`/users/${encodeURIComponent(id)}/password-reset`, { method: 'POST', body: { password } }), [['admin-users']]);
export const useUnlock = () => useInvalidating(({ id, reason }: { id: string; reason: string }) =>
  api<{ lifted: number }>(`/users/${encodeURIComponent(id)}/unlock`, { method: 'POST', body: { reason } }), [['admin-users']]);

export interface ImportRowError { row: number; field: string; message: string }
export interface ImportResult { kind: 'units' | 'users'; created: number; updated: number; errors: ImportRowError[]; dryRun: boolean }

/** A units or users CSV: a dry run checks every row and writes nothing; the import writes all rows or none. */
export const useCsvImport = () => useInvalidating(({ csv, dryRun }: { csv: string; dryRun: boolean }) =>
  api<ImportResult>(`/admin/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', text: { content: csv, type: 'text/csv' } }),
[['org-units'], ['admin-users'], ['users']]);

export function useSecurityLog(filters: { from?: string; to?: string; event?: string }, cursor: string | null) {
  return useQuery({
    queryKey: ['security-log', filters, cursor],
    queryFn: () => api<{ items: SecurityEvent[]; nextCursor: string | null }>(`/admin/security-log${query({ ...filters, cursor })}`),
  });
}

export function useSecurityLogVerdict() {
  return useQuery({ queryKey: ['security-log-verify'], queryFn: () => api<{ ok: boolean; events: number; firstBrokenSeq: number | null; hashAlgorithm: 'sha256' | 'sm3' }>('/admin/security-log/verify') });
}
