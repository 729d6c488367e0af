// Art. 72 of the Administrative Penalty Law: a late payer owes 3 % of the fine for every day past the due date,
// never more than the fine itself. Days are whole Shanghai calendar days after the period's last day, not 24-hour
// blocks; amounts are whole fen, integer arithmetic only.
import { daysBetween, lastDayOf, shanghaiDay } from '../calendar/shanghai-day';

/** Whole calendar days late: paying on the day after the last day of the period is 1 day late. */
export function lateDays(dueAt: Date, paidAt: Date): number {
  return paidAt < dueAt ? 0 : Math.max(0, daysBetween(lastDayOf(dueAt), shanghaiDay(paidAt)));
}

export function surchargeFen(fineFen: number, days: number, percentPerDay: number): number {
  if (!Number.isSafeInteger(fineFen) || fineFen < 0 || days <= 0) return 0;
  return Math.min(fineFen, Math.floor((fineFen * percentPerDay * days) / 100));
}

export interface AmountOwed {
  fineFen: number;
  dueAt: Date;
  lateDays: number;
  surchargeFen: number;
  owedFen: number;
}

/** What a party owes on a given instant for a fine due at `dueAt`. */
export function amountOwed(fineFen: number, dueAt: Date, percentPerDay: number, at: Date): AmountOwed {
  const days = lateDays(dueAt, at);
  const surcharge = surchargeFen(fineFen, days, percentPerDay);
  return { fineFen, dueAt, lateDays: days, surchargeFen: surcharge, owedFen: fineFen + surcharge };
}
