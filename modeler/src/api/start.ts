// Starting cases and the applicant portal: a process's start form, the start itself (keyed, so a retried
// submission creates the case once), an applicant's applications, and redeeming a counter filing's claim code.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKeys } from './client';
import type { ClaimCode, PortalApplication, StartForm, Started } from './types';

export function useStartForm(key: string | undefined) {
  return useQuery({ queryKey: ['start-form', key], queryFn: () => api<StartForm>(`/processes/${key}/start-form`), enabled: Boolean(key), staleTime: 60_000 });
}

export function useStartInstance(key: string) {
  const queryClient = useQueryClient();
  const [keys] = useState(idempotencyKeys);
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => api<Started>(`/processes/${key}/instances`, { method: 'POST', body: { input }, idempotencyKey: keys.keyFor(input) }),
    onSuccess: () => {
      keys.clear();
      return Promise.all([queryClient.invalidateQueries({ queryKey: ['instances'] }), queryClient.invalidateQueries({ queryKey: ['portal'] })]);
    },
  });
}

export function usePortalApplications() {
  return useQuery({ queryKey: ['portal', 'applications'], queryFn: () => api<{ items: PortalApplication[] }>('/licensing/applications'), refetchInterval: 15_000 });
}

export function useRedeemClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<{ instanceId: string }>('/licensing/claims', { method: 'POST', body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal'] }),
  });
}

/** A window clerk re-issues the claim code of an unclaimed counter filing (the party lost it, or it expired); the old one is void. */
export function useReissueClaimCode() {
  return useMutation({
    mutationFn: (instanceId: string) => api<ClaimCode>('/licensing/claim-codes', { method: 'POST', body: { instanceId } }),
  });
}
