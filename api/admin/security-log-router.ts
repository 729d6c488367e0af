// The security log for the audit administrator (审计管理员), and for nobody else: read it page by page, export it, and
// verify its hash chain. Reading changes nothing; an export is itself a logged event.
import { Router, type Response } from 'express';
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { securityEvents } from '../../db/schema';
import { logSecurityEvent, verifySecurityLog, type SecurityEventRow } from '../../db/security-log';
import { endOfDay, startOfDay } from '../../domain/calendar/shanghai-day';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { badRequest, parseOr400 } from '../errors';
import { limitSchema } from '../pagination';
import { requireRole } from '../auth/middleware';
import { clientAddress } from '../auth/router';
import type { AppContext } from '../context';

export const securityLogQuerySchema = z.object({
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  event: z.string().regex(/^[a-zA-Z]{1,40}$/).optional(),
  cursor: z.string().regex(/^\d{1,15}$/, 'a cursor from a previous page').optional(),
  limit: limitSchema,
});
export const securityLogExportQuerySchema = securityLogQuerySchema.omit({ cursor: true, limit: true });

const EXPORT_MAX_ROWS = 100_000;

const itemOf = (r: SecurityEventRow) => ({
  seq: r.seq, at: toShanghaiIso(r.at), actor: r.actorId ? { id: r.actorId, name: r.actorName } : null, event: r.event,
  target: r.targetId ? { kind: r.targetKind, id: r.targetId } : null, data: r.data, address: r.address, prevHash: r.prevHash, hash: r.hash,
});

function filters(q: z.infer<typeof securityLogExportQuerySchema>): SQL[] {
  const where: SQL[] = [];
  if (q.from) where.push(gte(securityEvents.at, startOfDay(q.from)));
  if (q.to) where.push(lt(securityEvents.at, endOfDay(q.to)));
  if (q.event) where.push(eq(securityEvents.event, q.event));
  if (q.from && q.to && q.from > q.to) throw badRequest('the range is empty', [{ path: 'from', message: 'must not be after to' }]);
  return where;
}

const csvCell = (value: unknown): string => {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection): quote it as text.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

function sendCsv(res: Response, rows: SecurityEventRow[], filename: string): void {
  const header = ['seq', 'at', 'actorId', 'actorName', 'event', 'targetKind', 'targetId', 'data', 'address', 'prevHash', 'hash'];
  const lines = rows.map((r) => [r.seq, toShanghaiIso(r.at), r.actorId, r.actorName, r.event, r.targetKind, r.targetId, r.data, r.address, r.prevHash, r.hash].map(csvCell).join(','));
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(`\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`);
}

export function securityLogRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/security-log', async (req, res) => {
    requireRole(res, ['audit_admin'], 'reading the security log');
    const q = parseOr400(securityLogQuerySchema, req.query);
    const where = filters(q);
    if (q.cursor) where.push(lt(securityEvents.seq, Number(q.cursor)));
    const rows = await ctx.db.select().from(securityEvents).where(and(...where)).orderBy(desc(securityEvents.seq)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    res.json({ items: page.map(itemOf), nextCursor: rows.length > q.limit ? String(page[page.length - 1].seq) : null });
  });

  router.get('/security-log/export', async (req, res) => {
    const actor = requireRole(res, ['audit_admin'], 'exporting the security log');
    const q = parseOr400(securityLogExportQuerySchema, req.query);
    const rows = await ctx.db.select().from(securityEvents).where(and(...filters(q))).orderBy(desc(securityEvents.seq)).limit(EXPORT_MAX_ROWS);
    await logSecurityEvent(ctx.db, { at: await ctx.clock.now(), actor, event: 'securityLogExported', target: { kind: 'log', id: 'security-log' }, data: { ...q, rows: rows.length }, address: clientAddress(req) });
    sendCsv(res, rows, `security-log-${q.from ?? 'start'}-${q.to ?? 'now'}.csv`);
  });

  router.get('/security-log/verify', async (_req, res) => {
    requireRole(res, ['audit_admin'], 'verifying the security log');
    res.json(await verifySecurityLog(ctx.db));
  });

  return router;
}
