// A time limit as designers write it: an amount in one of the four units of DOMAIN.md §3. Zod-free, as workflows
// read it; its schema is domain/time-limit-schema.ts.
import { MAX_AMOUNT, TIME_UNITS, type TimeUnit } from './time-units';

export { MAX_AMOUNT, TIME_UNITS, type TimeUnit };

export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
}

export const TIME_UNIT_LABELS: Record<TimeUnit, string> = {
  minutes: '分钟',
  workingHours: '工作时',
  workingDays: '工作日',
  calendarDays: '自然日',
};

export function describeLimit(limit: TimeLimit): string {
  return `${limit.amount} ${TIME_UNIT_LABELS[limit.unit]}`;
}
