// The last check before a start: every time limit the workflow will be given (from the diagram version, a
// catalog entry or the rules) is within the domain's bounds. A limit outside them would make the workflow fail on
// its first task and hang while the API answered 201; such a configuration is refused instead, naming where.
import { TIME_UNITS } from '../../domain/time-limit';
import { timeLimitSchema } from '../../domain/time-limit-schema';
import type { ErrorDetail } from '../../domain/errors';

function looksLikeLimit(value: object): value is { amount: unknown; unit: string } {
  return 'unit' in value && 'amount' in value && (TIME_UNITS as readonly unknown[]).includes((value as { unit: unknown }).unit);
}

/** Every `{ amount, unit }` in the workflow arguments that is not a valid time limit, with its path. */
export function invalidTimeLimits(value: unknown, path = 'args', depth = 0): ErrorDetail[] {
  if (value === null || typeof value !== 'object' || depth > 12) return [];
  if (looksLikeLimit(value) && !timeLimitSchema.safeParse({ amount: value.amount, unit: value.unit }).success) {
    return [{ path, message: `invalid time limit ${String(value.amount)} ${value.unit}` }];
  }
  return Object.entries(value).flatMap(([key, inner]) => invalidTimeLimits(inner, `${path}.${key}`, depth + 1));
}
