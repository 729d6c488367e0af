// Shanghai calendar days for the penalty rules: the day an instant falls on, its midnight, whole days between two
// days, and the corresponding day some years later (民法典 art. 202). Pure date arithmetic on 'YYYY-MM-DD' keys, the
// same under any process TZ. (domain/calendar keeps its own private copy; this file exists because that module is
// owned elsewhere: fold the two together when it exports one.)
import { addDays } from '../calendar/official-days';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export { addDays };

/** The Asia/Shanghai day of an instant. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 in Shanghai at the start of a day. */
export function startOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** `to` minus `from` in whole days (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The last day of a period that ends at 24:00 or at close of office: the day just before its end instant. */
export function lastDayOf(end: Date): string {
  return shanghaiDay(new Date(end.getTime() - 1));
}

/** The corresponding day `years` later; a 29 February with no counterpart becomes the month's last day (art. 202). */
export function sameDayYearsLater(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = y + years;
  const lastOfMonth = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}
