// The legal periods of a penalty case on the 2026 official calendar (中秋 Sep 25–27 and 国庆 Oct 1–7 off; Sep 20 and
// Oct 10 are make-up working days), with every expected date worked out by hand from the law.
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { daysRemaining, resumeClock, pauseClock, startClock } from '../../domain/penalty/clock';
import { limitationOf } from '../../domain/penalty/limitation';
import { earliestHearing, periodEnd } from '../../domain/penalty/periods';
import { penaltyRulesSchema, STATUTORY_RULES } from '../../domain/penalty/rules';
import { heavierThan } from '../../domain/penalty/severity';
import { amountOwed } from '../../domain/penalty/surcharge';

const at = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date | string) => toShanghaiIso(new Date(d)).slice(0, 16);
const rules = STATUTORY_RULES;

test('a hearing may be requested until the end of the 5th working day: notice Thu 24 Sep → Fri 9 Oct 17:30', () => {
  // Sep 25–27 and Oct 1–7 are holidays: Mon 28 (1), Tue 29 (2), Wed 30 (3), Thu 8 Oct (4), Fri 9 Oct (5).
  expect(iso(periodEnd(at('2026-09-24T10:00:00'), rules.hearingRequest))).toBe('2026-10-09T17:30');
});

test('a hearing notified on Wed 30 Sep is held on Fri 16 Oct at the earliest (7 working days must pass)', () => {
  // Thu 8 (1), Fri 9 (2), Sat 10 make-up day (3), Mon 12 (4), Tue 13 (5), Wed 14 (6), Thu 15 (7): the hearing follows.
  expect(iso(earliestHearing(at('2026-09-30T10:00:00'), rules.hearingNotice))).toBe('2026-10-16T00:00');
});

test('service within 7 working days counts the make-up Sunday: decided Fri 18 Sep → Tue 29 Sep', () => {
  // Sun 20 (make-up, 1), Mon 21 (2), Tue 22 (3), Wed 23 (4), Thu 24 (5), holidays 25–27, Mon 28 (6), Tue 29 (7).
  expect(iso(periodEnd(at('2026-09-18T10:00:00'), rules.service))).toBe('2026-09-29T17:30');
});

test('the decision on preserved evidence is due within 7 working days: approved Wed 30 Sep → Thu 15 Oct', () => {
  expect(iso(periodEnd(at('2026-09-30T15:00:00'), rules.preservationDecision))).toBe('2026-10-15T17:30');
});

test('the payment period runs 15 calendar days from the day after service, past the holiday: served Fri 18 Sep → 24:00 Thu 8 Oct', () => {
  // Day 1 is Sat 19 Sep, day 15 is Sat 3 Oct (a holiday, as are 4–7 Oct): the period ends at 24:00 on Thu 8 Oct.
  const dueAt = periodEnd(at('2026-09-18T15:00:00'), rules.payment);
  expect(iso(dueAt)).toBe('2026-10-09T00:00');
  expect(amountOwed(100_000, dueAt, 3, at('2026-10-08T16:00:00'))).toMatchObject({ lateDays: 0, owedFen: 100_000 });
  // A whole calendar day late the next morning, not after 24 hours.
  expect(amountOwed(100_000, dueAt, 3, at('2026-10-09T08:00:00'))).toMatchObject({ lateDays: 1, surchargeFen: 3_000, owedFen: 103_000 });
  expect(amountOwed(100_000, dueAt, 3, at('2026-11-30T10:00:00'))).toMatchObject({ lateDays: 53, surchargeFen: 100_000, owedFen: 200_000 });
});

