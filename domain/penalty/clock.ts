// The 90-day clock of a penalty case (art. 60): it starts at registration and ends at 24:00 of its 90th calendar day,
// a last day that is a rest day moving to the next working day. It stands still for hearing, testing and expert
// appraisal (鉴定). Counting rule for a stop: the clock stands still from the day the stop begins and runs again on
// the day it ends, so a stop from day A to day B adds B − A whole days to the period (a stop begun and ended on one
// day adds none; the registration day itself never counts, art. 201). The deadline is always recomputed from the
// registration with 90 + the days stood still, so a moved last day is moved past rest days again.
import { computeDeadline } from '../calendar/deadline';
import type { TimeLimit } from '../time-limit';
import { addDays, daysBetween, lastDayOf, shanghaiDay } from '../calendar/shanghai-day';

export type ClockStop = 'hearing' | 'testing' | 'appraisal';

export interface ClockState {
  startedAt: string;
  limit: TimeLimit;
  dueAt: string;
  pausedSince: string | null;
  pausedFor: ClockStop | null;
  /** Whole calendar days the clock has stood still so far. */
  pausedDays: number;
}

function dueFor(startedAt: string, limit: TimeLimit, pausedDays: number): string {
  return computeDeadline(new Date(startedAt), { amount: limit.amount + pausedDays, unit: limit.unit }).dueAt.toISOString();
}

export function startClock(at: Date, limit: TimeLimit): ClockState {
  const startedAt = at.toISOString();
  return { startedAt, limit, dueAt: dueFor(startedAt, limit, 0), pausedSince: null, pausedFor: null, pausedDays: 0 };
}

export function pauseClock(clock: ClockState, at: Date, reason: ClockStop): ClockState {
  return clock.pausedSince ? clock : { ...clock, pausedSince: at.toISOString(), pausedFor: reason };
}

/** The day a stop begun at `since` starts counting from: never before the first day the period counts. */
function stopDay(clock: ClockState, since: Date): string {
  const firstCounted = addDays(shanghaiDay(new Date(clock.startedAt)), 1);
  const day = shanghaiDay(since);
  return day < firstCounted ? firstCounted : day;
}

/** Whole days a stop from `since` to `until` adds (see the counting rule above). */
export function daysStood(clock: ClockState, since: Date, until: Date): number {
  return Math.max(0, daysBetween(stopDay(clock, since), shanghaiDay(until)));
}

export function resumeClock(clock: ClockState, at: Date): ClockState {
  if (!clock.pausedSince) return clock;
  const pausedDays = clock.pausedDays + daysStood(clock, new Date(clock.pausedSince), at);
  return { ...clock, pausedSince: null, pausedFor: null, pausedDays, dueAt: dueFor(clock.startedAt, clock.limit, pausedDays) };
}

/** Calendar days left until the last day (0 on the last day, negative past it); a stopped clock shows what was left when it stopped. */
export function daysRemaining(clock: ClockState, now: Date): number {
  const reference = clock.pausedSince ? stopDay(clock, new Date(clock.pausedSince)) : shanghaiDay(now);
  return daysBetween(reference, lastDayOf(new Date(clock.dueAt)));
}
