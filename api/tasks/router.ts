// Tasks: the inbox (mine / available / all, keyset-paged by due time), claim, and actions. An action is
// checked here for a quick answer, then sent to the workflow as an Update whose validator decides for good.
import { Router } from 'express';
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { tasks } from '../../db/schema';
import { unionAll } from 'drizzle-orm/pg-core';
import { appendAudit } from '../../db/audit-log';
import { actorOf } from '../auth/middleware';
import { conflict, notFound, parseOr400 } from '../errors';
import { decodeCursor, encodeCursor, limitSchema } from '../pagination';
import type { AppContext } from '../context';
import type { Db } from '../../db/client';
import type { Actor } from '../../domain/actor';
import { candidateTasks, portalOnly, portalTasks, readsAll, taskView } from './task-view';
import { actOnTask } from './act-on-task';
import { taskUsers, userNames } from './user-names';
import { idempotencyKeySchema } from '../idempotency';
import { actionForms } from './action-forms';
import { loadTask, loadVisibleTask, visibilityRefusal, hiddenFromPublic } from './load-task';
import { refuse } from './refusals';
import { PENALTY_KEY, PenaltyStep } from '../../domain/processes/inspection-penalty';
import { caseFileOf } from '../instances/case-file';
import { stepOf } from '../../domain/processes';
import { actsOnBehalf } from '../../domain/process-contract';

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

export type TaskQuery = z.infer<typeof taskQuerySchema>;

/** Above this many (role, unit) pools an "available" page falls back to one query over all of them. */
const MAX_MERGED_POOLS = 64;

/**
 * The inbox page query for an actor: open (or other status) tasks in the scope, by due time then id, one row
 * more than the limit. The cursor is a row comparison, which PostgreSQL uses as an index condition on
 * (…, due_at, id), so every page is one index scan however deep (bench/inbox-at-scale.ts checks the plan).
 * A clerk whose "available" scope spans several pools (a community and its grids, a street) gets one such scan
 * per (role, unit) pool, each stopping after a page, merged by due time: the work is pools × page size, not the
 * size of the pools.
 */
export function taskListQuery(db: Db, actor: Actor, q: TaskQuery) {
  const common: SQL[] = [eq(tasks.status, q.status)];
  if (q.processKey) common.push(eq(tasks.processKey, q.processKey));
  if (q.instanceId) common.push(eq(tasks.instanceId, q.instanceId));
  if (portalOnly(actor)) common.push(portalTasks(actor));
  const reserved = q.scope === 'mine' ? undefined : candidateTasks(actor);
  if (reserved) common.push(reserved);
  const cursor = decodeCursor(q.cursor);
  if (cursor) common.push(sql`(${tasks.dueAt}, ${tasks.id}) > (${cursor.t.toISOString()}::timestamptz, ${cursor.id})`);
  const page = (where: SQL[]) => db.select().from(tasks).where(and(...common, ...where)).orderBy(asc(tasks.dueAt), asc(tasks.id)).limit(q.limit + 1);

  if (q.scope === 'available') {
    const pools = actor.roles.flatMap((role) => actor.scopeOrgUnitIds.map((unit) => [role, unit] as const));
    if (pools.length > 1 && pools.length <= MAX_MERGED_POOLS) {
      const [first, second, ...rest] = pools.map(([role, unit]) => page([isNull(tasks.assigneeId), eq(tasks.role, role), eq(tasks.orgUnitId, unit)]));
      return unionAll(first, second, ...rest).orderBy(asc(tasks.dueAt), asc(tasks.id)).limit(q.limit + 1);
    }
    return page([isNull(tasks.assigneeId), inArray(tasks.role, actor.roles), inArray(tasks.orgUnitId, actor.scopeOrgUnitIds)]);
  }
  if (q.scope === 'mine') return page([eq(tasks.assigneeId, actor.id)]);
  return page(readsAll(actor) ? [] : [inArray(tasks.orgUnitId, actor.scopeOrgUnitIds)]);
}


