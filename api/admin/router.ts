// Admin operations. The clock exists only in simulation mode (the time-skipping server); otherwise 404.
import { Router } from 'express';
import { z } from 'zod';
import { desc, isNull } from 'drizzle-orm';
import { alerts } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { requireRole } from '../auth/middleware';
import { notFound, parseOr400 } from '../errors';
import type { AppContext } from '../context';

/** ISO-8601 durations of days, hours, minutes and seconds: P2D, PT4H, P1DT30M. */
export function parseDuration(text: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [, d, h, min, s] = m.map((x) => Number(x ?? 0));
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000;
}

export const advanceBodySchema = z.object({
  duration: z.string().refine((d) => parseDuration(d) !== null && parseDuration(d)! > 0 && parseDuration(d)! <= 400 * 86_400_000, 'must be an ISO-8601 duration such as P2D or PT4H, at most 400 days'),
}).strict();

export function adminRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/clock/advance', async (req, res) => {
    if (!ctx.simulation) throw notFound('the clock can be advanced only in simulation mode');
    requireRole(res, ['admin'], 'advancing the clock');
    const { duration } = parseOr400(advanceBodySchema, req.body);
    const now = await ctx.simulation.advance(parseDuration(duration)!);
    res.json({ now: toShanghaiIso(now) });
  });
  // Conditions administrators must act on (a push failing for a long time); `?status=all` includes cleared ones.
  router.get('/alerts', async (req, res) => {
    requireRole(res, ['admin'], 'reading alerts');
    const rows = await ctx.db.select().from(alerts).where(req.query.status === 'all' ? undefined : isNull(alerts.clearedAt))
      .orderBy(desc(alerts.raisedAt)).limit(500);
    res.json({ alerts: rows.map((a) => ({
      key: a.key, kind: a.kind, instanceId: a.instanceId, message: a.message, data: a.data,
      raisedAt: toShanghaiIso(a.raisedAt), clearedAt: a.clearedAt ? toShanghaiIso(a.clearedAt) : null,
    })) });
  });
  router.get('/clock', async (_req, res) => {
    res.json({ now: toShanghaiIso(await ctx.clock.now()), simulation: Boolean(ctx.simulation) });
  });
  return router;
}
