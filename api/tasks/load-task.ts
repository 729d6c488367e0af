// Reads one task for an actor: 404 when it does not exist, or for a member of the public unless the case is bound
// to their account (a stranger learns nothing of it); 403 when it belongs to an org unit they cannot see.
import { and, eq, sql } from 'drizzle-orm';
import { builtOnce } from '../../db/built-once';
import { taskCandidates, tasks } from '../../db/schema';
import type { Actor } from '../../domain/actor';
import { forbidden, notFound } from '../errors';
import type { AppContext } from '../context';
import type { Refusal } from './refusals';
import { canSeeTask, checksCandidates, portalOnly, portalTasks, type TaskRow } from './task-view';

// Every action and task page reads its row first: the statement is built once (db/built-once.ts).
const taskById = builtOnce((db) => db.select().from(tasks).where(eq(tasks.id, sql.placeholder('taskId'))).prepare(''));

export async function loadTask(ctx: AppContext, taskId: string): Promise<TaskRow> {
  const [task] = await taskById(ctx.db).execute({ taskId });
  if (!task) throw notFound(`no task ${taskId}`);
  return task;
}

/** A member of the public sees only the tasks of cases bound to their account; any other is as if it did not exist. */
export async function hiddenFromPublic(ctx: AppContext, actor: Actor, task: TaskRow): Promise<boolean> {
  if (!portalOnly(actor)) return false;
  const [own] = await ctx.db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.id, task.id), portalTasks(actor.id)));
  return !own;
}

/** Why the actor may not see the task, or null when they may: another unit's, or reserved to candidates they are not one of. */
export async function visibilityRefusal(ctx: AppContext, actor: Actor, task: TaskRow): Promise<Refusal | null> {
  if (!canSeeTask(actor, task)) return { rule: 'orgUnit', reason: 'this task belongs to another org unit' };
  if (!checksCandidates(actor) || task.assigneeId === actor.id) return null;
  const candidates = await ctx.db.select({ userId: taskCandidates.userId }).from(taskCandidates).where(eq(taskCandidates.taskId, task.id));
  if (candidates.length > 0 && !candidates.some((c) => c.userId === actor.id)) {
    return { rule: 'candidates', reason: 'only the inspectors drawn for this subject may see or act on this task (双随机)' };
  }
  return null;
}

/** Loads a task the actor may see: 404 unknown or hidden from a member of the public, 403 another unit's. */
export async function loadVisibleTask(ctx: AppContext, actor: Actor, taskId: string): Promise<TaskRow> {
  const task = await loadTask(ctx, taskId);
  if (await hiddenFromPublic(ctx, actor, task)) throw notFound(`no task ${taskId}`);
  const refusal = await visibilityRefusal(ctx, actor, task);
  if (refusal) throw forbidden(refusal.reason);
  return task;
}
