// The double-random inspection's queries: a plan's recorded draw, the public results (no sign-in), the KPIs and
// the subjects registry. Types are the generated ones (npm run gen:client).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, query } from './client';
import type { components } from './generated';

export type DrawRecord = components['schemas']['DrawRecord'];
export type PublicInspectionResult = components['schemas']['PublicInspectionResult'];
export type PublicInspectionResults = components['schemas']['PublicInspectionResults'];
export type RandomInspectionKpis = components['schemas']['RandomInspectionKpis'];
export type MarketSubjectsPage = components['schemas']['MarketSubjectsPage'];

/** A plan's draw; 404 until the plan is approved and drawn, so it is asked again every few seconds until then. */
export function useDraw(instanceId: string | undefined) {
  return useQuery({
    queryKey: ['random', 'draw', instanceId],
    queryFn: () => api<DrawRecord>(`/instances/${instanceId}/draw`),
    enabled: Boolean(instanceId),
    retry: false,
    refetchInterval: (q) => (q.state.data ? false : 5000),
  });
}

/** The published results, newest first, a page at a time through the server's cursor. */
export function usePublicResults(q: string) {
  return useInfiniteQuery({
    queryKey: ['random', 'public-results', q],
    queryFn: ({ pageParam }) => api<PublicInspectionResults>(`/public/inspection-results${query({ q: q || undefined, cursor: pageParam, limit: 20 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Without a range the server takes the 90 days up to its own (possibly simulated) clock. */
export function useRandomKpis(range: { from?: string; to?: string } = {}) {
  return useQuery({
    queryKey: ['random', 'kpis', range.from ?? '', range.to ?? ''],
    queryFn: () => api<RandomInspectionKpis>(`/metrics/random-inspection${query(range)}`),
    placeholderData: (previous) => previous,
  });
}

export function useSubjects(q: string, cursor: string | undefined) {
  return useQuery({
    queryKey: ['random', 'subjects', q, cursor ?? ''],
    queryFn: () => api<MarketSubjectsPage>(`/registries/subjects${query({ q: q || undefined, cursor, limit: 10 })}`),
    placeholderData: (previous) => previous,
  });
}
