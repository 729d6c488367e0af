// Tasks: the inbox (mine / available / all, keyset-paged by due time), claim, and actions. An action is
// checked here for a quick answer, then sent to the workflow as an Update whose validator decides for good.
import { Router } from 'express';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { tasks } from '../../db/schema';
import { appendAudit } from '../../db/audit-log';
import { actorOf } from '../auth/middleware';
import { conflict, notFound, parseOr400 } from '../errors';
import { encodeCursor } from '../pagination';
import type { AppContext } from '../context';
import type { Db } from '../../db/client';
import { candidateTasks, portalOnly, portalTasks, taskView } from './task-view';
import { inboxPage, taskQuerySchema } from './inbox-query';
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

export const taskActionBodySchema = z.object({
  action: z.string().min(1).max(100),
  data: z.record(z.string(), z.unknown()).default({}),
}).strict();

export function tasksRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = actorOf(res);
    const q = parseOr400(taskQuerySchema, req.query);
    const rows = await inboxPage(ctx.db, actor, q);
    const now = await ctx.clock.now();
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const names = await userNames(ctx.db, taskUsers(page), actor);
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
      available: sql<number>`count(*) filter (where ${tasks.assigneeId} is null and ${inArray(tasks.role, actor.roles)} and ${inArray(tasks.orgUnitId, actor.scopeOrgUnitIds)}${portalOnly(actor) ? sql` and ${portalTasks(actor.id)}` : sql``}${candidateTasks(actor) ? sql` and ${candidateTasks(actor)}` : sql``})::int`,
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
