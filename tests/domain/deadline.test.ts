// Deadlines in working hours, working days and calendar days on the official calendar (Asia/Shanghai).
import { readFileSync } from 'node:fs';
import { computeDeadline, toShanghaiIso } from '../../domain/calendar/deadline';
import { dayInfo, statutoryHolidays, CALENDAR_VERSION } from '../../domain/calendar/official-days';

const at = (local: string) => new Date(`${local}+08:00`);
const due = (start: string, amount: number, unit: 'minutes' | 'workingHours' | 'workingDays' | 'calendarDays') =>
  toShanghaiIso(computeDeadline(at(start), { amount, unit }).dueAt).slice(0, 16);

describe('working hours', () => {
  test('four working hours reported at 16:00 end at 11:00 the next working day', () => {
    expect(due('2026-11-23T16:00:00', 4, 'workingHours')).toBe('2026-11-24T11:00');
  });
  test('the lunch break does not count', () => {
    expect(due('2026-11-23T11:00:00', 2, 'workingHours')).toBe('2026-11-23T14:30');
  });
  test('a report on a Friday evening counts from Monday morning', () => {
    expect(due('2026-11-20T18:00:00', 1, 'workingHours')).toBe('2026-11-23T09:30');
  });
  test('a report before office hours starts counting at 08:30', () => {
    expect(due('2026-11-23T07:00:00', 1, 'workingHours')).toBe('2026-11-23T09:30');
  });
  test('office hours of the org unit replace the default', () => {
    const d = computeDeadline(at('2026-11-23T16:00:00'), { amount: 2, unit: 'workingHours' }, [[9 * 60, 17 * 60]]);
    expect(toShanghaiIso(d.dueAt).slice(0, 16)).toBe('2026-11-24T10:00');
  });
});

describe('working days', () => {
  test('one working day on a Monday ends when office hours end on Tuesday', () => {
    expect(due('2026-11-23T10:00:00', 1, 'workingDays')).toBe('2026-11-24T17:30');
  });
  test('the National Day holiday is skipped', () => {
    expect(due('2026-09-30T10:00:00', 1, 'workingDays')).toBe('2026-10-08T17:30');
  });
  test('a make-up working Saturday (调休) counts as a working day', () => {
    expect(dayInfo('2026-10-10')).toEqual({ working: true, provisional: false });
    expect(due('2026-10-09T10:00:00', 1, 'workingDays')).toBe('2026-10-10T17:30');
  });
  test('a holiday that falls on a weekday is not a working day', () => {
    expect(dayInfo('2026-10-05')).toEqual({ working: false, provisional: false });
  });
});

describe('calendar days', () => {
  test('a period whose last day is a rest day ends at 24:00 of the next working day', () => {
    expect(due('2026-11-20T10:00:00', 1, 'calendarDays')).toBe('2026-11-24T00:00');
  });
  test('a period ending on a working day ends at its 24:00', () => {
    expect(due('2026-11-23T10:00:00', 7, 'calendarDays')).toBe('2026-12-01T00:00');
  });
});

describe('years without a published schedule', () => {
  test('fall back to the 13 statutory holidays, marked provisional', () => {
    const days = [...statutoryHolidays(2027)].sort();
    expect(days).toEqual([
      '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05',
      '2027-05-01', '2027-05-02', '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03',
    ]);
    const d = computeDeadline(at('2026-12-31T10:00:00'), { amount: 1, unit: 'workingDays' });
    expect(toShanghaiIso(d.dueAt).slice(0, 16)).toBe('2027-01-04T17:30');
    expect(d.provisional).toBe(true);
    expect(d.calendarVersion).toBe(CALENDAR_VERSION);
  });
  test('a deadline inside a published year is not provisional', () => {
    expect(computeDeadline(at('2026-11-23T10:00:00'), { amount: 1, unit: 'workingDays' }).provisional).toBe(false);
  });
});

test('the calendar version names the installed holiday data', () => {
  const installed = JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8')) as { version: string };
  expect(CALENDAR_VERSION).toBe(`chinese-days@${installed.version}`);
});

describe('reminders', () => {
  test('fire when three quarters of a working-hour limit has passed, in office time', () => {
    const d = computeDeadline(at('2026-11-23T08:30:00'), { amount: 4, unit: 'workingHours' });
    expect(toShanghaiIso(d.remindAt).slice(0, 16)).toBe('2026-11-23T11:30');
  });
  test('of a working-day limit skip nights and the lunch break', () => {
    const d = computeDeadline(at('2026-11-23T16:30:00'), { amount: 1, unit: 'workingDays' });
    // 1 h today + 7.5 h tomorrow = 510 office minutes; three quarters = 382: 60 today, 210 in the morning, 112 after 13:30
    expect(toShanghaiIso(d.remindAt).slice(0, 16)).toBe('2026-11-24T15:22');
  });
  test('of a minute limit fire at three quarters of the wall time', () => {
    const d = computeDeadline(at('2026-11-23T10:00:00'), { amount: 40, unit: 'minutes' });
    expect(toShanghaiIso(d.remindAt).slice(0, 16)).toBe('2026-11-23T10:30');
  });
});
