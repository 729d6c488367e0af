// The penalty case file as read now, from the stored facts (never by asking the workflow): the 90-day clock with
// its days left, and the fine with what it comes to on the day — the surcharge for the whole days past due
// (arts. 60, 67, 72), counted to today while unpaid and to the day of payment once paid.
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { daysRemaining, type ClockState } from '../../domain/penalty/clock';
import { amountOwed } from '../../domain/penalty/surcharge';
import type { PenaltyFacts } from '../../domain/case-file/penalty';

export type CaseClockView = NonNullable<ReturnType<typeof caseClockView>>;

/** The clock with its days left as of `now`, or as of the day it finished. */
export function caseClockView(clock: ClockState | null, now: Date, finishedAt: string | null = null) {
  if (!clock) return null;
  return {
    startedAt: toShanghaiIso(new Date(clock.startedAt)),
    limit: clock.limit,
    dueAt: toShanghaiIso(new Date(clock.dueAt)),
    paused: clock.pausedSince !== null,
    pausedSince: clock.pausedSince ? toShanghaiIso(new Date(clock.pausedSince)) : null,
    pausedFor: clock.pausedFor,
    pausedDays: clock.pausedDays,
    daysRemaining: daysRemaining(clock, finishedAt ? new Date(finishedAt) : now),
    finishedAt,
  };
}

export type PaymentView = NonNullable<ReturnType<typeof paymentView>>;

/** The fine as of `now` (or as of its payment), or null when the case has no fine to pay. */
export function paymentView(payment: PenaltyFacts['payment'], now: Date) {
  if (!payment) return null;
  const asOf = payment.paidAt ? new Date(payment.paidAt) : now;
  const owed = amountOwed(payment.fineFen, new Date(payment.dueAt), payment.surchargePercentPerDay, asOf);
  return {
    fineFen: payment.fineFen, dueAt: toShanghaiIso(owed.dueAt), surchargePercentPerDay: payment.surchargePercentPerDay,
    lateDays: owed.lateDays, surchargeFen: owed.surchargeFen, owedFen: owed.owedFen, asOf: toShanghaiIso(asOf),
    paidFen: payment.paidFen, paidAt: payment.paidAt, courtEnforcementAt: payment.courtEnforcementAt,
  };
}

/** The penalty facts with the clock and the payment as of `now`. */
export function penaltyFactsView(facts: PenaltyFacts, now: Date) {
  return { ...facts, clock: caseClockView(facts.clock, now, facts.clockFinishedAt), payment: paymentView(facts.payment, now) };
}
