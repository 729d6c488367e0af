// A stopped clock (挂账, a suspension) keeps what was left of the period in the period's own unit.
import { computeDeadline, toShanghaiIso } from '../../domain/calendar/deadline';
import { remainingTime, resumedDeadline } from '../../domain/calendar/suspended-period';

const at = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => toShanghaiIso(d).slice(0, 16);

describe('a parked calendar-day period', () => {
  // 15 calendar days from Mon 14 Sep 2026: 15–29 Sep, ends 24:00 of Tue 29 Sep.
  const dueAt = computeDeadline(at('2026-09-14T10:00:00'), { amount: 15, unit: 'calendarDays' }).dueAt;

  test('keeps the calendar days that were left, not office minutes', () => {
    expect(iso(dueAt)).toBe('2026-09-30T00:00');
    // Parked on Thu 17 Sep: 18–29 Sep are left.
    expect(remainingTime('calendarDays', at('2026-09-17T10:00:00'), dueAt)).toEqual({ unit: 'calendarDays', amount: 12 });
  });

  test('restarts across the National Day holiday with those days, ending at 24:00 past rest days', () => {
    const left = remainingTime('calendarDays', at('2026-09-17T10:00:00'), dueAt);
    // Resumed Fri 25 Sep (中秋): 12 days run 26 Sep – 7 Oct; 1–7 Oct are 国庆 rest days, so the period ends with
    // the next working day, Thu 8 Oct, at 24:00. (Counted in office minutes it would have ended weeks later.)
    expect(iso(resumedDeadline(left, at('2026-09-25T10:00:00')))).toBe('2026-10-09T00:00');
  });

  test('parked on its last day restarts with nothing left but the day it resumes', () => {
    const left = remainingTime('calendarDays', at('2026-09-29T15:00:00'), dueAt);
    expect(left).toEqual({ unit: 'calendarDays', amount: 0 });
    // Resumed Mon 12 Oct at 09:00: ends at 24:00 that day.
    expect(iso(resumedDeadline(left, at('2026-10-12T09:00:00')))).toBe('2026-10-13T00:00');
  });
});

describe('a parked working-time period', () => {
  test('keeps its office minutes: 2 of 4 working hours left resume the next working day', () => {
    // 4 working hours from Mon 23 Nov 2026 08:30: 08:30–12:00 is 3.5 h, then 0.5 h after 13:30 → 14:00.
    const dueAt = computeDeadline(at('2026-11-23T08:30:00'), { amount: 4, unit: 'workingHours' }).dueAt;
    expect(iso(dueAt)).toBe('2026-11-23T14:00');
    // Parked at 10:30: 1.5 h before lunch + 0.5 h after = 120 office minutes left.
    const left = remainingTime('workingHours', at('2026-11-23T10:30:00'), dueAt);
    expect(left).toEqual({ unit: 'officeMinutes', amount: 120 });
    // Resumed Fri 27 Nov at 16:30: 60 minutes that day, 60 on Mon 30 Nov → 09:30.
    expect(iso(resumedDeadline(left, at('2026-11-27T16:30:00')))).toBe('2026-11-30T09:30');
  });
});

describe('a parked minute period', () => {
  test('keeps its wall-clock minutes, nights and holidays included', () => {
    const dueAt = computeDeadline(at('2026-09-30T23:00:00'), { amount: 90, unit: 'minutes' }).dueAt;
    const left = remainingTime('minutes', at('2026-09-30T23:30:00'), dueAt);
    expect(left).toEqual({ unit: 'minutes', amount: 60 });
    expect(iso(resumedDeadline(left, at('2026-10-01T02:00:00')))).toBe('2026-10-01T03:00');
  });
});
