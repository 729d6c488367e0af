// One clerk's action on a task: early checks against the inbox row, then the workflow's completion Update.
// Failures the validator reports come back as typed ApplicationFailures and map to 400/403/409.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType, type ErrorDetail } from '../../domain/errors';
import { contractOf } from '../../domain/processes';
import type { Actor } from '../../domain/actor';
import { taskActionUpdate, type TaskActionResult } from '../../workflows/lib/messages';
import { ApiError, badRequest, conflict, forbidden, zodDetails } from '../errors';
import type { AppContext } from '../context';
import { loadVisibleTask } from './load-task';
import { referenceProblems } from './reference-checks';
import { logRefusal } from './refusals';

export async function actOnTask(ctx: AppContext, actor: Actor, taskId: string, action: string, data: Record<string, unknown>): Promise<TaskActionResult> {
  const task = await loadVisibleTask(ctx, actor, taskId);
  if (task.status !== 'open') throw conflict(`this task is already ${task.status === 'completed' ? 'completed' : 'closed'}`);
  const step = contractOf(task.processKey)?.steps[task.stepId];
  const contract = step && Object.hasOwn(step.actions, action) ? step.actions[action] : undefined;
  if (!contract) {
    throw badRequest(`unknown action "${action}"`, [{ path: 'action', message: `must be one of: ${task.actions.join(', ')}` }]);
  }
  const roles = [task.role, ...(step?.onBehalfRoles ?? [])];
  if (!roles.some((r) => actor.roles.includes(r as never))) throw forbidden(`this step needs the role ${task.role}`);
  if (!actor.scopeOrgUnitIds.includes(task.orgUnitId)) throw forbidden('this task belongs to another org unit');
  if (task.assigneeId && task.assigneeId !== actor.id) throw conflict('someone else holds this task');
  const parsed = contract.schema.safeParse(data);
  if (!parsed.success) throw badRequest('invalid action data', zodDetails(parsed.error, ['data']));
  const problems = await referenceProblems(ctx, task, action, parsed.data);
  if (problems.length > 0) throw badRequest('invalid action data', problems);

  try {
    return await ctx.temporal.workflow.getHandle(task.instanceId)
      .executeUpdate(taskActionUpdate, { args: [{ taskId, action, data: parsed.data, actor }] });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const type = error.cause.type as ErrorType;
      const details = (error.cause.details?.[0] ?? []) as ErrorDetail[];
      if (type === ErrorType.SeparationOfDuties) await logRefusal(ctx, task, actor, action, error.cause.message);
      if (Object.values(ErrorType).includes(type)) throw new ApiError(type, error.cause.message, details);
    }
    if (error instanceof WorkflowNotFoundError) throw conflict('this case is no longer running');
    throw error;
  }
}
