// One clerk's action on a task: early checks against the inbox row, then the workflow's completion Update.
// Failures the validator reports come back as typed ApplicationFailures and map to 400/403/409.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType, type ErrorDetail } from '../../domain/errors';
import { stepOf } from '../../domain/processes';
import type { StepContract } from '../../domain/process-contract';
import { actsOnBehalf, partyConsentSchema, splitConsent } from '../../domain/process-contract';
import type { Actor } from '../../domain/actor';
import { taskActionUpdate, type TaskActionResult } from '../../workflows/lib/messages';
import { ApiError, badRequest, conflict, notFound, zodDetails } from '../errors';
import type { AppContext } from '../context';
import { hiddenFromPublic, loadTask, visibilityRefusal } from './load-task';
import { referenceProblems } from './reference-checks';
import { logRefusal, refuse, type Refusal } from './refusals';
import type { TaskRow } from './task-view';
import { claimIdempotencyKey } from '../idempotency';
import { eq } from 'drizzle-orm';
import { tasks } from '../../db/schema';

/**
 * The answer to an action: the task's state, and the tasks the step opened in the same transaction, so a client
 * (a clerk's next screen, a benchmark) acts on the next task without polling the inbox.
 */
export const taskActionResponseSchema = z.object({
  taskId: z.string(),
  status: z.enum(['completed', 'open']),
  next: z.array(z.object({
    taskId: z.string(), stepId: z.string(), name: z.string(), role: z.string(), orgUnitId: z.string(), dueAt: z.string(),
  })),
});
export type TaskActionResponse = z.infer<typeof taskActionResponseSchema>;

/** How long a decision waits for the workflow to accept it before the API answers 503. */
const ACTION_DEADLINE_MS = 15_000;

export async function actOnTask(ctx: AppContext, actor: Actor, taskId: string, action: string, data: Record<string, unknown>, idempotencyKey?: string): Promise<TaskActionResponse> {
  const task = await loadTask(ctx, taskId);
  const step = stepOf(task.processKey, task.stepId);
  const contract = step && Object.hasOwn(step.actions, action) ? step.actions[action] : undefined;
  // Only a real action of the step names the attempt in the audit; anything else a client sent is not worth a key.
  const attempted = contract ? action : '(unknown action)';
  // Someone else's case is, to a member of the public, as if it did not exist (nothing is written on it either).
  if (await hiddenFromPublic(ctx, actor, task)) throw notFound(`no task ${taskId}`);
  const hidden = await visibilityRefusal(ctx, actor, task);
  if (hidden) await refuse(ctx, task, actor, attempted, hidden);
  // A keyed retry of a decision that went through goes on to the Update, which answers with the first result.
  if (task.status !== 'open' && !idempotencyKey) throw conflict(`this task is already ${task.status === 'completed' ? 'completed' : 'closed'}`);
  if (!contract) {
    throw badRequest(`unknown action "${action}"`, [{ path: 'action', message: `must be one of: ${task.actions.join(', ')}` }]);
  }
  const authority = authorityRefusal(actor, task, step);
  if (authority) await refuse(ctx, task, actor, action, authority);
  if (task.assigneeId && task.assigneeId !== actor.id) throw conflict('someone else holds this task');
  // The party's consent to an on-behalf act travels beside the action's fields. Its form is checked here, with the
  // data (the workflow loads no validation library); whether it is there at all the workflow checks, after its
  // separation-of-duties guard, so a clerk's attempt to sign is refused as such, consent or not.
  const onBehalf = step !== undefined && actsOnBehalf(step, actor.roles);
  const { consent, rest } = onBehalf ? splitConsent(data) : { consent: undefined, rest: data };
  const parsed = contract.schema.safeParse(rest, { reportInput: true });
  if (!parsed.success) throw badRequest('invalid action data', zodDetails(parsed.error, ['data']));
  const given = onBehalf && consent !== undefined ? partyConsentSchema.safeParse(consent) : undefined;
  if (given && !given.success) throw badRequest('acting on the party\'s behalf needs their recorded consent', zodDetails(given.error, ['data', 'consent']));
  const problems = await referenceProblems(ctx, task, action, parsed.data);
  if (problems.length > 0) throw badRequest('invalid action data', problems);
  const sent = given?.success ? { ...parsed.data, consent: given.data } : parsed.data;

  // A request repeated with the same Idempotency-Key (by the same clerk, on the same task) gets the same Update id,
  // so a client retrying after a lost answer (a 503 while the worker restarts, a dropped connection) joins the first
  // Update and receives its result, instead of a 409 or a second decision; the same key sent with another decision is
  // refused (422). Without a key every request is its own.
  const claim = idempotencyKey ? await claimIdempotencyKey(ctx, `task:${taskId}`, actor, idempotencyKey, { action, data: sent }) : undefined;

  const deadline = Date.now() + ACTION_DEADLINE_MS;
  const send = (): Promise<TaskActionResult> => ctx.temporal.withDeadline(deadline, () => ctx.temporal.workflow.getHandle(task.instanceId)
    .executeUpdate(taskActionUpdate, { args: [{ taskId, action, data: sent, actor }], updateId: claim && `task-action-${claim.id.slice(0, 32)}` }));
  try {
    // Bounded: with no worker running, an Update waits for one; the clerk gets a 503 (retry with the same
    // Idempotency-Key) rather than a request that hangs.
    const result = await sendWhileRowOpen(ctx, taskId, deadline, send);
    // Cases started before steps were batched answer without `next`.
    return { taskId: result.taskId, status: result.status, next: result.next ?? [] };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const type = error.cause.type as ErrorType;
      const details = (error.cause.details?.[0] ?? []) as ErrorDetail[];
      // The validator decides for good: its 403s (separation of duties, or a role or unit the row did not show yet) are recorded too.
      if (type === ErrorType.SeparationOfDuties) await logRefusal(ctx, task, actor, action, { rule: 'separationOfDuties', reason: error.cause.message });
      if (type === ErrorType.Forbidden) await logRefusal(ctx, task, actor, action, { rule: details[0]?.path === 'actor.roles' ? 'role' : 'orgUnit', reason: error.cause.message });
      if (Object.values(ErrorType).includes(type)) throw new ApiError(type, error.cause.message, details);
    }
    if (error instanceof WorkflowNotFoundError) throw conflict('this case is no longer running');
    throw error;
  }
}

