// Reads one task for an actor: 404 when it does not exist, 403 when it belongs to an org unit they cannot see.
import { and, eq } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import type { Actor } from '../../domain/actor';
import { forbidden, notFound } from '../errors';
import type { AppContext } from '../context';
import { canSeeTask, portalOnly, portalTasks, type TaskRow } from './task-view';

export async function loadVisibleTask(ctx: AppContext, actor: Actor, taskId: string): Promise<TaskRow> {
  const [task] = await ctx.db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task) throw notFound(`no task ${taskId}`);
  if (!canSeeTask(actor, task)) throw forbidden('this task belongs to another org unit');
  if (portalOnly(actor) && task.assigneeId !== actor.id) {
    const [own] = await ctx.db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.id, task.id), portalTasks(actor)));
    if (!own) throw forbidden('this task belongs to another applicant\'s case');
  }
  return task;
}
