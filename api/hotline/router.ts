// The 12345 centre's workspace: its queues (calls to classify and dispatch, dispatch objections to rule on, return
// visits to pay), urgent orders first, then by due time; and the dispatch catalog's suggestion for the intake form.
// The caller is shown in full to the centre and auditors (api/instances/privacy.ts).
import { Router } from 'express';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, hotlineOrders, instances, tasks } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { HOTLINE_KEY, HotlineStep } from '../../domain/processes/hotline-order';
import { requireRole } from '../auth/middleware';
import { parseOr400 } from '../errors';
import { redactInput } from '../instances/privacy';
import { readsAll } from '../tasks/task-view';
import type { AppContext } from '../context';
import { centreDistrict, suggestDispatch } from './dispatch';

export const dispatchSuggestionQuerySchema = z.object({
  category: z.string().min(1).max(64),
  gridCode: z.string().min(1).max(64).optional(),
});

const QUEUE_STEPS = { intake: HotlineStep.Intake, objections: HotlineStep.RuleObjection, returnVisits: HotlineStep.ReturnVisit } as const;

const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function hotlineRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/queues', async (_req, res) => {
    const actor = requireRole(res, ['hotline_operator', 'auditor'], 'reading the 12345 centre\'s queues');
    const where: SQL[] = [eq(tasks.processKey, HOTLINE_KEY), eq(tasks.status, 'open'), inArray(tasks.stepId, Object.values(QUEUE_STEPS))];
    if (!readsAll(actor)) where.push(inArray(tasks.orgUnitId, actor.scopeOrgUnitIds));
    const rows = await ctx.db.select({ task: tasks, instance: instances, order: hotlineOrders, opened: auditEvents.data })
      .from(tasks)
      .innerJoin(instances, eq(instances.id, tasks.instanceId))
      .leftJoin(hotlineOrders, eq(hotlineOrders.instanceId, tasks.instanceId))
      .leftJoin(auditEvents, and(eq(auditEvents.instanceId, tasks.instanceId), eq(auditEvents.eventKey, sql`${tasks.id} || ':open'`)))
      .where(and(...where))
      .orderBy(desc(sql`coalesce(${hotlineOrders.urgent}, false)`), asc(tasks.dueAt), asc(tasks.id))
      .limit(600);
    const now = await ctx.clock.now();
    await ctx.orgTree.refresh();
    const unitName = (id: string | null) => (id ? ctx.orgTree.get(id)?.name ?? id : null);
    const items = rows.map(({ task, instance, order, opened }) => {
      const input = redactInput(instance.input, actor);
      const context = opened ?? {};
      const caller = input.caller as { name?: unknown; phone?: unknown } | undefined;
      const unitId = str(context.unitId) ?? order?.unitId ?? null;
      const suggestedUnitId = str(context.suggestedUnitId);
      return {
        taskId: task.id, instanceId: task.instanceId, stepId: task.stepId, title: instance.title,
        createdAt: toShanghaiIso(task.createdAt), dueAt: toShanghaiIso(task.dueAt), overdue: task.parkedAt === null && task.dueAt < now,
        urgent: order?.urgent ?? false, kind: order?.kind ?? str(input.kind) ?? '', category: order?.category ?? str(input.category) ?? '',
        caller: { name: String(caller?.name ?? ''), phone: String(caller?.phone ?? '') },
        content: String(input.content ?? ''), location: str(input.location), gridCode: str(input.gridCode),
        suggestedUnitId, suggestedUnitName: unitName(suggestedUnitId),
        unitId, unitName: unitName(unitId),
        objection: task.stepId === HotlineStep.RuleObjection ? str(context.reason) : null,
        reported: typeof context.reported === 'boolean' ? context.reported : null,
        result: str(context.result),
        linkedCaseId: str(context.linkedCaseId) ?? order?.linkedCaseId ?? null,
        reopened: order?.reopened ?? false,
      };
    });
    const of = (stepId: string) => items.filter((i) => i.stepId === stepId);
    res.json({ intake: of(QUEUE_STEPS.intake), objections: of(QUEUE_STEPS.objections), returnVisits: of(QUEUE_STEPS.returnVisits) });
  });

  router.get('/dispatch-suggestion', async (req, res) => {
    const actor = requireRole(res, ['hotline_operator'], 'asking the dispatch catalog');
    const q = parseOr400(dispatchSuggestionQuerySchema, req.query);
    await ctx.orgTree.refresh();
    const suggestion = await suggestDispatch(ctx, centreDistrict(ctx, actor.orgUnitId), q.category, q.gridCode);
    const unit = ctx.orgTree.get(suggestion.unitId);
    res.json({
      unitId: suggestion.unitId, name: unit?.name ?? suggestion.unitId, kind: unit?.kind ?? null, basis: suggestion.basis,
      complex: suggestion.entry.complex, eventCategory: suggestion.entry.eventCategory,
    });
  });
  return router;
}