export function tasksRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = actorOf(res);
    const q = parseOr400(taskQuerySchema, req.query);
    const rows = await taskListQuery(ctx.db, actor, q);
    const now = await ctx.clock.now();
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const names = await userNames(ctx.db, taskUsers(page));
    res.json({
      items: page.map((r) => taskView(r, now, names)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.dueAt.toISOString(), id: last.id }) : null,
    });
  });

  router.get('/counts', async (_req, res) => {
    const actor = actorOf(res);
    const now = await ctx.clock.now();
    const [counts] = await ctx.db.select({
      mine: sql<number>`count(*) filter (where ${tasks.assigneeId} = ${actor.id})::int`,
      available: sql<number>`count(*) filter (where ${tasks.assigneeId} is null and ${inArray(tasks.role, actor.roles)} and ${inArray(tasks.orgUnitId, actor.scopeOrgUnitIds)}${portalOnly(actor) ? sql` and ${portalTasks(actor)}` : sql``}${candidateTasks(actor) ? sql` and ${candidateTasks(actor)}` : sql``})::int`,
      overdue: sql<number>`count(*) filter (where ${tasks.assigneeId} = ${actor.id} and ${tasks.dueAt} < ${now})::int`,
    }).from(tasks).where(eq(tasks.status, 'open'));
    res.json(counts);
  });

  router.get('/:taskId', async (req, res) => {
    const actor = actorOf(res);
    const row = await loadVisibleTask(ctx, actor, req.params.taskId);
    const now = await ctx.clock.now();
    // A penalty task shows the 90-day clock, and the enforcement task what is owed today, both from the case file.
    const context = row.processKey === PENALTY_KEY && row.status === 'open' ? await penaltyContext(ctx.db, row.instanceId, row.stepId, now) : {};
    const step = stepOf(row.processKey, row.stepId);
    const onBehalf = step !== undefined && actsOnBehalf(step, actor.roles);
    const names = await userNames(ctx.db, taskUsers([row]));
    res.json({ ...taskView(row, now, names), forms: row.status === 'open' ? actionForms(row.processKey, row.stepId, onBehalf) : [], context });
  });

  router.post('/:taskId/claim', async (req, res) => {
    const actor = actorOf(res);
    const row = await loadTask(ctx, req.params.taskId);
    if (await hiddenFromPublic(ctx, actor, row)) throw notFound(`no task ${req.params.taskId}`);
    const hidden = await visibilityRefusal(ctx, actor, row);
    if (hidden) await refuse(ctx, row, actor, 'claim', hidden);
    if (row.status !== 'open') throw conflict('this task is no longer open');
    if (!actor.roles.includes(row.role as never)) await refuse(ctx, row, actor, 'claim', { rule: 'role', reason: `this task needs the role ${row.role} in its org unit` });
    if (!actor.scopeOrgUnitIds.includes(row.orgUnitId)) await refuse(ctx, row, actor, 'claim', { rule: 'orgUnit', reason: `this task needs the role ${row.role} in its org unit` });
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
    res.json(taskView(claimed, await ctx.clock.now(), new Map([[actor.id, actor.name]])));
  });

  router.post('/:taskId/actions', async (req, res) => {
    const body = parseOr400(taskActionBodySchema, req.body);
    const idempotencyKey = parseOr400(idempotencyKeySchema, req.get('idempotency-key'), ['Idempotency-Key']);
    const result = await actOnTask(ctx, actorOf(res), req.params.taskId, body.action, body.data, idempotencyKey);
    res.json(result);
  });

  return router;
}

async function penaltyContext(db: Db, instanceId: string, stepId: string, now: Date) {
  const facts = await caseFileOf(db, instanceId, now);
  if (facts?.kind !== 'inspection-penalty') return {};
  const payment = stepId === PenaltyStep.Enforce ? facts.payment : null;
  return { ...(facts.clock && !facts.clock.finishedAt ? { clock: facts.clock } : {}), ...(payment ? { payment } : {}) };
}
