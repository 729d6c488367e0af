// 一公开: the published results of random inspections, for anyone, no sign-in. What goes out is named field by field
// (subject, matter, outcome, dates, plan): never an inspector, nor anything else about the people who inspected.
import { Router } from 'express';
import { and, desc, gte, ilike, isNotNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { inspectionResults } from '../../db/schema';
import { normaliseIdentifier } from '../../domain/identifiers';
import { badRequest, parseOr400 } from '../errors';
import type { AppContext } from '../context';

const day = z.string().date('must be a date (YYYY-MM-DD)');
export const publicResultsQuerySchema = z.object({
  q: z.string().max(200).optional(),
  from: day.optional(),
  to: day.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

export const publicResultSchema = z.object({
  subjectName: z.string(), creditCode: z.string(), matter: z.string(), outcome: z.enum(['compliant', 'problem', 'notFound']),
  inspectedOn: z.string(), publishedOn: z.string(), planTitle: z.string(),
});

const cursorSchema = z.tuple([day, z.string().max(100), z.string().max(18)]);
const encode = (key: [string, string, string]) => Buffer.from(JSON.stringify(key)).toString('base64url');
function decode(cursor: string): [string, string, string] {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
  } catch {
    throw badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor this API issued' }]);
  }
}
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function publicResultsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/inspection-results', async (req, res) => {
    const { q, from, to, cursor, limit } = parseOr400(publicResultsQuerySchema, req.query);
    if (from && to && from > to) throw badRequest('invalid period', [{ path: 'to', message: 'on or after from' }]);
    const r = inspectionResults;
    const where: SQL[] = [isNotNull(r.publishedOn)];
    const term = q?.trim();
    if (term) {
      const code = normaliseIdentifier(term);
      const byName = ilike(r.subjectName, `%${escapeLike(term)}%`);
      where.push(/^[0-9A-Z]+$/.test(code) ? or(like(r.creditCode, `${escapeLike(code)}%`), byName)! : byName);
    }
    if (from) where.push(gte(r.inspectedOn, from));
    if (to) where.push(lte(r.inspectedOn, to));
    if (cursor) {
      const [on, instanceId, creditCode] = decode(cursor);
      where.push(sql`(${r.publishedOn}, ${r.instanceId}, ${r.creditCode}) < (${on}, ${instanceId}, ${creditCode})`);
    }
    const rows = await ctx.db.select({
      subjectName: r.subjectName, creditCode: r.creditCode, matter: r.matter, outcome: r.outcome,
      inspectedOn: r.inspectedOn, publishedOn: r.publishedOn, planTitle: r.planTitle, instanceId: r.instanceId,
    }).from(r).where(and(...where)).orderBy(desc(r.publishedOn), desc(r.instanceId), desc(r.creditCode)).limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    res.json({
      items: page.map(({ instanceId: _plan, ...item }) => ({ ...item, publishedOn: item.publishedOn! })),
      nextCursor: rows.length > limit ? encode([last.publishedOn!, last.instanceId, last.creditCode]) : null,
    });
  });
  return router;
}
