// Tasks: the inbox (mine / available / all, keyset-paged by due time), claim, and actions. An action is
// checked here for a quick answer, then sent to the workflow as an Update whose validator decides for good.
import { Router } from 'express';
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { tasks } from '../../db/schema';
import { appendAudit } from '../../db/audit-log';
import { actorOf } from '../auth/middleware';
import { conflict, forbidden, parseOr400 } from '../errors';
import { decodeCursor, encodeCursor, limitSchema } from '../pagination';
import type { AppContext } from '../context';
import { readsAll, taskView } from './task-view';
import { actOnTask } from './act-on-task';
import { actionForms } from './action-forms';
import { loadVisibleTask } from './load-task';

export const taskQuerySchema = z.object({
  scope: z.enum(['mine', 'available', 'all']).default('all'),
  status: z.enum(['open', 'completed', 'timedOut', 'cancelled']).default('open'),
  processKey: z.string().max(100).optional(),
  instanceId: z.string().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: limitSchema,
});

export const taskActionBodySchema = z.object({
  action: z.string().min(1).max(100),
  data: z.record(z.string(), z.unknown()).default({}),
}).strict();

export function tasksRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = actorOf(res);
    const q = parseOr400(taskQuerySchema, req.query);
    const where: SQL[] = [eq(tasks.status, q.status)];
    if (q.scope === 'mine') where.push(eq(tasks.assigneeId, actor.id));
    if (q.scope === 'available') {
      where.push(isNull(tasks.assigneeId), inArray(tasks.role, actor.roles), inArray(tasks.orgUnitId, actor.scopeOrgUnitIds));
    }
    if (q.scope === 'all' && !readsAll(actor)) where.push(inArray(tasks.orgUnitId, actor.scopeOrgUnitIds));
    if (q.processKey) where.push(eq(tasks.processKey, q.processKey));
    if (q.instanceId) where.push(eq(tasks.instanceId, q.instanceId));
    const cursor = decodeCursor(q.cursor);
    if (cursor) where.push(or(gt(tasks.dueAt, cursor.t), and(eq(tasks.dueAt, cursor.t), gt(tasks.id, cursor.id)))!);
    const rows = await ctx.db.select().from(tasks).where(and(...where)).orderBy(asc(tasks.dueAt), asc(tasks.id)).limit(q.limit + 1);
    const now = await ctx.clock.now();
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    res.json({
      items: page.map((r) => taskView(r, now)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.dueAt.toISOString(), id: last.id }) : null,
    });
  });

  router.get('/counts', async (_req, res) => {
    const actor = actorOf(res);
    const now = await ctx.clock.now();
    const [counts] = await ctx.db.select({
      mine: sql<number>`count(*) filter (where ${tasks.assigneeId} = ${actor.id})::int`,
      available: sql<number>`count(*) filter (where ${tasks.assigneeId} is null and ${inArray(tasks.role, actor.roles)} and ${inArray(tasks.orgUnitId, actor.scopeOrgUnitIds)})::int`,
      overdue: sql<number>`count(*) filter (where ${tasks.assigneeId} = ${actor.id} and ${tasks.dueAt} < ${now})::int`,
    }).from(tasks).where(eq(tasks.status, 'open'));
    res.json(counts);
  });

  router.get('/:taskId', async (req, res) => {
    const actor = actorOf(res);
    const row = await loadVisibleTask(ctx, actor, req.params.taskId);
    res.json({ ...taskView(row, await ctx.clock.now()), forms: row.status === 'open' ? actionForms(row.processKey, row.stepId) : [] });
  });

  router.post('/:taskId/claim', async (req, res) => {
    const actor = actorOf(res);
    const row = await loadVisibleTask(ctx, actor, req.params.taskId);
    if (row.status !== 'open') throw conflict('this task is no longer open');
    if (!actor.roles.includes(row.role as never) || !actor.scopeOrgUnitIds.includes(row.orgUnitId)) {
      throw forbidden(`this task needs the role ${row.role} in its org unit`);
    }
    const claimed = await ctx.db.transaction(async (tx) => {
      const updated = await tx.update(tasks).set({ assigneeId: actor.id })
        .where(and(eq(tasks.id, row.id), eq(tasks.status, 'open'), or(isNull(tasks.assigneeId), eq(tasks.assigneeId, actor.id))))
        .returning();
      if (updated.length === 0) return null;
      if (row.assigneeId !== actor.id) {
        await appendAudit(tx, {
          instanceId: row.instanceId, eventKey: `${row.id}:claim:${actor.id}`, at: await ctx.clock.now(),
          actor: { id: actor.id, name: actor.name, role: row.role, orgUnitId: actor.orgUnitId },
          stepId: row.stepId, action: 'claim', data: { taskId: row.id },
        });
      }
      return updated[0];
    });
    if (!claimed) throw conflict('someone else holds this task');
    res.json(taskView(claimed, await ctx.clock.now()));
  });

  router.post('/:taskId/actions', async (req, res) => {
    const body = parseOr400(taskActionBodySchema, req.body);
    const result = await actOnTask(ctx, actorOf(res), req.params.taskId, body.action, body.data);
    res.json(result);
  });

  return router;
}
