// A period whose clock stops (挂账 parking, a suspension) keeps what was left of it in the period's own unit:
// office minutes for working-time limits, whole calendar days for calendar-day limits, plain minutes for minute
// limits. Converting a calendar-day period into office minutes (as parking once did) lost the rest days and
// holidays in between, so a parked 15-day period came back as weeks.
import type { TimeUnit } from '../time-limit';
import { computeDeadline, DEFAULT_OFFICE_HOURS, addWorkingTime, workingMinutesBetween, type OfficeHours } from './deadline';
import { shanghaiDay, daysBetween } from './shanghai-day';

export type RemainingTime =
  | { unit: 'officeMinutes'; amount: number }
  | { unit: 'calendarDays'; amount: number }
  | { unit: 'minutes'; amount: number };

/**
 * What is left of a period due at `dueAt` when its clock stops at `at`. Calendar days: the days after the day
 * it stopped up to the last day of the period (the day it stopped counts as used, as the day an event happens
 * never counts in 民法典 art. 201).
 */
export function remainingTime(unit: TimeUnit, at: Date, dueAt: Date, hours: OfficeHours = DEFAULT_OFFICE_HOURS): RemainingTime {
  switch (unit) {
    case 'workingHours':
    case 'workingDays':
      return { unit: 'officeMinutes', amount: workingMinutesBetween(at, dueAt, hours) };
    case 'calendarDays': {
      // A calendar-day period ends at 24:00, i.e. 00:00 of the day after its last day.
      const lastDay = shanghaiDay(new Date(dueAt.getTime() - 1));
      return { unit: 'calendarDays', amount: Math.max(0, daysBetween(shanghaiDay(at), lastDay)) };
    }
    case 'minutes':
      return { unit: 'minutes', amount: Math.max(0, Math.round((dueAt.getTime() - at.getTime()) / 60_000)) };
  }
}

/** The new deadline when a stopped clock starts again at `at` with `remaining` left. */
export function resumedDeadline(remaining: RemainingTime, at: Date, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  switch (remaining.unit) {
    case 'officeMinutes':
      return addWorkingTime(at, remaining.amount, hours);
    case 'calendarDays':
      // Counted again from the day after the restart; with nothing left the period ends with the restart day.
      return computeDeadline(at, { amount: remaining.amount, unit: 'calendarDays' }, hours).dueAt;
    case 'minutes':
      return new Date(at.getTime() + remaining.amount * 60_000);
  }
}
