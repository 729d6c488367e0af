// Assessment KPIs (考核指标) for leaders: rates over a period, per unit and as a trend.
import { useQuery } from '@tanstack/react-query';
import { api, query } from './client';
import type { Kpis } from './types';

export interface KpiFilters { from: string; to: string; orgUnitId?: string; processKey?: string }

export function useKpis(filters: KpiFilters, enabled = true) {
  return useQuery({ queryKey: ['metrics', 'kpis', filters], queryFn: () => api<Kpis>(`/metrics/kpis${query({ ...filters })}`), placeholderData: (previous) => previous, enabled });
}
