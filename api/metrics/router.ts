// GET /api/metrics/kpis: assessment rates for leaders and auditors, per street, department and period.
import { Router, type Response } from 'express';
import { and, asc, eq, gte, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { assessments, hotlineDispatches, hotlineOrders, instances, tasks } from '../../db/schema';
import { WHISTLE_KEY } from '../../domain/processes/whistle-escalation';
import { requireRole } from '../auth/middleware';
import { badRequest, forbidden, parseOr400 } from '../errors';
import { readsAll } from '../tasks/task-view';
import type { AppContext } from '../context';
import { computeKpis, type KpiCase } from './kpis';
import { computeHotlineRates, RATE_NAMES, rateEntries, type RateName, type RateOrder } from './hotline-rates';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { addDays, endOfDay, shanghaiDay, startOfDay } from '../../domain/calendar/shanghai-day';

const DAY_MS = 86_400_000;

export const kpiQuerySchema = z.object({
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  orgUnitId: z.string().max(100).optional(),
  processKey: z.string().max(100).default(WHISTLE_KEY),
});

/** Shanghai calendar day of an instant, or the Monday of its week for long ranges. */
function periodOf(weekly: boolean) {
  return (d: Date) => {
    const day = shanghaiDay(d);
    // Monday of the week: day of week from the day key itself (0 = Sunday).
    return weekly ? addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7)) : day;
  };
}

export const hotlineMetricsQuerySchema = z.object({
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  unitId: z.string().max(100).optional(),
});

export const hotlineDrillDownQuerySchema = hotlineMetricsQuerySchema.extend({
  rate: z.enum(RATE_NAMES as [RateName, ...RateName[]]),
  /** A period of the trend: a day (YYYY-MM-DD), or the Monday of a week for long ranges. */
  period: z.string().date().optional(),
});

/** The range of a metrics query: whole Asia/Shanghai days, the last 30 days by default. */
async function rangeOf(ctx: AppContext, q: { from?: string; to?: string }) {
  const now = await ctx.clock.now();
  const to = q.to ? endOfDay(q.to) : new Date(now.getTime() + 1);
  const from = q.from ? startOfDay(q.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) throw badRequest('the range is empty', [{ path: 'from', message: 'must be before to' }]);
  return { now, from, to, weekly: to.getTime() - from.getTime() > 62 * DAY_MS };
}

/** Who may read which unit's rates, the range, and the orders the range touches (with `unitId`, that unit's part). */
async function loadHotlineOrders<Q extends z.infer<typeof hotlineMetricsQuerySchema>>(ctx: AppContext, res: Response, q: Q) {
  const actor = requireRole(res, ['district_leader', 'auditor', 'admin', 'hotline_operator', 'shift_chief', 'dispatcher'], 'reading the 12345 rates');
  if (!readsAll(actor)) {
    if (q.unitId && !actor.scopeOrgUnitIds.includes(q.unitId)) throw forbidden('the rates of another unit are for district roles');
    if (!actor.roles.includes('hotline_operator')) q.unitId ??= actor.orgUnitId;
  }
  const { now, from, to, weekly } = await rangeOf(ctx, q);
  const touched = or(and(gte(hotlineDispatches.dispatchedAt, from), lt(hotlineDispatches.dispatchedAt, to)),
    and(gte(hotlineOrders.visitedAt, from), lt(hotlineOrders.visitedAt, to)));
  const rows = await ctx.db.select({ order: hotlineOrders, dispatch: hotlineDispatches }).from(hotlineOrders)
    .innerJoin(hotlineDispatches, eq(hotlineDispatches.instanceId, hotlineOrders.instanceId))
    .where(inArray(hotlineOrders.instanceId, ctx.db.select({ id: hotlineOrders.instanceId }).from(hotlineOrders)
      .leftJoin(hotlineDispatches, eq(hotlineDispatches.instanceId, hotlineOrders.instanceId)).where(touched)))
    .orderBy(asc(hotlineOrders.receivedAt), asc(hotlineOrders.instanceId), asc(hotlineDispatches.seq));
  const orders = new Map<string, RateOrder>();
  for (const { order, dispatch } of rows) {
    const o = orders.get(order.instanceId) ?? orders.set(order.instanceId, {
      instanceId: order.instanceId, unitId: q.unitId && order.unitId !== q.unitId ? null : order.unitId,
      visitedAt: order.visitedAt, resolved: order.resolved, satisfaction: order.satisfaction, dispatches: [],
    }).get(order.instanceId)!;
    if (!q.unitId || dispatch.unitId === q.unitId) o.dispatches.push({ ...dispatch, ruling: dispatch.ruling ?? null });
  }
  return { q, orders: [...orders.values()], range: { now, from, to, weekly, periodOf: periodOf(weekly) } };
}