test('the 90-day limit ends at 24:00 of the 90th day, moved past rest days, and stops for whole days', () => {
  // Registered Mon 2 Mar: day 90 is Sun 31 May → Mon 1 Jun. A testing stop from Wed 4 to Sat 7 Mar adds 3 days → Wed 3 Jun.
  const clock = startClock(at('2026-03-02T10:00:00'), rules.caseLimit);
  expect(iso(clock.dueAt)).toBe('2026-06-02T00:00');
  expect(daysRemaining(clock, at('2026-03-02T18:00:00'))).toBe(91);
  const stopped = pauseClock(clock, at('2026-03-04T10:00:00'), 'testing');
  expect(daysRemaining(stopped, at('2026-03-06T10:00:00'))).toBe(89);
  const resumed = resumeClock(stopped, at('2026-03-07T09:00:00'));
  expect(resumed.pausedDays).toBe(3);
  expect(iso(resumed.dueAt)).toBe('2026-06-04T00:00');
  expect(daysRemaining(resumed, at('2026-03-07T09:00:00'))).toBe(88);
  // Stopped and resumed on one day: no whole day stood still.
  expect(resumeClock(pauseClock(clock, at('2026-03-04T09:00:00'), 'appraisal'), at('2026-03-04T17:00:00')).pausedDays).toBe(0);
});

test('the limitation period is two calendar years to the corresponding day, moved past rest days (art. 36)', () => {
  // Ended Thu 24 Sep 2024 → last day Thu 24 Sep 2026; discovered Mon 28 Sep 2026: barred.
  expect(limitationOf({ date: '2024-09-24' }, '2026-09-28', 2)).toMatchObject({ barred: true, lastDay: '2026-09-24', field: 'date' });
  // Ended Fri 25 Sep 2024 → 25 Sep 2026 is 中秋, 26–27 rest days → last day Mon 28 Sep: discovered that day, not barred.
  expect(limitationOf({ date: '2024-09-25' }, '2026-09-28', 2)).toMatchObject({ barred: false, lastDay: '2026-09-28' });
  // A continuing offence counts from its end; one still going on is never barred.
  expect(limitationOf({ date: '2020-01-01', continuing: true, endDate: '2024-09-25' }, '2026-09-28', 2)).toMatchObject({ barred: false, field: 'endDate' });
  expect(limitationOf({ date: '2020-01-01', continuing: true }, '2026-09-28', 2)).toMatchObject({ barred: false, lastDay: null });
  // 29 Feb has no counterpart two years on: the period's last day is 28 Feb (民法典 art. 202).
  expect(limitationOf({ date: '2024-02-29' }, '2026-03-01', 2)).toMatchObject({ lastDay: '2026-02-28', barred: true });
});

test('a decision heavier than its notice: a larger amount, or another kind that is not lighter', () => {
  expect(heavierThan({ kind: 'fine', amountFen: 100_001 }, { kind: 'fine', amountFen: 100_000 })).toBe(true);
  expect(heavierThan({ kind: 'fine', amountFen: 80_000 }, { kind: 'fine', amountFen: 100_000 })).toBe(false);
  expect(heavierThan({ kind: 'warning' }, { kind: 'fine', amountFen: 100_000 })).toBe(false);
  expect(heavierThan({ kind: 'fine', amountFen: 1 }, { kind: 'warning' })).toBe(true);
  expect(heavierThan({ kind: 'confiscation', amountFen: 1 }, { kind: 'fine', amountFen: 100_000 })).toBe(true);
});

test('penalty rules stored before periods had units are read with the unit the law gives them', () => {
  const old = penaltyRulesSchema.parse({ hearingRequestDays: 5, hearingNoticeDays: 7, statementWorkingDays: 5, caseDays: 90, paymentDays: 15, preservationDecisionDays: 7, majorFineFen: 5_000_000 });
  expect(old).toMatchObject({
    hearingRequest: { amount: 5, unit: 'workingDays' }, hearingNotice: { amount: 7, unit: 'workingDays' },
    statement: { amount: 5, unit: 'workingDays' }, caseLimit: { amount: 90, unit: 'calendarDays' },
    payment: { amount: 15, unit: 'calendarDays' }, preservationDecision: { amount: 7, unit: 'workingDays' },
  });
  expect(old).not.toHaveProperty('hearingRequestDays');
  expect(penaltyRulesSchema.safeParse({ caseLimit: { amount: 90, unit: 'workingDays' } }).success).toBe(false);
});