/** The validator's refusal of a task the workflow does not hold (yet, or any more). */
const NOT_CURRENT = 'this task is no longer current';

function refusedAsNotCurrent(error: unknown): boolean {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure
    && error.cause.type === ErrorType.Conflict && error.cause.message === NOT_CURRENT;
}

/**
 * Sends the Update, and sends it again while the workflow refuses the task as not current but its inbox row is still
 * open, until the action's deadline. The row and the workflow's state move in one step, but after a worker dies with
 * the step committed and its workflow task not, the next worker can receive this Update in the same activation as the
 * retried decision that opens the task, and judge it before that decision ran: a 409 for a task the clerk can see.
 * A moment later the workflow holds the task. A refusal the validator gave for good is not retried (rejected Updates
 * leave no trace in the history), and a task that did move on closes its row, which ends the loop with the 409.
 */
async function sendWhileRowOpen(ctx: AppContext, taskId: string, deadline: number, send: () => Promise<TaskActionResult>): Promise<TaskActionResult> {
  for (let pause = 50; ; pause = Math.min(pause * 2, 800)) {
    try {
      return await send();
    } catch (error) {
      if (!refusedAsNotCurrent(error) || Date.now() + pause >= deadline) throw error;
      const [row] = await ctx.db.select({ status: tasks.status }).from(tasks).where(eq(tasks.id, taskId));
      if (row?.status !== 'open') throw error;
      await new Promise((resolve) => { setTimeout(resolve, pause); });
    }
  }
}

/** Why the actor may not act on the step: neither its role nor an on-behalf role, or a unit outside their scope. */
export function authorityRefusal(actor: Actor, task: TaskRow, step: StepContract | undefined): Refusal | null {
  const roles = [task.role, ...(step?.onBehalfRoles ?? [])];
  if (!roles.some((r) => actor.roles.includes(r as never))) return { rule: 'role', reason: `this step needs the role ${task.role}` };
  if (!actor.scopeOrgUnitIds.includes(task.orgUnitId)) return { rule: 'orgUnit', reason: 'this task belongs to another org unit' };
  return null;
}
