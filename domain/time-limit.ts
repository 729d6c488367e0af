// A time limit as designers write it: an amount in one of the four units of DOMAIN.md §3.
import { z } from 'zod';
import { MAX_AMOUNT, TIME_UNITS, type TimeUnit } from './time-units';

export { MAX_AMOUNT, TIME_UNITS, type TimeUnit };

export const timeLimitSchema = z.object({
  amount: z.number().int().positive(),
  unit: z.enum(TIME_UNITS),
}).superRefine((limit, ctx) => {
  if (limit.amount > MAX_AMOUNT[limit.unit]) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: `at most ${MAX_AMOUNT[limit.unit]} ${limit.unit}` });
  }
});
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const TIME_UNIT_LABELS: Record<TimeUnit, string> = {
  minutes: '分钟',
  workingHours: '工作时',
  workingDays: '工作日',
  calendarDays: '自然日',
};

export function describeLimit(limit: TimeLimit): string {
  return `${limit.amount} ${TIME_UNIT_LABELS[limit.unit]}`;
}
