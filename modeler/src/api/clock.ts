// The server's clock: shown in simulation mode, and used for "time left" so that a clock advanced in the
// time-skipping server shows up as overdue tasks in the browser too.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Clock } from './types';

export function useClock() {
  return useQuery({
    queryKey: ['clock'],
    queryFn: async () => {
      const clock = await api<Clock>('/admin/clock');
      return { ...clock, offsetMs: Date.parse(clock.now) - Date.now() };
    },
    refetchInterval: 30_000,
    staleTime: 10_000,
  });
}

/** "Now" in server time, in milliseconds. */
export function useServerNow(): number {
  const { data } = useClock();
  return Date.now() + (data?.offsetMs ?? 0);
}