export function metricsRouter(ctx: AppContext): Router {
  const router = Router();
  // 三率 of 12345 orders (docs/kpis.md): district roles and the centre read every unit, a street its own.
  // 三率 of 12345 orders (docs/kpis.md): district roles and the centre read every unit, a street its own.
  router.get('/hotline', async (req, res) => {
    const { q, range, orders } = await loadHotlineOrders(ctx, res, parseOr400(hotlineMetricsQuerySchema, req.query));
    await ctx.orgTree.refresh();
    const result = computeHotlineRates(orders, range);
    res.json({
      from: range.from.toISOString(), to: range.to.toISOString(), granularity: range.weekly ? 'week' : 'day', ...(q.unitId ? { unitId: q.unitId } : {}), ...result,
      byUnit: result.byUnit.map((u) => ({ ...u, name: ctx.orgTree.get(u.unitId)?.name ?? u.unitId })),
    });
  });

  // The drill-down: the orders behind one rate, for a unit and a period of the trend; each says whether it counted.
  router.get('/hotline/orders', async (req, res) => {
    const { q, range, orders } = await loadHotlineOrders(ctx, res, parseOr400(hotlineDrillDownQuerySchema, req.query));
    const entries = rateEntries(orders, range)
      .filter((e) => e.rate === q.rate && (!q.unitId || e.unitId === q.unitId) && (!q.period || e.period === q.period));
    const ids = [...new Set(entries.map((e) => e.instanceId))];
    const rows = ids.length === 0 ? [] : await ctx.db.select({ id: instances.id, title: instances.title, status: instances.status })
      .from(instances).where(inArray(instances.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const byOrder = new Map(orders.map((o) => [o.instanceId, o]));
    await ctx.orgTree.refresh();
    const iso = (d: Date | null | undefined) => (d ? toShanghaiIso(d) : null);
    res.json({
      rate: q.rate, from: range.from.toISOString(), to: range.to.toISOString(), granularity: range.weekly ? 'week' : 'day',
      items: entries.slice(0, 500).map((e) => {
        const order = byOrder.get(e.instanceId)!;
        const dispatch = e.seq === undefined ? undefined : order.dispatches.find((d, i) => (d.seq ?? i + 1) === e.seq);
        return {
          instanceId: e.instanceId, title: byId.get(e.instanceId)?.title ?? e.instanceId, status: byId.get(e.instanceId)?.status ?? null,
          unitId: e.unitId, unitName: ctx.orgTree.get(e.unitId)?.name ?? e.unitId, period: e.period, at: toShanghaiIso(e.at), met: e.met,
          contactDueAt: iso(dispatch?.contactDueAt), contactedAt: iso(dispatch?.contactedAt),
          resolved: e.rate === 'response' ? null : order.resolved, satisfaction: e.rate === 'response' ? null : order.satisfaction,
        };
      }),
      truncated: entries.length > 500,
    });
  });

  router.get('/kpis', async (req, res) => {
    const actor = requireRole(res, ['district_leader', 'auditor', 'admin', 'shift_chief', 'dispatcher'], 'reading KPIs');
    const q = parseOr400(kpiQuerySchema, req.query);
    // District roles read every unit; a street's command centre reads its own street only.
    if (!readsAll(actor)) {
      if (q.orgUnitId && !actor.scopeOrgUnitIds.includes(q.orgUnitId)) throw forbidden('KPIs of another street are for district roles');
      q.orgUnitId ??= actor.orgUnitId;
    }
    const now = await ctx.clock.now();
    const to = q.to ? endOfDay(q.to) : new Date(now.getTime() + 1);
    const from = q.from ? startOfDay(q.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw badRequest('the range is empty', [{ path: 'from', message: 'must be before to' }]);
    const where: SQL[] = [eq(instances.processKey, q.processKey), gte(instances.startedAt, from), lt(instances.startedAt, to),
      notInArray(instances.status, ['rejected', 'cancelled'])];
    if (q.orgUnitId) where.push(sql`jsonb_exists(${instances.orgPath}, ${q.orgUnitId})`);
    const rows = await ctx.db.select({
      instanceId: instances.id, startedAt: instances.startedAt, status: instances.status, orgPath: instances.orgPath,
      levelReached: assessments.levelReached, reworks: assessments.reworks, satisfaction: assessments.satisfaction, onTime: assessments.onTime,
    }).from(instances).leftJoin(assessments, eq(assessments.instanceId, instances.id)).where(and(...where));
    const missed = rows.length === 0 ? [] : await ctx.db.select({
      instanceId: tasks.instanceId, orgUnitId: tasks.orgUnitId,
      missed: sql<boolean>`bool_or(${tasks.status} = 'timedOut' or ${tasks.completedAt} > ${tasks.dueAt} or (${tasks.status} = 'open' and ${tasks.dueAt} < ${now}))`,
    }).from(tasks).where(inArray(tasks.instanceId, rows.map((r) => r.instanceId))).groupBy(tasks.instanceId, tasks.orgUnitId);

    await ctx.orgTree.refresh();
    const streets = new Set(ctx.orgTree.all().filter((u) => u.kind === 'street').map((u) => u.id));
    const cases = new Map<string, KpiCase>(rows.map((r) => [r.instanceId, {
      instanceId: r.instanceId, startedAt: r.startedAt, status: r.status, streetId: r.orgPath.find((id) => streets.has(id)) ?? null,
      levelReached: r.levelReached, reworks: r.reworks, satisfaction: r.satisfaction, onTime: r.onTime, unitsMissed: new Map(),
    }]));
    for (const m of missed) cases.get(m.instanceId)?.unitsMissed.set(m.orgUnitId, m.missed === true);
    const weekly = to.getTime() - from.getTime() > 62 * DAY_MS;
    const units = ctx.orgTree.all().filter((u) => !q.orgUnitId || ctx.orgTree.descendantsAndSelf(q.orgUnitId).includes(u.id) || u.kind === 'department');
    res.json({
      from: from.toISOString(), to: to.toISOString(), processKey: q.processKey, granularity: weekly ? 'week' : 'day',
      ...computeKpis([...cases.values()], units, periodOf(weekly)),
    });
  });
  return router;
}
