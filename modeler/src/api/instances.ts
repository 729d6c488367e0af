// Instance queries: search (keyset-paged), one instance, its audit trail and the chain verification.
import { useQuery } from '@tanstack/react-query';
import { api, query } from './client';
import type { AuditEvent, ChainVerification, InstanceConformance, InstanceDetail, InstanceSummary, Page } from './types';

export interface InstanceFilters {
  processKey?: string; status?: string; overdue?: string; q?: string; orgUnitId?: string; from?: string; to?: string;
}

export function useInstanceSearch(filters: InstanceFilters, cursor: string | undefined) {
  return useQuery({
    queryKey: ['instances', 'search', filters, cursor ?? ''],
    queryFn: () => api<Page<InstanceSummary>>(`/instances${query({ ...filters, cursor, limit: 20 })}`),
    placeholderData: (previous) => previous,
  });
}

export function useInstance(instanceId: string | undefined) {
  return useQuery({
    queryKey: ['instances', 'one', instanceId],
    queryFn: () => api<InstanceDetail>(`/instances/${instanceId}`),
    enabled: Boolean(instanceId),
  });
}

export function useAudit(instanceId: string | undefined) {
  return useQuery({
    queryKey: ['instances', 'audit', instanceId],
    queryFn: async () => (await api<{ events: AuditEvent[] }>(`/instances/${instanceId}/audit`)).events,
    enabled: Boolean(instanceId),
  });
}

export function useChainVerification(instanceId: string | undefined) {
  return useQuery({
    queryKey: ['instances', 'verify', instanceId],
    queryFn: () => api<ChainVerification>(`/instances/${instanceId}/audit/verify`),
    enabled: Boolean(instanceId),
  });
}

/** Whether the instance's recorded steps replay over its diagram (token replay on the server). */
export function useInstanceConformance(instanceId: string | undefined) {
  return useQuery({
    queryKey: ['instances', 'conformance', instanceId],
    queryFn: () => api<InstanceConformance>(`/instances/${instanceId}/conformance`),
    enabled: Boolean(instanceId),
  });
}
