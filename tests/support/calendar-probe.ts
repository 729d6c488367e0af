// Prints, as JSON, the calendar results that must not depend on the process's TZ: run under several TZ values
// by tests/domain/calendar-time-zones.test.ts and compared.
import { computeDeadline, toShanghaiIso } from '../../domain/calendar/deadline';
import { statutoryHolidays, dayInfo } from '../../domain/calendar/official-days';
import { remainingTime, resumedDeadline } from '../../domain/calendar/suspended-period';

const at = (local: string) => new Date(`${local}+08:00`);
const due = (start: string, amount: number, unit: 'workingHours' | 'workingDays' | 'calendarDays') =>
  toShanghaiIso(computeDeadline(at(start), { amount, unit }).dueAt).slice(0, 16);

const parked = remainingTime('calendarDays', at('2026-09-17T10:00:00'), computeDeadline(at('2026-09-14T10:00:00'), { amount: 15, unit: 'calendarDays' }).dueAt);
process.stdout.write(JSON.stringify({
  holidays2027: [...statutoryHolidays(2027)].sort(),
  springFestivalEve2027: dayInfo('2027-02-05').working,
  afterSpringFestival: due('2027-02-04T10:00:00', 1, 'workingDays'),
  afterQingming: due('2027-04-02T10:00:00', 1, 'workingDays'),
  workingHoursOverNewYear: due('2026-12-31T16:00:00', 4, 'workingHours'),
  calendarDaysIntoHoliday: due('2026-09-18T12:00:00', 15, 'calendarDays'),
  resumedCalendarPeriod: toShanghaiIso(resumedDeadline(parked, at('2026-10-12T09:00:00'))).slice(0, 16),
}));
