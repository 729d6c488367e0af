// Reads one task for an actor: 404 when it does not exist, 403 when it belongs to an org unit they cannot see or,
// for a member of the public, to another applicant's case.
import { and, eq } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import type { Actor } from '../../domain/actor';
import { forbidden, notFound } from '../errors';
import type { AppContext } from '../context';
import type { Refusal } from './refusals';
import { canSeeTask, portalOnly, portalTasks, type TaskRow } from './task-view';

export async function loadTask(ctx: AppContext, taskId: string): Promise<TaskRow> {
  const [task] = await ctx.db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task) throw notFound(`no task ${taskId}`);
  return task;
}

/** Why the actor may not see the task, or null when they may. */
export async function visibilityRefusal(ctx: AppContext, actor: Actor, task: TaskRow): Promise<Refusal | null> {
  if (!canSeeTask(actor, task)) return { rule: 'orgUnit', reason: 'this task belongs to another org unit' };
  if (portalOnly(actor) && task.assigneeId !== actor.id) {
    const [own] = await ctx.db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.id, task.id), portalTasks(actor)));
    if (!own) return { rule: 'ownCase', reason: 'this task belongs to another applicant\'s case' };
  }
  return null;
}

export async function loadVisibleTask(ctx: AppContext, actor: Actor, taskId: string): Promise<TaskRow> {
  const task = await loadTask(ctx, taskId);
  const refusal = await visibilityRefusal(ctx, actor, task);
  if (refusal) throw forbidden(refusal.reason);
  return task;
}
