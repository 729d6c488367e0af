// Task queries and commands: inbox pages, counts, one task, claim and act.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, idempotencyKeys, query } from './client';
import type { Page, Task, TaskCounts, TaskDetail } from './types';

export type InboxTab = 'mine' | 'available' | 'completed';

export function useTaskCounts(enabled = true) {
  return useQuery({ queryKey: ['tasks', 'counts'], queryFn: () => api<TaskCounts>('/tasks/counts'), refetchInterval: 30_000, enabled });
}

export function useInbox(tab: InboxTab, processKey?: string) {
  const scope = tab === 'available' ? 'available' : 'mine';
  const status = tab === 'completed' ? 'completed' : 'open';
  return useInfiniteQuery({
    queryKey: ['tasks', 'list', tab, processKey ?? ''],
    queryFn: ({ pageParam }) => api<Page<Task>>(`/tasks${query({ scope, status, processKey, cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A clerk's inbox follows new work without a reload; the request is a single index scan.
    refetchInterval: 10_000,
  });
}

export function useTask(taskId: string) {
  return useQuery({ queryKey: ['tasks', 'one', taskId], queryFn: () => api<TaskDetail>(`/tasks/${taskId}`) });
}

/** Everything that shows tasks or cases may have changed after a claim or an action. */
function useInvalidateWork() {
  const queryClient = useQueryClient();
  return () => Promise.all([
    queryClient.invalidateQueries({ queryKey: ['tasks'] }),
    queryClient.invalidateQueries({ queryKey: ['instances'] }),
  ]);
}

export function useClaim() {
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (taskId: string) => api<Task>(`/tasks/${taskId}/claim`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useAct(taskId: string) {
  const invalidate = useInvalidateWork();
  // A decision sent again after a lost answer carries the same key and gets the first answer, not a 409.
  const [keys] = useState(idempotencyKeys);
  return useMutation({
    mutationFn: (body: { action: string; data: Record<string, unknown> }) =>
      api<{ taskId: string; status: string }>(`/tasks/${taskId}/actions`, { method: 'POST', body, idempotencyKey: keys.keyFor(body) }),
    onSuccess: () => { keys.clear(); return invalidate(); },
  });
}

/** Open tasks of one instance that the user holds or may claim: the candidates for "continue on this case". */
export async function openTasksFor(instanceId: string): Promise<Task[]> {
  const [mine, available] = await Promise.all([
    api<Page<Task>>(`/tasks${query({ scope: 'mine', status: 'open', instanceId, limit: 20 })}`),
    api<Page<Task>>(`/tasks${query({ scope: 'available', status: 'open', instanceId, limit: 20 })}`),
  ]);
  return [...mine.items, ...available.items];
}
