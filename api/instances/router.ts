// Instances: search, detail with current and completed steps, the audit trail and its chain verification.
import { Router } from 'express';
import { and, asc, desc, eq, exists, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { instances, tasks } from '../../db/schema';
import { actorOf as auditActorOf, readAudit } from '../../db/audit-log';
import { verifyInstance } from '../../audit/verify-instance';
import { auditVerificationSchema } from './audit-verification';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import type { Actor } from '../../domain/actor';
import { actorOf } from '../auth/middleware';
import { notFound, parseOr400 } from '../errors';
import { decodeCursor, encodeCursor, limitSchema } from '../pagination';
import { portalOnly, readsAll } from '../tasks/task-view';
import { caseRedaction } from './privacy';
import { waitingOf } from './waiting';
import { factsView, storedFactsOf } from './case-file';
import { userNames } from '../tasks/user-names';
import { hotlineFacts } from './hotline-facts';
import type { AppContext } from '../context';
import { contractOf } from '../../domain/processes';
import { WHISTLE_KEY } from '../../domain/processes/whistle-escalation';
import { replayInstances } from '../conformance/conformance';
import { endOfDay, startOfDay } from '../../domain/calendar/shanghai-day';

export const instanceQuerySchema = z.object({
  processKey: z.string().max(100).optional(),
  status: z.enum(['running', 'closed', 'rejected', 'revoked', 'cancelled']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
  orgUnitId: z.string().max(100).optional(),
  /** Started on or after this day (Asia/Shanghai), and before the end of `to`. */
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  cursor: z.string().max(500).optional(),
  limit: limitSchema,
});

type InstanceRow = typeof instances.$inferSelect;

/**
 * The cases an actor may read: every case for district-wide readers; for a member of the public, the cases bound to them;
 * otherwise the cases whose org path, or one of whose tasks (a department the case was dispatched to), is in scope.
 */
function scopeFilter(actor: Actor): SQL | undefined {
  if (readsAll(actor)) return undefined;
  if (portalOnly(actor)) return eq(instances.partyAccountId, actor.id);
  const ids = actor.scopeOrgUnitIds.length > 0 ? actor.scopeOrgUnitIds : [''];
  const units = sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::text[]`;
  return sql`(jsonb_exists_any(${instances.orgPath}, ${units})
    or exists (select 1 from ${tasks} where ${tasks.instanceId} = ${instances.id} and ${tasks.orgUnitId} = any(${units})))`;
}

/** The actor handles the case: they hold the role of one of its tasks, in that task's unit (who may see a 12345 caller). */
function handlesCase(actor: Actor, caseTasks: ReadonlyArray<{ role: string; orgUnitId: string }>): boolean {
  return caseTasks.some((t) => actor.roles.includes(t.role as Actor['roles'][number]) && actor.scopeOrgUnitIds.includes(t.orgUnitId));
}

async function loadVisible(ctx: AppContext, actor: Actor, id: string): Promise<InstanceRow> {
  const [row] = await ctx.db.select().from(instances).where(and(eq(instances.id, id), scopeFilter(actor)));
  if (!row) throw notFound(`no instance ${id}`);
  return row;
}

export function instancesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = actorOf(res);
    const q = parseOr400(instanceQuerySchema, req.query);
    const now = await ctx.clock.now();
    const where: (SQL | undefined)[] = [scopeFilter(actor)];
    if (q.processKey) where.push(eq(instances.processKey, q.processKey));
    if (q.status) where.push(eq(instances.status, q.status));
    if (q.orgUnitId) where.push(sql`jsonb_exists(${instances.orgPath}, ${q.orgUnitId})`);
    if (q.from) where.push(gte(instances.startedAt, startOfDay(q.from)));
    if (q.to) where.push(lt(instances.startedAt, endOfDay(q.to)));
    if (q.q) where.push(or(ilike(instances.title, `%${q.q.replace(/[\\%_]/g, '\\$&')}%`), eq(instances.id, q.q)));
    const overdueTask = exists(ctx.db.select({ one: sql`1` }).from(tasks)
      .where(and(eq(tasks.instanceId, instances.id), eq(tasks.status, 'open'), lt(tasks.dueAt, now))));
    if (q.overdue === 'true') where.push(overdueTask);
    if (q.overdue === 'false') where.push(sql`not ${overdueTask}`);
    const cursor = decodeCursor(q.cursor);
    if (cursor) where.push(or(lt(instances.startedAt, cursor.t), and(eq(instances.startedAt, cursor.t), lt(instances.id, cursor.id))));
    const rows = await ctx.db.select().from(instances).where(and(...where))
      .orderBy(desc(instances.startedAt), desc(instances.id)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const open = page.length === 0 ? [] : await ctx.db.select({ instanceId: tasks.instanceId, stepId: tasks.stepId, dueAt: tasks.dueAt })
      .from(tasks).where(and(eq(tasks.status, 'open'), inArray(tasks.instanceId, page.map((p) => p.id))));
    const last = page[page.length - 1];
    res.json({
      items: page.map((row) => {
        const current = open.filter((t) => t.instanceId === row.id);
        return {
          instanceId: row.id, processKey: row.processKey, title: row.title, status: row.status,
          startedAt: toShanghaiIso(row.startedAt), closedAt: row.closedAt ? toShanghaiIso(row.closedAt) : null,
          currentSteps: current.map((t) => t.stepId), overdue: current.some((t) => t.dueAt < now),
        };
      }),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.startedAt.toISOString(), id: last.id }) : null,
    });
  });

  router.get('/:id', async (req, res) => {
    const row = await loadVisible(ctx, actorOf(res), req.params.id);
    const now = await ctx.clock.now();
    const all = await ctx.db.select().from(tasks).where(eq(tasks.instanceId, row.id)).orderBy(asc(tasks.createdAt), asc(tasks.id));
    const completedSteps: string[] = [];
    for (const t of all) if (t.status !== 'open' && !completedSteps.includes(t.stepId)) completedSteps.push(t.stepId);
    const open = all.filter((t) => t.status === 'open');
    const facts = factsView(await storedFactsOf(ctx.db, row), now);
    const names = await userNames(ctx.db, open.map((t) => t.assigneeId));
    const hotline = await hotlineFacts(ctx.db, row.processKey, row.id);
    res.json({
      instanceId: row.id, processKey: row.processKey, processVersion: row.processVersion, title: row.title, status: row.status,
      input: caseRedaction(actorOf(res), row, handlesCase(actorOf(res), all)).input(row.input), orgUnitId: row.orgUnitId,
      currentSteps: open.map((t) => ({
        stepId: t.stepId, taskId: t.id, name: t.name, orgUnitId: t.orgUnitId, assigneeId: t.assigneeId,
        assigneeName: t.assigneeId ? names.get(t.assigneeId) ?? null : null,
        dueAt: toShanghaiIso(t.dueAt), overdue: t.dueAt < now,
      })),
      completedSteps,
      waiting: row.status === 'running' ? await waitingOf(ctx.db, row.processKey, all, now) : [],
      startedAt: toShanghaiIso(row.startedAt), closedAt: row.closedAt ? toShanghaiIso(row.closedAt) : null,
      outcome: row.outcome,
      clock: row.status === 'running' && facts?.kind === 'inspection-penalty' && !facts.clockFinishedAt ? facts.clock : null,
      // A 12345 order's case file lives in its own tables; a whistle case filed for an order names the order.
      facts: facts ? { ...facts, ...hotline } : row.processKey === WHISTLE_KEY ? null : hotline,
    });
  });

  router.get('/:id/audit', async (req, res) => {
    const actor = actorOf(res);
    const row = await loadVisible(ctx, actor, req.params.id);
    const events = await readAudit(ctx.db, row.id);
    const caseTasks = await ctx.db.select({ role: tasks.role, orgUnitId: tasks.orgUnitId }).from(tasks).where(eq(tasks.instanceId, row.id));
    const redact = caseRedaction(actor, row, handlesCase(actor, caseTasks));
    res.json({
      events: events.map((e) => ({
        seq: e.seq, at: toShanghaiIso(e.at), actor: auditActorOf(e), stepId: e.stepId, action: e.action,
        data: redact.data(e.data, e.action),
        prevHash: e.prevHash, hash: e.hash,
      })),
    });
  });

  router.get('/:id/conformance', async (req, res) => {
    const row = await loadVisible(ctx, actorOf(res), req.params.id);
    const contract = contractOf(row.processKey);
    if (!contract) throw notFound(`no process ${row.processKey}`);
    const [result] = await replayInstances(ctx.db, contract, [row.id]);
    res.json(result ?? { instanceId: row.id, fitness: 1, moves: [], deviations: [] });
  });

  router.get('/:id/audit/verify', async (req, res) => {
    const row = await loadVisible(ctx, actorOf(res), req.params.id);
    const checkpoint = (await ctx.checkpoints?.latest()) ?? null;
    const answer: z.infer<typeof auditVerificationSchema> = await verifyInstance(ctx.db, row.id, checkpoint, await ctx.clock.now());
    res.json(answer);
  });

  return router;
}
