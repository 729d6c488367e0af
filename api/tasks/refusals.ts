// Every refused attempt to act on a task is part of its case's record (ARCHITECTURE principle 7): a 403 for the
// wrong role, a task of another unit or another applicant's case — found by the API before the workflow — and a
// separation-of-duties refusal from the workflow's Update validator are each appended to the instance's audit chain
// as a `refused` event with who tried what, and why.
//
// Folding: the chain is append-only, so repeats cannot be counted on the first event. Instead the event key names
// the task, the actor, the attempted action and a window of REFUSAL_FOLD_MINUTES of the clock: repeating the same
// attempt within the window appends nothing more (the first event stands for the burst, and says so in
// `data.foldedWithinMinutes`); the same attempt in a later window is a new event. A clerk hammering a button
// leaves one line, and someone trying for an hour leaves one line per window.
import { appendAudit } from '../../db/audit-log';
import type { Actor } from '../../domain/actor';
import { forbidden } from '../errors';
import type { AppContext } from '../context';
import type { TaskRow } from './task-view';

export const REFUSAL_FOLD_MINUTES = 10;

/**
 * Why a 403 was given: a role the step does not take, a unit or case outside the actor's scope, 查处分离, or a task
 * reserved for named candidates (the drawn inspectors) the actor is not one of.
 */
export type RefusalRule = 'role' | 'orgUnit' | 'ownCase' | 'separationOfDuties' | 'candidates';

export interface Refusal {
  rule: RefusalRule;
  reason: string;
}

/** Appends the refusal to the case's audit chain, folded with identical attempts in the same window. */
export async function logRefusal(ctx: AppContext, task: TaskRow, actor: Actor, attemptedAction: string, refusal: Refusal): Promise<void> {
  const at = await ctx.clock.now();
  const window = Math.floor(at.getTime() / (REFUSAL_FOLD_MINUTES * 60_000));
  await ctx.db.transaction((tx) => appendAudit(tx, {
    instanceId: task.instanceId, eventKey: `${task.id}:refused:${actor.id}:${attemptedAction}:${window}`, at,
    actor: { id: actor.id, name: actor.name, role: actor.roles.join(','), orgUnitId: actor.orgUnitId },
    stepId: task.stepId, action: 'refused',
    data: { taskId: task.id, attemptedAction, rule: refusal.rule, reason: refusal.reason, foldedWithinMinutes: REFUSAL_FOLD_MINUTES },
  }));
}

/** Records the refusal, then answers 403 with its reason. */
export async function refuse(ctx: AppContext, task: TaskRow, actor: Actor, attemptedAction: string, refusal: Refusal): Promise<never> {
  await logRefusal(ctx, task, actor, attemptedAction, refusal);
  throw forbidden(refusal.reason);
}
