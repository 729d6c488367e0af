// 三员分立 refusals in the security log: when an administrator (system, security or audit administrator) is refused
// something — the system administrator starting or acting on a case, the audit administrator changing anything, the
// security administrator creating units, a role set that would put two administrator roles on one account — the
// refusal is its own event (`administratorRefused`: who, which request, why), readable by the audit administrator.
// It is written by an error middleware ahead of the error handler, so every route's 403 is covered without each
// route remembering to log it.
//
// Folding, as for refused task actions (api/tasks/refusals.ts): the same administrator refused the same request
// within REFUSAL_FOLD_MINUTES leaves one event, so a script hammering a forbidden endpoint cannot flood the log.
import type { ErrorRequestHandler, Request } from 'express';
import { and, eq, gte, sql } from 'drizzle-orm';
import { securityEvents } from '../../db/schema';
import { appendSecurityEvent } from '../../db/security-log';
import type { Actor } from '../../domain/actor';
import { ErrorType } from '../../domain/errors';
import { isAdminRole } from '../../domain/roles';
import { ApiError } from '../errors';
import { clientAddress } from '../auth/router';
import { REFUSAL_FOLD_MINUTES } from '../tasks/refusals';
import type { AppContext } from '../context';

const REFUSALS = new Set<string>([ErrorType.Forbidden, ErrorType.SeparationOfDuties]);

/** The request as made (method and path, without the query): the same attempt folds, another id is another attempt. */
const attemptOf = (req: Request): string => `${req.method} ${req.originalUrl.split('?')[0]}`;

export function logAdministratorRefusals(ctx: AppContext): ErrorRequestHandler {
  return async (error, req, res, next) => {
    const actor = res.locals.actor as Actor | undefined;
    if (!(error instanceof ApiError) || !REFUSALS.has(error.code) || !actor?.roles.some(isAdminRole)) {
      next(error);
      return;
    }
    try {
      const at = await ctx.clock.now();
      const attempt = attemptOf(req);
      const windowStart = new Date(Math.floor(at.getTime() / (REFUSAL_FOLD_MINUTES * 60_000)) * REFUSAL_FOLD_MINUTES * 60_000);
      await ctx.db.transaction(async (tx) => {
        const [seen] = await tx.select({ seq: securityEvents.seq }).from(securityEvents).where(and(
          eq(securityEvents.event, 'administratorRefused'), eq(securityEvents.actorId, actor.id), gte(securityEvents.at, windowStart),
          sql`${securityEvents.data}->>'attempt' = ${attempt}`,
        )).limit(1);
        if (seen) return;
        await appendSecurityEvent(tx, {
          at, actor, event: 'administratorRefused', target: null, address: clientAddress(req),
          data: { attempt, roles: actor.roles, code: error.code, reason: error.message, foldedWithinMinutes: REFUSAL_FOLD_MINUTES },
        });
      });
    } catch (logError) {
      // The refusal is answered whatever happens to its log line; a lost line is reported to the operators.
      ctx.log(`[api] could not log an administrator's refusal: ${String(logError)}`);
    }
    next(error);
  };
}
