// A time limit as designers write it: an amount in one of the four units of DOMAIN.md §3.
import { z } from 'zod';

export const TIME_UNITS = ['minutes', 'workingHours', 'workingDays', 'calendarDays'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export const timeLimitSchema = z.object({
  amount: z.number().int().positive().max(10000),
  unit: z.enum(TIME_UNITS),
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
