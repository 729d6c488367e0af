// Reads one task for an actor: 404 when it does not exist, 403 when it belongs to an org unit they cannot see, and
// for a member of the public 404 unless the case is bound to their account (a stranger learns nothing of it).
import { and, eq } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import type { Actor } from '../../domain/actor';
import { forbidden, notFound } from '../errors';
import type { AppContext } from '../context';
import { canSeeTask, portalOnly, portalTasks, type TaskRow } from './task-view';

export async function loadVisibleTask(ctx: AppContext, actor: Actor, taskId: string): Promise<TaskRow> {
  const [task] = await ctx.db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task) throw notFound(`no task ${taskId}`);
  if (portalOnly(actor)) {
    const [own] = await ctx.db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.id, task.id), portalTasks(actor)));
    if (!own) throw notFound(`no task ${taskId}`);
  }
  if (!canSeeTask(actor, task)) throw forbidden('this task belongs to another org unit');
  return task;
}
