// The schema of a time limit (domain/time-limit.ts) for what designers and catalogs send: a positive whole amount
// within its unit's bound.
import { z } from 'zod';
import { MAX_AMOUNT, TIME_UNITS, type TimeLimit } from './time-limit';

export const timeLimitSchema: z.ZodType<TimeLimit> = z.object({
  amount: z.number().int().positive(),
  unit: z.enum(TIME_UNITS),
}).superRefine((limit, ctx) => {
  if (limit.amount > MAX_AMOUNT[limit.unit]) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: `at most ${MAX_AMOUNT[limit.unit]} ${limit.unit}` });
  }
});
