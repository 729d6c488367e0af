// GET /api/instances/:id/draw: a plan's draw as recorded — seed, algorithm, registry hash, the drawn subjects and
// inspectors and every recusal — with the command that re-runs it. For officials; the public sees only results.
import { Router } from 'express';
import { and, eq, sql } from 'drizzle-orm';
import { recordedDraw } from '../../db/random-draws';
import { auditEvents, tasks } from '../../db/schema';
import { RandomStep } from '../../domain/processes/random-inspection';
import { publicOnly } from '../../domain/roles';
import { actorOf } from '../auth/middleware';
import { forbidden, notFound } from '../errors';
import type { AppContext } from '../context';
import { userNames } from '../tasks/user-names';

/** Each drawn subject's inspection task, from the audit events that opened them (the task row has no subject). */
async function inspectionTasks(ctx: AppContext, instanceId: string) {
  const rows = await ctx.db.select({ data: auditEvents.data, status: tasks.status }).from(auditEvents)
    .leftJoin(tasks, sql`${tasks.id} = ${auditEvents.data}->>'taskId'`)
    .where(and(eq(auditEvents.instanceId, instanceId), eq(auditEvents.stepId, RandomStep.Inspect), eq(auditEvents.action, 'open')));
  return rows.map((r) => ({ taskId: String(r.data.taskId), creditCode: String(r.data.creditCode), status: r.status ?? 'open' }));
}

export function drawRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/:id/draw', async (req, res) => {
    if (publicOnly(actorOf(res).roles)) throw forbidden('a draw\'s record is for officials');
    const record = await recordedDraw(ctx.db, req.params.id);
    if (!record) throw notFound(`no draw recorded for ${req.params.id}`);
    const { result } = record;
    const people = [...Object.values(result.inspectors).flat(), ...result.recusals.flatMap((r) => [r.userId, r.replacement])];
    res.json({
      seed: result.seed, algorithm: result.algorithm, registryHash: result.registryHash, drawnAt: record.drawnAt.toISOString(),
      plan: record.plan, registrySize: { subjects: record.snapshot.subjects.length, inspectors: record.snapshot.inspectors.length },
      subjects: result.subjects.map((s) => ({ creditCode: s.creditCode, name: s.name })),
      inspectors: result.inspectors, recusals: result.recusals,
      inspectorNames: Object.fromEntries(await userNames(ctx.db, people)),
      tasks: await inspectionTasks(ctx, req.params.id),
      verifyCommand: `npm run verify:draw -- ${req.params.id}`,
    });
  });
  return router;
}
