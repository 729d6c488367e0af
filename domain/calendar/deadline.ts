// Deadlines from a start instant and a time limit, in Asia/Shanghai (UTC+8 all year, no DST since 1991).
// Rules (民法典 arts. 201, 203): a period in days starts the day after the start; a working-day period
// ends when office hours end on its last working day; a calendar-day period whose last day is a rest day
// ends on the next working day, at 24:00. Working hours count only office minutes.
import type { TimeLimit } from '../time-limit';
import { addDays, dayInfo, CALENDAR_VERSION } from './official-days';
import { SHANGHAI_OFFSET_MS, shanghaiDay as localDay, minuteOfDay, instantAt } from './shanghai-day';

const MINUTE_MS = 60_000;

/** Office periods of one working day, as minutes after local midnight. */
export type OfficeHours = ReadonlyArray<readonly [number, number]>;
export const DEFAULT_OFFICE_HOURS: OfficeHours = [[8 * 60 + 30, 12 * 60], [13 * 60 + 30, 17 * 60 + 30]];

/** 'HH:MM-HH:MM' periods as org units store them → minutes. */
export function parseOfficeHours(periods: ReadonlyArray<readonly [string, string]>): OfficeHours {
  const toMinutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return h * 60 + m;
  };
  return periods.map(([from, to]) => [toMinutes(from), toMinutes(to)] as const);
}

export interface Deadline {
  dueAt: Date;
  /** When the reminder (催办) fires: when three quarters of the limit has elapsed, counted in office time for working-time limits. */
  remindAt: Date;
  calendarVersion: string;
  provisional: boolean;
}

class DayWalker {
  provisional = false;
  working(day: string): boolean {
    const info = dayInfo(day);
    if (info.provisional) this.provisional = true;
    return info.working;
  }
}

/** The Nth working day after `day` (the start day itself never counts). */
function nthWorkingDayAfter(walker: DayWalker, day: string, n: number): string {
  let current = day;
  for (let found = 0; found < n; ) {
    current = addDays(current, 1);
    if (walker.working(current)) found++;
  }
  return current;
}

function addWorkingMinutes(walker: DayWalker, start: Date, total: number, hours: OfficeHours): Date {
  let remaining = total;
  let day = localDay(start);
  let from = minuteOfDay(start);
  for (let guard = 0; guard < 3660; guard++) {
    if (walker.working(day)) {
      for (const [open, close] of hours) {
        const begin = Math.max(open, from);
        if (begin >= close) continue;
        const available = close - begin;
        if (remaining <= available) return instantAt(day, begin + remaining);
        remaining -= available;
      }
    }
    day = addDays(day, 1);
    from = 0;
  }
  throw new RangeError('working-hour limit spans more than ten years');
}

/** Office minutes between two instants. */
function countWorkingMinutes(walker: DayWalker, start: Date, end: Date, hours: OfficeHours): number {
  let total = 0;
  const lastDay = localDay(end);
  for (let day = localDay(start), guard = 0; day <= lastDay && guard < 3660; day = addDays(day, 1), guard++) {
    if (!walker.working(day)) continue;
    const from = day === localDay(start) ? minuteOfDay(start) : 0;
    const to = day === lastDay ? minuteOfDay(end) : 24 * 60;
    for (const [open, close] of hours) total += Math.max(0, Math.min(close, to) - Math.max(open, from));
  }
  return total;
}

/** Office minutes between two instants on the official calendar (for a stopped clock's remaining time). */
export function workingMinutesBetween(start: Date, end: Date, hours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  return end <= start ? 0 : Math.round(countWorkingMinutes(new DayWalker(), start, end, hours));
}

/** The instant `minutes` of office time after `start` (for a restarted clock). */
export function addWorkingTime(start: Date, minutes: number, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  return minutes <= 0 ? start : addWorkingMinutes(new DayWalker(), start, minutes, hours);
}

export function computeDeadline(start: Date, limit: TimeLimit, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Deadline {
  const walker = new DayWalker();
  let dueAt: Date;
  switch (limit.unit) {
    case 'minutes':
      dueAt = new Date(start.getTime() + limit.amount * MINUTE_MS);
      break;
    case 'workingHours':
      dueAt = addWorkingMinutes(walker, start, limit.amount * 60, hours);
      break;
    case 'workingDays': {
      const last = nthWorkingDayAfter(walker, localDay(start), limit.amount);
      dueAt = instantAt(last, hours[hours.length - 1][1]);
      break;
    }
    case 'calendarDays': {
      let last = addDays(localDay(start), limit.amount);
      while (!walker.working(last)) last = addDays(last, 1);
      dueAt = instantAt(addDays(last, 1), 0);
      break;
    }
  }
  const officeTime = limit.unit === 'workingHours' || limit.unit === 'workingDays';
  const remindAt = officeTime
    ? addWorkingMinutes(walker, start, Math.floor(countWorkingMinutes(walker, start, dueAt, hours) * 0.75), hours)
    : new Date(start.getTime() + Math.floor((dueAt.getTime() - start.getTime()) * 0.75));
  return { dueAt, remindAt, calendarVersion: CALENDAR_VERSION, provisional: walker.provisional };
}

/** ISO-8601 with the +08:00 offset clerks read. */
export function toShanghaiIso(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}
