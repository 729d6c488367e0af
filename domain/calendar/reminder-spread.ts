// Reminders spread before the deadline: every working-day deadline falls at the end of office hours (17:30), so the
// reminders of tasks opened together fall together too, and one worker would send them in a burst. Moving each
// reminder a little earlier, by an amount fixed by its task, spreads the burst; no deadline moves.
import type { OfficeHours } from './deadline';
import { minuteOfDay } from './shanghai-day';

/** At most this much earlier: a reminder still comes at about three quarters of the limit. */
export const REMINDER_SPREAD_MS = 30 * 60_000;

/** A fraction in [0, 1) fixed by the key (FNV-1a), so the workflow, its replays and its retries agree. */
function fractionOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}

/** How long the office period holding the instant has been open (0 outside office hours). */
function sinceOfficeOpened(instant: Date, hours: OfficeHours): number {
  const minute = minuteOfDay(instant);
  const period = hours.find(([start, end]) => minute > start && minute <= end);
  return period ? Math.floor((minute - period[0]) * 60_000) : 0;
}

/**
 * The reminder moved earlier by up to 30 minutes, and never by more than a tenth of the time from the task's opening
 * to the reminder (a short limit keeps its reminder near three quarters). For a limit in office time (`hours` given)
 * it stays within the office period it fell in.
 */
export function spreadReminder(remindAt: Date, openedAt: Date, key: string, hours?: OfficeHours): Date {
  const room = Math.min(REMINDER_SPREAD_MS, Math.floor((remindAt.getTime() - openedAt.getTime()) / 10),
    hours ? sinceOfficeOpened(remindAt, hours) : Number.POSITIVE_INFINITY);
  if (room <= 0) return remindAt;
  return new Date(remindAt.getTime() - Math.floor(fractionOf(key) * room));
}
