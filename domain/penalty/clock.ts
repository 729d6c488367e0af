// The 90-day clock of a penalty case (art. 60): it starts at registration and stops while a hearing is pending;
// its deadline moves by exactly the time it stood still.
export interface ClockState {
  startedAt: string;
  dueAt: string;
  pausedSince: string | null;
  pausedMs: number;
}

const DAY = 86_400_000;

export function startClock(at: Date, days: number): ClockState {
  return { startedAt: at.toISOString(), dueAt: new Date(at.getTime() + days * DAY).toISOString(), pausedSince: null, pausedMs: 0 };
}

export function pauseClock(clock: ClockState, at: Date): ClockState {
  return clock.pausedSince ? clock : { ...clock, pausedSince: at.toISOString() };
}

export function resumeClock(clock: ClockState, at: Date): ClockState {
  if (!clock.pausedSince) return clock;
  const stood = at.getTime() - Date.parse(clock.pausedSince);
  return { ...clock, pausedSince: null, pausedMs: clock.pausedMs + stood, dueAt: new Date(Date.parse(clock.dueAt) + stood).toISOString() };
}

/** Whole days left (negative when past due); a paused clock counts from when it stopped. */
export function daysRemaining(clock: ClockState, now: Date): number {
  const reference = clock.pausedSince ? Date.parse(clock.pausedSince) : now.getTime();
  return Math.ceil((Date.parse(clock.dueAt) - reference) / DAY);
}
