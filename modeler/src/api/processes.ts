// Process definitions: the current version with its history, one version's XML, publishing, conformance.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Conformance, ProcessDefinition, ProcessVersion } from './types';

export function useProcess(key: string | undefined) {
  return useQuery({ queryKey: ['processes', 'one', key], queryFn: () => api<ProcessDefinition>(`/processes/${key}`), enabled: Boolean(key) });
}

/** One version's diagram; versions never change once published, so they are cached for good. */
export function useProcessVersion(key: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['processes', 'version', key, version],
    queryFn: () => api<ProcessVersion>(`/processes/${key}/versions/${version}`),
    enabled: Boolean(key && version),
    staleTime: Infinity,
  });
}

export function useConformance(key: string | undefined) {
  return useQuery({ queryKey: ['processes', 'conformance', key], queryFn: () => api<Conformance>(`/processes/${key}/conformance`), enabled: Boolean(key) });
}

export function usePublishDiagram(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (bpmnXml: string) => api<{ version: number }>(`/processes/${key}/diagram`, { method: 'PUT', body: { bpmnXml } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['processes'] }),
  });
}
