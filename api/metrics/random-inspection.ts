// GET /api/metrics/random-inspection: the double-random KPIs (docs/kpis.md) over the plans drawn in a period, with
// each plan's own figures. For district leaders, auditors, admins and the plans' owners.
import { Router } from 'express';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inspectionResults, instances, randomDraws } from '../../db/schema';
import { endOfDay, startOfDay } from '../../domain/calendar/shanghai-day';
import { requireRole } from '../auth/middleware';
import { badRequest, parseOr400 } from '../errors';
import type { AppContext } from '../context';
import { computeRandomInspectionKpis } from './random-inspection-kpis';

const DAY_MS = 86_400_000;

export const randomInspectionKpiQuerySchema = z.object({
  from: z.string().date().optional().describe('first Asia/Shanghai day of the draws counted (default: 90 days before to)'),
  to: z.string().date().optional().describe('last Asia/Shanghai day of the draws counted (default: today)'),
}).strict();

export const READS_RANDOM_KPIS = ['district_leader', 'auditor', 'admin', 'agency_head', 'platform_operator'] as const;

export function randomInspectionMetricsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/random-inspection', async (req, res) => {
    requireRole(res, READS_RANDOM_KPIS, 'reading the double-random KPIs');
    const q = parseOr400(randomInspectionKpiQuerySchema, req.query);
    const now = await ctx.clock.now();
    const to = q.to ? endOfDay(q.to) : new Date(now.getTime() + 1);
    const from = q.from ? startOfDay(q.from) : new Date(to.getTime() - 90 * DAY_MS);
    if (from >= to) throw badRequest('the range is empty', [{ path: 'from', message: 'must be on or before to' }]);
    const plans = await ctx.db.select({
      instanceId: randomDraws.instanceId, title: instances.title, drawnAt: randomDraws.drawnAt,
      drawn: sql<number>`jsonb_array_length(${randomDraws.result}->'subjects')::int`,
    }).from(randomDraws).innerJoin(instances, eq(instances.id, randomDraws.instanceId))
      .where(and(gte(randomDraws.drawnAt, from), lt(randomDraws.drawnAt, to)));
    const results = plans.length === 0 ? [] : await ctx.db.select({
      instanceId: inspectionResults.instanceId, outcome: inspectionResults.outcome, inspectedAt: inspectionResults.inspectedAt,
      publishBy: inspectionResults.publishBy, publishedAt: inspectionResults.publishedAt,
    }).from(inspectionResults).where(inArray(inspectionResults.instanceId, plans.map((p) => p.instanceId)));
    res.json({ from: from.toISOString(), to: to.toISOString(), ...computeRandomInspectionKpis(plans, results, now) });
  });
  return router;
}
