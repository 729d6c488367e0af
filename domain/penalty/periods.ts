// The legal periods of a penalty case as instants, all through the one deadline module (domain/calendar).
import { computeDeadline, DEFAULT_OFFICE_HOURS, type OfficeHours } from '../calendar/deadline';
import type { TimeLimit } from '../time-limit';
import { addDays, lastDayOf, startOfDay } from '../calendar/shanghai-day';

/** When a period that starts at `start` ends (close of office on its last working day, or 24:00). */
export function periodEnd(start: Date, limit: TimeLimit, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  return computeDeadline(start, limit, hours).dueAt;
}

/**
 * The earliest a hearing may be held when the party is notified at `notifiedAt` (art. 64: notified 7 working days
 * ahead): the whole notice period must have run, so the hearing is on a day after its last day.
 */
export function earliestHearing(notifiedAt: Date, notice: TimeLimit, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  return startOfDay(addDays(lastDayOf(periodEnd(notifiedAt, notice, hours)), 1));
}

const UNIT_WORDS: Record<TimeLimit['unit'], string> = {
  minutes: 'minutes', workingHours: 'working hours', workingDays: 'working days', calendarDays: 'calendar days',
};

/** "5 working days", for refusals that cite a period. */
export function describePeriod(limit: TimeLimit): string {
  return `${limit.amount} ${UNIT_WORDS[limit.unit]}`;
}
