// The 12345 centre's workspace and the 三率: the centre's queues, the dispatch catalog's suggestion for a call,
// the dispatch catalog itself, and the rates with their drill-down to orders.
import { useQuery } from '@tanstack/react-query';
import { api, query } from './client';
import type { DispatchSuggestion, HotlineQueues, HotlineRateOrders, HotlineRates } from './types';

export type HotlineRate = HotlineRateOrders['rate'];

export function useHotlineQueues() {
  // The centre follows new calls, objections and reports without a reload.
  return useQuery({ queryKey: ['tasks', 'hotline-queues'], queryFn: () => api<HotlineQueues>('/hotline/queues'), refetchInterval: 10_000 });
}

export function useDispatchSuggestion(category: string | undefined, gridCode: string | undefined) {
  return useQuery({
    queryKey: ['hotline', 'suggestion', category, gridCode ?? ''],
    queryFn: () => api<DispatchSuggestion>(`/hotline/dispatch-suggestion${query({ category, gridCode })}`),
    enabled: Boolean(category), staleTime: 60_000,
  });
}

export interface DispatchCategory { code: string; name: string; target: 'street' | 'department'; departmentId?: string; complex?: boolean }

export function useDispatchCatalog() {
  return useQuery({ queryKey: ['catalog', 'hotline-dispatch'], queryFn: () => api<DispatchCategory[]>('/catalogs/hotline-dispatch'), staleTime: 5 * 60_000 });
}

export interface HotlineRateFilters { from: string; to: string; unitId?: string }

export function useHotlineRates(filters: HotlineRateFilters, enabled = true) {
  return useQuery({
    queryKey: ['metrics', 'hotline', filters], queryFn: () => api<HotlineRates>(`/metrics/hotline${query({ ...filters })}`),
    placeholderData: (previous) => previous, enabled,
  });
}

export function useHotlineRateOrders(filters: HotlineRateFilters & { rate: HotlineRate; period?: string } | null) {
  return useQuery({
    queryKey: ['metrics', 'hotline', 'orders', filters],
    queryFn: () => api<HotlineRateOrders>(`/metrics/hotline/orders${query({ ...filters! })}`),
    enabled: filters !== null,
  });
}
