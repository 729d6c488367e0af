// Days and instants in China's zone (UTC+8 all year, no DST since 1991), by arithmetic on UTC so that the result
// is the same whatever the process's TZ. Day keys are 'YYYY-MM-DD'.
import { addDays } from './official-days';

export { addDays };

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

/** 00:00 in Shanghai at the start of a day. */
export function startOfDay(day: string): Date {
  return instantAt(day, 0);
}

/** 24:00 of a Shanghai day, i.e. 00:00 of the next. */
export function endOfDay(day: string): Date {
  return instantAt(addDays(day, 1), 0);
}

/** The last day of a period that ends at 24:00 or at close of office: the day just before its end instant. */
export function lastDayOf(end: Date): string {
  return shanghaiDay(new Date(end.getTime() - 1));
}

/** Whole days from day `a` to day `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The corresponding day `years` later; a 29 February with no counterpart becomes the month's last day (民法典 art. 202). */
export function sameDayYearsLater(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = y + years;
  const lastOfMonth = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}
