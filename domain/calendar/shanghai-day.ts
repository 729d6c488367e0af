// Days and instants in China's zone (UTC+8 all year, no DST since 1991), by arithmetic on UTC so that the result
// is the same whatever the process's TZ. Day keys are 'YYYY-MM-DD'.
import { addDays } from './official-days';

export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Shanghai calendar day an instant falls on. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes (with fractions) since Shanghai midnight. */
export function minuteOfDay(instant: Date): number {
  return (instant.getTime() + SHANGHAI_OFFSET_MS - Date.parse(`${shanghaiDay(instant)}T00:00:00Z`)) / 60_000;
}

/** The instant `minutes` after Shanghai midnight of `day`. */
export function instantAt(day: string, minutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS + Math.round(minutes * 60_000));
}

/** 24:00 of a Shanghai day, i.e. 00:00 of the next. */
export function endOfDay(day: string): Date {
  return instantAt(addDays(day, 1), 0);
}

/** Whole days from day `a` to day `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The same day `years` later (29 February → 28 February in a common year), for periods counted in years. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  // Date.UTC rolls 29 Feb into 1 Mar in a common year; the period ends on the month's last day instead.
  return target.getUTCMonth() === m - 1 ? target.toISOString().slice(0, 10) : new Date(Date.UTC(y + years, m, 0)).toISOString().slice(0, 10);
}
